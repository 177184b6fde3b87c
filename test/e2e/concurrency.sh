#!/usr/bin/env bash
# Concurrency scenarios (test/e2e/concurrency.py) against one `kanto serve`: Hermitage at READ
# COMMITTED, REPEATABLE READ and SERIALIZABLE, serializable snapshot isolation's cases,
# EvalPlanQual, row locks, deadlocks and invariants under load.
# The expectations are PostgreSQL 15's; to check them against a PostgreSQL server:
#   test/e2e/concurrency.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
if [[ "${1:-}" == "--postgresql" ]]; then
  shift
  exec /usr/bin/python3 "$src/test/e2e/concurrency.py" --target postgresql --host "$1" --port "$2" --user "$3" \
    --dbname "$4" "${@:5}"
fi
build=$1
shift
source "$src/test/e2e/lib.sh"
start_kanto "$build"
/usr/bin/python3 "$src/test/e2e/concurrency.py" --port "$port" "$@"
