#!/usr/bin/env bash
# ALTER TABLE ... ALTER COLUMN TYPE and SET SCHEMA with concurrent sessions
# (test/e2e/alter_table_concurrency.py) against one `kanto serve`. The expectations are PostgreSQL
# 15's; to check them against a PostgreSQL server:
#   test/e2e/alter_table_concurrency.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
if [[ "${1:-}" == "--postgresql" ]]; then
  exec /usr/bin/python3 "$src/test/e2e/alter_table_concurrency.py" --host "$2" --port "$3" --user "$4" --dbname "$5"
fi
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
/usr/bin/python3 "$src/test/e2e/alter_table_concurrency.py" --port "$port"
