#!/usr/bin/env bash
# asyncpg (test/e2e/asyncpg_client.py) against `kanto serve` and against a private PostgreSQL 15 this
# script starts: the same steps run on both and their answers must agree.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
kanto_and_postgresql "$1"
timeout 60 /usr/bin/python3 "$src/test/e2e/asyncpg_client.py" "postgresql://kanto@127.0.0.1:$port/kanto" \
  "postgresql://kanto@127.0.0.1:$pgport/kanto"
