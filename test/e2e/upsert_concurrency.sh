#!/usr/bin/env bash
# INSERT ... ON CONFLICT with concurrent sessions (test/e2e/upsert_concurrency.py) against one
# `kanto serve`: two sessions stepping at each isolation level, then N sessions x M upserts on K
# keys (the figures are printed). The expectations are PostgreSQL 15's; to check them against a
# PostgreSQL server:
#   test/e2e/upsert_concurrency.sh --postgresql HOST PORT USER DBNAME [--sessions N --upserts M --keys K]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
if [[ "${1:-}" == "--postgresql" ]]; then
  exec /usr/bin/python3 "$src/test/e2e/upsert_concurrency.py" --host "$2" --port "$3" --user "$4" --dbname "$5" "${@:6}"
fi
build=$1
shift
source "$src/test/e2e/lib.sh"
start_kanto "$build"
/usr/bin/python3 "$src/test/e2e/upsert_concurrency.py" --port "$port" "$@"
