#!/usr/bin/env bash
# Statements and messages that must not take the server down: each case sends its input through
# psql to one shared `kanto serve`, checks the SQLSTATE or the answer PostgreSQL 15 gives, and then
# that the server still answers. A second session stays open throughout and must survive.
# Add a case as one function `case_NAME` and list it in CASES.
set -euo pipefail
build=$1
source "$(dirname "$0")/lib.sh"
# The second session (below) is stopped with the server.
e2e_cleanup() { [[ -n "${keeper:-}" ]] && { kill "$keeper" 2>/dev/null || true; wait "$keeper" 2>/dev/null || true; }; }
start_kanto "$build"
# An ASan build's frames are several times larger: there every session gets a 6MB budget
# (the statement threads have 64MB of stack) for the depths PostgreSQL answers with 2MB.
budget_kb=2048
if grep -q __asan_init "$build/kanto"; then
  export PGOPTIONS="-c max_stack_depth=6MB"
  budget_kb=6144
fi

fail() { echo "robustness: $*"; exit 1; }

# Runs the SQL in file $1 and prints psql's output (with SQLSTATEs) on stdout.
run_file() { psql -X -At -v VERBOSITY=verbose -f "$1" 2>&1 || true; }

# The server is alive and answers a fresh session.
check_alive() {
  kill -0 "$pid" 2>/dev/null || fail "server died after $1"
  [[ "$(psql -X -At -c 'SELECT 42' 2>&1)" == "42" ]] || fail "server does not answer after $1"
}

# SQL generators (python keeps the long lines out of this file).
gen() { /usr/bin/python3 -c "$1" > "$dir/case.sql"; }

case_deep_plus_answered() {
  gen 'print("SELECT " + "+".join(["1"] * 4000) + ";")'
  [[ "$(run_file "$dir/case.sql")" == "4000" ]] || fail "1+1+... (4,000 terms) not answered"
}

case_deep_plus_refused() {
  for n in 20000 100000 1000000; do
    gen "print('SELECT ' + '+'.join(['1'] * $n) + ';')"
    out=$(run_file "$dir/case.sql")
    grep -q "54001: stack depth limit exceeded" <<<"$out" || fail "1+1+... ($n terms): $(head -c 300 <<<"$out")"
    grep -qF "HINT:  Increase the configuration parameter \"max_stack_depth\" (currently ${budget_kb}kB)" <<<"$out" ||
      fail "1+1+... ($n terms) without PostgreSQL's hint: $(head -c 300 <<<"$out")"
    check_alive "1+1+... ($n terms)"
  done
}

case_deep_union() {
  gen 'print("SELECT count(*) FROM (" + " UNION ALL ".join(["SELECT 1"] * 7000) + ") AS u;")'
  [[ "$(run_file "$dir/case.sql")" == "7000" ]] || fail "UNION ALL of 7,000 SELECTs not answered"
  gen 'print(" UNION ALL ".join(["SELECT 1"] * 200000) + ";")'
  out=$(run_file "$dir/case.sql")
  grep -q "54001" <<<"$out" || fail "UNION ALL of 200,000 SELECTs: $(head -c 300 <<<"$out")"
}

case_long_and_or() {
  gen 'print("SELECT " + " AND ".join(["true"] * 100000) + ";")'
  [[ "$(run_file "$dir/case.sql")" == "t" ]] || fail "AND of 100,000 terms not answered"
  gen 'print("SELECT " + " OR ".join(["false"] * 100000) + ";")'
  [[ "$(run_file "$dir/case.sql")" == "f" ]] || fail "OR of 100,000 terms not answered"
}

case_deep_parentheses() {
  # Nesting is bounded by the grammar's own stack (PostgreSQL: 42601 "memory exhausted").
  gen 'print("SELECT " + "(" * 20000 + "1" + ")" * 20000 + ";")'
  out=$(run_file "$dir/case.sql")
  grep -q '42601: memory exhausted at or near "("' <<<"$out" || fail "20,000 parentheses: $(head -c 300 <<<"$out")"
  gen 'print("SELECT " + "(" * 9000 + "1" + ")" * 9000 + ";")'
  [[ "$(run_file "$dir/case.sql")" == "1" ]] || fail "9,000 parentheses not answered"
  gen 'print("SELECT " + "1+(" * 9000 + "1" + ")" * 9000 + ";")'
  out=$(run_file "$dir/case.sql")
  grep -q '42601: memory exhausted at or near "1"' <<<"$out" || fail "1+(1+(... 9,000 deep: $(head -c 300 <<<"$out")"
  gen 'print("SELECT " + "1+(" * 3000 + "1" + ")" * 3000 + ";")'
  # (right-deep nesting recurses in every phase: under ASan 3,000 levels do not fit even 6MB)
  if [[ $budget_kb == 2048 ]]; then
    [[ "$(run_file "$dir/case.sql")" == "3001" ]] || fail "1+(1+(... 3,000 deep not answered"
  fi
}

# Answered, not timed (speed belongs in bench/): the statement_timeout only stops a run that
# went quadratic (minutes) from hanging the suite; a loaded machine or ASan takes seconds.
case_long_in_list() {
  gen 'print("SET statement_timeout = 120000;\nSELECT 9999 IN (" + ", ".join(str(i) for i in range(100000)) + ");")'
  out=$(run_file "$dir/case.sql")
  [[ "$out" == $'SET\nt' ]] || fail "IN list of 100,000 constants not answered: $(head -c 300 <<<"$out")"
}

case_max_stack_depth_setting() {
  out=$(psql -X -At -v VERBOSITY=verbose -c "SET max_stack_depth = '1GB'" 2>&1 || true)
  grep -q "22023" <<<"$out" || fail "max_stack_depth beyond the thread stack: $out"
  grep -q 'must not exceed' <<<"$out" || fail "max_stack_depth beyond the thread stack: $out"
  # The server's statement threads have room for a much larger budget than the 8MB default stack.
  gen 'print("SET max_stack_depth = \"32MB\"; SELECT " + "+".join(["1"] * 30000) + ";")'
  out=$(run_file "$dir/case.sql")
  [[ "$out" == $'SET\n30000' ]] || fail "30,000 terms with max_stack_depth 32MB: $(head -c 300 <<<"$out")"
}

CASES=(deep_plus_answered deep_plus_refused deep_union long_and_or deep_parentheses long_in_list
       max_stack_depth_setting)

# A second session, open throughout: it must still answer at the end.
mkfifo "$dir/keeper.in"
psql -X -At < "$dir/keeper.in" > "$dir/keeper.out" 2>&1 &
keeper=$!
exec 3> "$dir/keeper.in"
echo "SELECT 'keeper started';" >&3

for c in "${CASES[@]}"; do
  "case_$c"
  check_alive "$c"
done

echo "SELECT 'keeper alive';" >&3
exec 3>&-
wait "$keeper" || true
keeper=
grep -q "keeper alive" "$dir/keeper.out" || fail "the second session did not survive: $(cat "$dir/keeper.out")"
echo "robustness: ${#CASES[@]} cases passed"
