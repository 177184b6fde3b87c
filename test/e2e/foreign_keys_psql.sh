#!/usr/bin/env bash
# psql against `kanto serve`: \d's "Foreign-key constraints:" and "Referenced by:" sections, the
# DETAIL / HINT / NOTICE lines of foreign key errors, and \d of a serial table, \di, \ds, \dv and \d
# of a sequence and a view must read as PostgreSQL 15's (foreign_keys_psql.expected). To regenerate
# the expectation from a PostgreSQL server, as a role named kanto (the owner psql prints) in a fresh
# database it owns:  test/e2e/foreign_keys_psql.sh --postgresql HOST PORT kanto DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
sql="$src/test/e2e/foreign_keys_psql.sql"
expected="$src/test/e2e/foreign_keys_psql.expected"
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
