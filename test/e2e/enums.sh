#!/usr/bin/env bash
# Enum types through psycopg2 and SQLAlchemy (test/e2e/enum_clients.py) against `kanto serve`, then
# the type and its rows after a restart. With the reference PostgreSQL given
# (enums.sh BUILD --postgresql HOST PORT USER DBNAME) the same steps run there too and the answers
# must agree.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
pg=()
if [[ "${2:-}" == "--postgresql" ]]; then pg=("postgresql://$5@$3:$4/$6"); fi
kanto_dsn="postgresql://kanto@127.0.0.1:$port/kanto"
timeout 60 /usr/bin/python3 "$src/test/e2e/enum_clients.py" "$kanto_dsn" "${pg[@]}"
restart_kanto "$build" "$dir/log2"
timeout 60 /usr/bin/python3 "$src/test/e2e/enum_clients.py" --after-restart "$kanto_dsn"
