#!/usr/bin/env bash
# MERGE with two concurrent sessions (test/e2e/merge_concurrency.py) against one `kanto serve`. The
# expectations are PostgreSQL 15's; to check them against a PostgreSQL server:
#   test/e2e/merge_concurrency.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
python_against merge_concurrency "$@"
