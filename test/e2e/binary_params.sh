#!/usr/bin/env bash
# Binary Bind parameters crafted byte by byte (test/e2e/binary_params.py: enums, enum arrays,
# records, misfits) against `kanto serve` and a PostgreSQL 15 (the reference one when given:
# binary_params.sh BUILD --postgresql HOST PORT USER DBNAME; else a private one started here):
# the values and errors must agree.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
postgresql_dsn "$@"
timeout 60 /usr/bin/python3 "$src/test/e2e/binary_params.py" "postgresql://kanto@127.0.0.1:$port/kanto" "$pg_dsn"
