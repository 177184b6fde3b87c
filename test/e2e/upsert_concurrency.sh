#!/usr/bin/env bash
# INSERT ... ON CONFLICT with concurrent sessions (test/e2e/upsert_concurrency.py) against one
# `kanto serve`: two sessions stepping at each isolation level, then N sessions x M upserts on K
# keys (the figures are printed). The expectations are PostgreSQL 15's; to check them against a
# PostgreSQL server:
#   test/e2e/upsert_concurrency.sh --postgresql HOST PORT USER DBNAME [--sessions N --upserts M --keys K]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
python_against upsert_concurrency "$@"
