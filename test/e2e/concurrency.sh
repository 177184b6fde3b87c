#!/usr/bin/env bash
# Concurrency scenarios (test/e2e/concurrency.py) against one `kanto serve`: Hermitage at READ
# COMMITTED, REPEATABLE READ and SERIALIZABLE, serializable snapshot isolation's cases,
# EvalPlanQual, row locks, deadlocks and invariants under load.
# The expectations are PostgreSQL 15's; to check them against a PostgreSQL server:
#   test/e2e/concurrency.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
python_against concurrency "$@"
