#!/usr/bin/env bash
# RowDescription of prepared statements' portals (test/e2e/described_portals.py: statements taking
# turns, text and binary results, a name parsed again) against `kanto serve` and a PostgreSQL 15
# (the reference one when given: described_portals.sh BUILD --postgresql HOST PORT USER DBNAME;
# else a private one started here): the descriptions and values must agree.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
postgresql_dsn "$@"
timeout 60 /usr/bin/python3 "$src/test/e2e/described_portals.py" "postgresql://kanto@127.0.0.1:$port/kanto" "$pg_dsn"
