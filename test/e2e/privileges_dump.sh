#!/usr/bin/env bash
# A plain pg_dump of a PostgreSQL 15 database with the privileges of a typical application (USAGE
# and CREATE on schemas, table and sequence GRANTs, GRANT ... ON ALL SEQUENCES IN SCHEMA, ALTER
# DEFAULT PRIVILEGES for tables and sequences, a REVOKE from PUBLIC) loads into `kanto serve` with
# psql -v ON_ERROR_STOP=1, and then the same roles get the same answers from both servers: the
# same rows, the same 42501 errors, the same ACLs and has_*_privilege answers, and new objects
# take the dumped default privileges. Then database privileges: CONNECT, CREATE (schemas) and
# TEMPORARY on a database of the same name in both. Then Kanto's pg_dump restores into PostgreSQL
# with the same ACLs. The PostgreSQL is a throwaway one this script starts.
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
kanto_and_postgresql "$build"
pg=(psql -h 127.0.0.1 -p "$pgport" -d postgres -X -q -v ON_ERROR_STOP=1)
kanto=(psql -h 127.0.0.1 -p "$port" -d kanto -X -q -v ON_ERROR_STOP=1)

# pg_dump writes no roles: both servers get them first. The dump's objects are owned by
# "postgres", which Kanto gets as a role of its own (not a superuser there).
roles="CREATE ROLE app_owner LOGIN; CREATE ROLE app_reader LOGIN; CREATE ROLE app_writer LOGIN; CREATE ROLE app_none LOGIN;"
"${pg[@]}" -U postgres -c "$roles"
"${kanto[@]}" -U kanto -c "CREATE ROLE postgres; $roles"
"${pg[@]}" -U postgres <<'SQL'
CREATE SCHEMA app AUTHORIZATION app_owner;
SET ROLE app_owner;
CREATE TABLE app.accounts (id serial PRIMARY KEY, name text NOT NULL, balance int DEFAULT 0);
CREATE SEQUENCE app.tickets;
CREATE TABLE app.audit (id bigserial PRIMARY KEY, note text);
INSERT INTO app.accounts (name, balance) VALUES ('ann', 10), ('bob', 20);
GRANT USAGE ON SCHEMA app TO app_reader, app_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA app TO app_reader;
GRANT SELECT, INSERT, UPDATE ON app.accounts TO app_writer;
GRANT INSERT ON app.audit TO app_writer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA app TO app_writer;
GRANT SELECT ON SEQUENCE app.tickets TO app_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO app_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT USAGE ON SEQUENCES TO app_writer;
RESET ROLE;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner GRANT INSERT ON TABLES TO app_writer;
GRANT CREATE ON SCHEMA public TO app_writer;
REVOKE ALL ON app.audit FROM app_reader;
SQL
"$pgbin/pg_dump" -h 127.0.0.1 -p "$pgport" -U postgres postgres > "$dir/dump.sql"
grep -q "ALTER DEFAULT PRIVILEGES" "$dir/dump.sql" || { echo "the dump has no default privileges"; exit 1; }
"${kanto[@]}" -U kanto -f "$dir/dump.sql" > "$dir/load.log" 2>&1 || { echo "loading the dump failed:"; cat "$dir/load.log"; exit 1; }

