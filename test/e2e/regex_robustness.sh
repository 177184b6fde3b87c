#!/usr/bin/env bash
# Regular expressions, SIMILAR TO and LIKE cannot take the server down: the statements that used
# to exhaust its stack (std::regex recursed per character) get PostgreSQL's answers in bounded
# time, a backtracking pattern that needs too much work fails with 2201B, and the server still
# answers afterwards on the same and on a new connection.
set -euo pipefail
build=$1
source "$(dirname "$0")/lib.sh"
start_kanto "$build"

# statement, PostgreSQL 15's answer
check() {
  local sql=$1 want=$2 start out
  start=$(date +%s%N)
  out=$(timeout 20 psql -XAt -c "$sql" 2>&1) || { echo "failed: $sql: $out"; exit 1; }
  local ms=$((($(date +%s%N) - start) / 1000000))
  [[ "$out" == "$want" ]] || { echo "$sql: got '$out', want '$want'"; exit 1; }
  ((ms < 10000)) || { echo "$sql took $ms ms"; exit 1; }
  echo "ok ${ms}ms: $sql"
}
check "SELECT repeat('a', 100000) ~ '(a|b)*c'" f
check "SELECT repeat('a', 100000) ~ '^(a+)+\$'" t
check "SELECT repeat('ab', 100000) SIMILAR TO '(a|b)*'" t
check "SELECT repeat('a', 100000) LIKE '%a%a%a%a%a%b'" f
check "SELECT regexp_replace(repeat('ab', 100000), '(a|b)+', 'x')" x

# Exponential backtracking (a back reference forces PCRE2) ends in 2201B; the session goes on.
out=$(psql -XAt -v VERBOSITY=verbose <<'SQL' 2>&1 || true
SELECT (repeat('a', 60) || 'cb') ~ '^(a|aa)+(\1)?b';
SELECT 'still here';
SQL
)
grep -q "2201B" <<<"$out" || { echo "limit: $out"; exit 1; }
grep -q "still here" <<<"$out" || { echo "session after limit: $out"; exit 1; }

kill -0 "$pid" || { echo "server died"; cat "$dir/log"; exit 1; }
[[ "$(psql -XAt -c 'SELECT 1')" == 1 ]] || { echo "server does not answer"; exit 1; }
echo "regex robustness ok"
