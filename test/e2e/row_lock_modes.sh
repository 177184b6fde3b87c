#!/usr/bin/env bash
# The four row lock strengths (test/e2e/row_lock_modes.py) against one `kanto serve`: every pair
# of strengths, the strength each write and foreign key check takes, deadlocks through them.
# The expectations are PostgreSQL 15's; to check them against a PostgreSQL server:
#   test/e2e/row_lock_modes.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
if [[ "${1:-}" == "--postgresql" ]]; then
  shift
  exec /usr/bin/python3 "$src/test/e2e/row_lock_modes.py" --target postgresql --host "$1" --port "$2" --user "$3" \
    --dbname "$4" "${@:5}"
fi
build=$1
shift
source "$src/test/e2e/lib.sh"
start_kanto "$build"
/usr/bin/python3 "$src/test/e2e/row_lock_modes.py" --port "$port" "$@"
