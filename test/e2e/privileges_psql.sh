#!/usr/bin/env bash
# The privilege matrix through psql against `kanto serve`: every statement kind (SELECT, INSERT,
# UPDATE, DELETE, RETURNING, ON CONFLICT, TRUNCATE, COPY, views read with their owner's privileges)
# by a role without and with the privilege, GRANT / REVOKE (PUBLIC, WITH GRANT OPTION, GRANT OPTION
# FOR, CASCADE, ALL TABLES IN SCHEMA), relacl, has_table_privilege and acldefault, reconnecting as
# each role (\c); the output must read as PostgreSQL 15's (privileges_psql.expected). To regenerate
# the expectation, as a superuser role named kanto in a database of a PostgreSQL server without
# the roles priv_user and priv_other:  test/e2e/privileges_psql.sh --postgresql HOST PORT kanto DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
psql_like_postgresql privileges_psql "$@"
