#!/usr/bin/env bash
# psql against `kanto serve`: \d's "Foreign-key constraints:" and "Referenced by:" sections, the
# DETAIL / HINT / NOTICE lines of foreign key errors, and \d of a serial table, \di, \ds, \dv and \d
# of a sequence and a view must read as PostgreSQL 15's (foreign_keys_psql.expected). To regenerate
# the expectation from a PostgreSQL server, as a role named kanto (the owner psql prints) in a fresh
# database it owns:  test/e2e/foreign_keys_psql.sh --postgresql HOST PORT kanto DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
psql_like_postgresql foreign_keys_psql "$@"
