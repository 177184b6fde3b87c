#!/usr/bin/env bash
# Role membership (GRANT role TO role, ADMIN OPTION, INHERIT / NOINHERIT) and SET ROLE / SET SESSION
# AUTHORIZATION over real psql connections as different login roles (\c - role): the output must
# read as PostgreSQL 15's (roles_psql.expected). Regenerate it from a PostgreSQL server with trust
# authentication for the e2r_ roles:  test/e2e/roles_psql.sh --postgresql HOST PORT postgres DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
psql_like_postgresql roles_psql "$@"