# The same statements, as each role, on both servers: the answers must be the same text.
checks=(
  "app_reader|SELECT id, name, balance FROM app.accounts ORDER BY id"
  "app_reader|SELECT * FROM app.audit"
  "app_reader|INSERT INTO app.accounts (name) VALUES ('eve')"
  "app_reader|SELECT nextval('app.tickets')"
  "app_reader|SELECT last_value FROM app.tickets"
  "app_none|SELECT id FROM app.accounts"
  "app_none|SELECT nextval('app.tickets')"
  "app_none|CREATE TABLE public.x (a int)"
  "app_writer|INSERT INTO app.accounts (name) VALUES ('cy') RETURNING id, balance"
  "app_writer|UPDATE app.accounts SET balance = balance + 1 WHERE name = 'ann' RETURNING balance"
  "app_writer|DELETE FROM app.accounts"
  "app_writer|INSERT INTO app.audit (note) VALUES ('x') RETURNING id"
  "app_writer|SELECT nextval('app.tickets'), currval('app.tickets')"
  "app_writer|SELECT setval('app.tickets', 5)"
  "app_writer|CREATE TABLE public.w (a int)"
  "app_writer|CREATE TABLE app.w (a int)"
  "app_owner|CREATE TABLE app.fresh (id serial, v text)"
  "app_reader|SELECT count(*) FROM app.fresh"
  "app_writer|INSERT INTO app.fresh (v) VALUES ('new') RETURNING id"
  "app_owner|SELECT c.relname, c.relacl FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' ORDER BY 1"
  "app_owner|SELECT nspname, nspacl FROM pg_namespace WHERE nspname = 'app'"
  "app_owner|SELECT pg_get_userbyid(defaclrole), defaclnamespace::regnamespace, defaclobjtype, defaclacl FROM pg_default_acl ORDER BY 1, 2, 3"
  "app_reader|SELECT has_schema_privilege('app', 'USAGE'), has_schema_privilege('app', 'CREATE'), has_schema_privilege('public', 'CREATE')"
  "app_writer|SELECT has_schema_privilege('public', 'CREATE'), has_sequence_privilege('app.tickets', 'USAGE'), has_table_privilege('app.audit', 'SELECT')"
  "app_none|SELECT has_schema_privilege('app', 'USAGE'), has_sequence_privilege('app.tickets', 'SELECT')"
)
# same_answers PGDB KANTODB CHECK...: each "role|statement" run as that role on database PGDB of
# the PostgreSQL and KANTODB of Kanto gives the same text (errors terse, without the position a
# regclass literal's error has, where Kanto points at the call; ports left out).
normalize() { sed -e 's/ at character [0-9]*$//' -e 's/port [0-9]*/port N/'; }
same_answers() {
  local pgdb=$1 kantodb=$2 check role q want got
  shift 2
  for check in "$@"; do
    role=${check%%|*}
    q=${check#*|}
    want=$(psql -h 127.0.0.1 -p "$pgport" -d "$pgdb" -U "$role" -X -q -At -v VERBOSITY=terse -c "$q" 2>&1 | normalize) || true
    got=$(psql -h 127.0.0.1 -p "$port" -d "$kantodb" -U "$role" -X -q -At -v VERBOSITY=terse -c "$q" 2>&1 | normalize) || true
    if [[ "$want" != "$got" ]]; then
      echo "on database $kantodb as $role: $q"
      diff <(echo "$want") <(echo "$got") || true
      exit 1
    fi
  done
}
same_answers postgres kanto "${checks[@]}"
echo "ok: the dump's privileges load, and each role gets PostgreSQL's answers"

# Database privileges (pg_dump writes none without --create): the same GRANTs on a database of the
# same name in both, then CONNECT, CREATE (schemas) and TEMPORARY as each role.
db_grants="REVOKE CONNECT, TEMPORARY ON DATABASE appdb FROM PUBLIC;
GRANT CONNECT ON DATABASE appdb TO app_reader, app_writer;
GRANT CREATE, TEMPORARY ON DATABASE appdb TO app_writer WITH GRANT OPTION;"
"${pg[@]}" -U postgres -c "CREATE DATABASE appdb OWNER app_owner"
"${pg[@]}" -U postgres -d appdb -c "$db_grants"
"${kanto[@]}" -U kanto -c "CREATE DATABASE appdb OWNER app_owner"
"${kanto[@]}" -U kanto -d appdb -c "$db_grants"
db_checks=(
  "app_none|SELECT 1"
  "app_reader|SELECT current_user"
  "app_reader|CREATE SCHEMA r"
  "app_reader|CREATE TEMP TABLE tr (a int)"
  "app_reader|SELECT has_database_privilege('appdb', 'CONNECT'), has_database_privilege('appdb', 'CREATE'), has_database_privilege('app_none', 'appdb', 'TEMP')"
  "app_writer|CREATE SCHEMA w"
  "app_writer|CREATE TEMP TABLE tw (a int)"
  "app_writer|GRANT CREATE ON DATABASE appdb TO app_reader"
  "app_reader|CREATE SCHEMA r"
  "app_owner|SELECT datname, datacl FROM pg_database WHERE datname = 'appdb'"
  "app_owner|GRANT SELECT ON DATABASE appdb TO app_reader"
)
same_answers appdb appdb "${db_checks[@]}"
echo "ok: database privileges (CONNECT, CREATE, TEMPORARY) as PostgreSQL's"

# The other way: Kanto's pg_dump of the loaded database (its GRANTs, REVOKEs and default
# privileges, nothing for the built-in schemas it did not change) restores into a new PostgreSQL
# database, and both then list the same ACLs.
"$pgbin/pg_dump" -h 127.0.0.1 -p "$port" -U kanto kanto > "$dir/kanto_dump.sql"
"${pg[@]}" -U postgres -c "CREATE DATABASE fromkanto"
"${pg[@]}" -U postgres -d fromkanto -f "$dir/kanto_dump.sql" > "$dir/restore.log" 2>&1 ||
  { echo "restoring Kanto's dump into PostgreSQL failed:"; cat "$dir/restore.log"; exit 1; }
acl_checks=(
  "app_owner|SELECT c.relname, c.relacl FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app' ORDER BY 1"
  "app_owner|SELECT nspname, nspacl FROM pg_namespace WHERE nspname = 'app'"
  "app_owner|SELECT pg_get_userbyid(defaclrole), defaclnamespace::regnamespace, defaclobjtype, defaclacl FROM pg_default_acl ORDER BY 1, 2, 3"
  "app_reader|SELECT id, name FROM app.accounts ORDER BY id"
  "app_none|SELECT nextval('app.tickets')"
)
same_answers fromkanto kanto "${acl_checks[@]}"
echo "ok: Kanto's pg_dump restores into PostgreSQL with the same privileges"
