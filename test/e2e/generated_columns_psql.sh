#!/usr/bin/env bash
# psql against `kanto serve` with stored generated columns: \d's "generated always as (...) stored",
# COPY FROM and TO (generated columns computed, never read or written: 42P10 when named), the
# DETAIL / HINT / NOTICE lines of their errors, DROP COLUMN ... CASCADE and DROP EXPRESSION, which
# must read as PostgreSQL 15's (generated_columns_psql.expected). To regenerate the expectation from
# a PostgreSQL server, in a fresh database:
#   test/e2e/generated_columns_psql.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
psql_like_postgresql generated_columns_psql "$@"
