#!/usr/bin/env bash
# asyncpg against `kanto serve` (test/e2e/asyncpg_client.py). With the reference PostgreSQL given
# (asyncpg.sh BUILD --postgresql HOST PORT USER DBNAME) the same steps run there too and the
# answers must agree.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
pg=()
if [[ "${2:-}" == "--postgresql" ]]; then pg=("postgresql://$5@$3:$4/$6"); fi
timeout 60 /usr/bin/python3 "$src/test/e2e/asyncpg_client.py" "postgresql://kanto@127.0.0.1:$port/kanto" "${pg[@]}"
