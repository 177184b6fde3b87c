#!/usr/bin/env bash
# Heavyweight locks and session control (test/e2e/locks.py) against one `kanto serve`: advisory
# locks, LOCK TABLE, deadlocks across row / table / advisory locks, pg_cancel_backend,
# pg_terminate_backend, pg_stat_activity, pg_locks and the idle timeouts.
# The expectations are PostgreSQL 15's; to check them against a PostgreSQL server:
#   test/e2e/locks.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
if [[ "${1:-}" == "--postgresql" ]]; then
  shift
  exec /usr/bin/python3 "$src/test/e2e/locks.py" --target postgresql --host "$1" --port "$2" --user "$3" \
    --dbname "$4" "${@:5}"
fi
build=$1
shift
source "$src/test/e2e/lib.sh"
start_kanto "$build"
/usr/bin/python3 "$src/test/e2e/locks.py" --port "$port" "$@"
