#!/usr/bin/env bash
# Bank transfers with retries at REPEATABLE READ and SERIALIZABLE (test/e2e/bank_transfer.py) against
# one `kanto serve`, 2 s per level. The 30-second version: bench/serializable/run.
#   test/e2e/bank_transfer.sh BUILD_DIR [bank_transfer.py options]
#   test/e2e/bank_transfer.sh --postgresql HOST PORT USER DBNAME [options]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
if [[ "${1:-}" == "--postgresql" ]]; then
  shift
  exec /usr/bin/python3 "$src/test/e2e/bank_transfer.py" --host "$1" --port "$2" --user "$3" --dbname "$4" "${@:5}"
fi
build=$1
shift
source "$src/test/e2e/lib.sh"
start_kanto "$build"
/usr/bin/python3 "$src/test/e2e/bank_transfer.py" --port "$port" "$@"
