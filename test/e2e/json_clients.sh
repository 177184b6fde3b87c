#!/usr/bin/env bash
# json and jsonb through psycopg2, psycopg 3 and asyncpg (test/e2e/json_clients.py) and node pg
# (test/e2e/node/json.mjs), each compared with a PostgreSQL 15: the reference one when given
# (json_clients.sh BUILD --postgresql HOST PORT USER DBNAME), else a private one started here.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
kanto_dsn="postgresql://kanto@127.0.0.1:$port/kanto"
postgresql_dsn "$@"
timeout 120 /usr/bin/python3 "$src/test/e2e/json_clients.py" "$kanto_dsn" "$pg_dsn"
(cd "$src/test/e2e/node" && timeout 60 node json.mjs "$kanto_dsn" "$pg_dsn")
