#!/usr/bin/env bash
# Enum types through psycopg2, psycopg 3 and SQLAlchemy (test/e2e/enum_clients.py) against `kanto
# serve` and a PostgreSQL 15 (the reference one when given: enums.sh BUILD --postgresql HOST PORT
# USER DBNAME; else a private one started here), whose answers must agree; then the type and its
# rows after a restart of Kanto.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
postgresql_dsn "$@"
kanto_dsn="postgresql://kanto@127.0.0.1:$port/kanto"
timeout 60 /usr/bin/python3 "$src/test/e2e/enum_clients.py" "$kanto_dsn" "$pg_dsn"
restart_kanto "$build" "$dir/log2"
timeout 60 /usr/bin/python3 "$src/test/e2e/enum_clients.py" --after-restart "$kanto_dsn"
