#!/usr/bin/env bash
# Streaming cursors through the server (test/e2e/cursors.py): memory, command tags, psycopg2 named
# cursors, mid-way errors, snapshots. To check the expectations on PostgreSQL 15:
#   PGHOST=... PGPORT=... PGUSER=... PGDATABASE=... /usr/bin/python3 test/e2e/cursors.py 0
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
start_kanto "$build"
timeout 60 /usr/bin/python3 "$src/test/e2e/cursors.py" "$pid"
