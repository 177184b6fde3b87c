#!/usr/bin/env bash
# LISTEN / NOTIFY with psycopg2, psycopg 3 (test/e2e/notify.py) and node pg (test/e2e/node/notify.mjs)
# against one `kanto serve`. The expectations are PostgreSQL 15's; to check them there:
#   test/e2e/notify.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
if [[ "${1:-}" == "--postgresql" ]]; then
  /usr/bin/python3 "$src/test/e2e/notify.py" --host "$2" --port "$3" --user "$4" --dbname "$5"
  exec node "$src/test/e2e/node/notify.mjs" "$2" "$3" "$4" "$5"
fi
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
/usr/bin/python3 "$src/test/e2e/notify.py" --port "$port"
node "$src/test/e2e/node/notify.mjs" 127.0.0.1 "$port" kanto kanto
