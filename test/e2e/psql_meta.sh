#!/usr/bin/env bash
# psql's meta-commands (\d, \d+, \dt+, \di+, \ds+, \dv, \dn+, \du, \df, \dx, \dp, \l+, \dT, \dD,
# \dy, \sf, \dC) against `kanto serve` must print what PostgreSQL 15 prints for the same schema
# (psql_meta.sql; psql_meta.expected is PostgreSQL's output). Both run the script as role kanto in a
# database psqlmeta_e2e (owner kanto, locale C) with a role psqlmeta_app, so owners and locales agree.
# Three differences are taken out of the comparison, here and nowhere else:
#   - sizes: Kanto's storage is not PostgreSQL's heap, so the Size fields of \dt+, \di+, \ds+ and
#     \l+ (printed unaligned by psql_meta.sql) become SIZE in both outputs (the sed in `mask`);
#   - the reference database has no plpgsql extension (Kanto has no PL/pgSQL, so its \dx is empty);
#   - the reference's public schema is recreated by kanto, as Kanto's is owned by its bootstrap role
#     (PostgreSQL 15's belongs to pg_database_owner, with its ACL and comment).
# To regenerate the expectation from a PostgreSQL server that has a role kanto (run as a superuser):
#   test/e2e/psql_meta.sh --postgresql HOST PORT SUPERUSER
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
db=psqlmeta_e2e
mask() { sed -E 's/\|-?[0-9]+ (bytes|kB|MB|GB)(\||$)/|SIZE\2/g'; }
if [[ "${1:-}" == "--postgresql" ]]; then
  pg=(-X -q -h "$2" -p "$3")
  psql "${pg[@]}" -U "$4" -d postgres -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
DROP ROLE IF EXISTS psqlmeta_app;
CREATE ROLE psqlmeta_app LOGIN CREATEDB;
CREATE DATABASE $db OWNER kanto TEMPLATE template0 LOCALE 'C';
SQL
  psql "${pg[@]}" -U "$4" -d "$db" -v ON_ERROR_STOP=1 -c "DROP EXTENSION plpgsql" -c "DROP SCHEMA public"
  psql "${pg[@]}" -U kanto -d "$db" -v ON_ERROR_STOP=1 -c "CREATE SCHEMA public"
  psql "${pg[@]}" -U kanto -d "$db" -f - <"$here/psql_meta.sql" >"$here/psql_meta.expected" 2>&1
  exit 0
fi
start_kanto "$1"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db" -c "CREATE ROLE psqlmeta_app LOGIN CREATEDB"
if ! diff -u <(mask <"$here/psql_meta.expected") <(psql -X -q -d "$db" -f - <"$here/psql_meta.sql" 2>&1 | mask); then
  echo "FAIL: psql meta-command output differs from PostgreSQL's"
  exit 1
fi
echo "ok: psql meta-commands as PostgreSQL's"
