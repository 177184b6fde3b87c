#!/usr/bin/env bash
# ALTER TABLE ... ALTER COLUMN TYPE and SET SCHEMA with concurrent sessions
# (test/e2e/alter_table_concurrency.py) against one `kanto serve`. The expectations are PostgreSQL
# 15's; to check them against a PostgreSQL server:
#   test/e2e/alter_table_concurrency.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
python_against alter_table_concurrency "$@"
