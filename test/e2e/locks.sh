#!/usr/bin/env bash
# Heavyweight locks and session control (test/e2e/locks.py) against one `kanto serve`: advisory
# locks, LOCK TABLE, deadlocks across row / table / advisory locks, pg_cancel_backend,
# pg_terminate_backend, pg_stat_activity, pg_locks and the idle timeouts.
# The expectations are PostgreSQL 15's; to check them against a PostgreSQL server:
#   test/e2e/locks.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
python_against locks "$@"
