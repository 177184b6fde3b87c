#!/usr/bin/env bash
# The table locks of foreign key checks and actions (test/e2e/foreign_key_table_locks.py) against
# one `kanto serve`. The expectations are PostgreSQL 15's; to check them against a PostgreSQL server:
#   test/e2e/foreign_key_table_locks.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
python_against foreign_key_table_locks "$@"
