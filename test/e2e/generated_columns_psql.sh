#!/usr/bin/env bash
# psql against `kanto serve` with stored generated columns: \d's "generated always as (...) stored",
# COPY FROM and TO (generated columns computed, never read or written: 42P10 when named), the
# DETAIL / HINT / NOTICE lines of their errors, DROP COLUMN ... CASCADE and DROP EXPRESSION, which
# must read as PostgreSQL 15's (generated_columns_psql.expected). To regenerate the expectation from
# a PostgreSQL server, in a fresh database:
#   test/e2e/generated_columns_psql.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
sql="$src/test/e2e/generated_columns_psql.sql"
expected="$src/test/e2e/generated_columns_psql.expected"
run() { psql -X -q -h "$1" -p "$2" -U "$3" -d "$4" -f - <"$sql" 2>&1; }
if [[ "${1:-}" == "--postgresql" ]]; then
  run "$2" "$3" "$4" "$5" >"$expected"
  exit 0
fi
source "$src/test/e2e/lib.sh"
start_kanto "$1"
if ! diff -u "$expected" <(run 127.0.0.1 "$port" kanto kanto); then
  echo "FAIL: psql output differs from PostgreSQL's"
  exit 1
fi
echo "ok: psql output as PostgreSQL's"
