#!/usr/bin/env bash
# psql against `kanto serve`: \sv, \sv+, \d+ and \dv of views (pg_get_viewdef's pretty text, the
# view's columns) must read as PostgreSQL 15's (views_psql.expected). To regenerate the expectation
# from a PostgreSQL server, as a role named kanto (the owner psql prints) in a fresh database it
# owns:  test/e2e/views_psql.sh --postgresql HOST PORT kanto DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
psql_like_postgresql views_psql "$@"
