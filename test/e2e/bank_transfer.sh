#!/usr/bin/env bash
# Bank transfers with retries at REPEATABLE READ and SERIALIZABLE (test/e2e/bank_transfer.py) against
# one `kanto serve`, 2 s per level. The 30-second version: bench/serializable/run.
#   test/e2e/bank_transfer.sh BUILD_DIR [bank_transfer.py options]
#   test/e2e/bank_transfer.sh --postgresql HOST PORT USER DBNAME [options]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
python_against bank_transfer "$@"
