#!/usr/bin/env bash
# Privileges beyond tables through psql against `kanto serve`: sequences (nextval / currval /
# setval / lastval, a serial column's DEFAULT, SELECT FROM a sequence, pg_sequences, ON ALL
# SEQUENCES IN SCHEMA, ON TABLE naming a sequence), schemas (USAGE for qualified names and the
# search path, CREATE for new objects, the public schema), ALTER DEFAULT PRIVILEGES (pg_default_acl,
# \ddp, the ACLs new objects take), with the errors and WARNINGs PostgreSQL 15 gives, reconnecting
# as each role (\c); the output must read as PostgreSQL 15's (privileges_objects_psql.expected).
# To regenerate the expectation, as a superuser role named kanto in a database it owns on a
# PostgreSQL server without the roles obj_user and obj_other:
#   test/e2e/privileges_objects_psql.sh --postgresql HOST PORT kanto DBNAME
set -euo pipefail
source "$(dirname "$0")/lib.sh"
psql_like_postgresql privileges_objects_psql "$@"
