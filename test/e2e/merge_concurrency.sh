#!/usr/bin/env bash
# MERGE with two concurrent sessions (test/e2e/merge_concurrency.py) against one `kanto serve`. The
# expectations are PostgreSQL 15's; to check them against a PostgreSQL server:
#   test/e2e/merge_concurrency.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
if [[ "${1:-}" == "--postgresql" ]]; then
  exec /usr/bin/python3 "$src/test/e2e/merge_concurrency.py" --host "$2" --port "$3" --user "$4" --dbname "$5"
fi
build=$1
shift
source "$src/test/e2e/lib.sh"
start_kanto "$build"
/usr/bin/python3 "$src/test/e2e/merge_concurrency.py" --port "$port" "$@"
