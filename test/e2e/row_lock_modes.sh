#!/usr/bin/env bash
# The four row lock strengths (test/e2e/row_lock_modes.py) against one `kanto serve`: every pair
# of strengths, the strength each write and foreign key check takes, deadlocks through them.
# The expectations are PostgreSQL 15's; to check them against a PostgreSQL server:
#   test/e2e/row_lock_modes.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
python_against row_lock_modes "$@"
