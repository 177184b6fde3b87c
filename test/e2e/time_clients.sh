#!/usr/bin/env bash
# time and timetz through psycopg2, psycopg 3 (text and binary), asyncpg (binary) and SQLAlchemy
# (test/e2e/time_clients.py), compared with a PostgreSQL 15: the reference one when given
# (time_clients.sh BUILD --postgresql HOST PORT USER DBNAME), else a private one started here.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
kanto_dsn="postgresql://kanto@127.0.0.1:$port/kanto"
postgresql_dsn "$@"
timeout 120 /usr/bin/python3 "$src/test/e2e/time_clients.py" "$kanto_dsn" "$pg_dsn"
