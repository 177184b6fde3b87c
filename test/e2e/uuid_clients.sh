#!/usr/bin/env bash
# uuid through psycopg2, psycopg 3, asyncpg and SQLAlchemy (test/e2e/uuid_clients.py) and node pg
# (test/e2e/node/uuid.mjs), each compared with a PostgreSQL 15: the reference one when given
# (uuid_clients.sh BUILD --postgresql HOST PORT USER DBNAME), else a private one started here.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
kanto_dsn="postgresql://kanto@127.0.0.1:$port/kanto"
postgresql_dsn "$@"
timeout 120 /usr/bin/python3 "$src/test/e2e/uuid_clients.py" "$kanto_dsn" "$pg_dsn"
(cd "$src/test/e2e/node" && timeout 60 node uuid.mjs "$kanto_dsn" "$pg_dsn")
