#!/usr/bin/env bash
# Databases through the server: psql connects to two databases by name, each sees its own objects
# only, roles (and their comments) are shared, DROP DATABASE is refused while a session is connected (55006 with
# PostgreSQL's DETAIL) and WITH (FORCE) ends that session, unknown names give 3D000, and
# everything survives a restart. Messages as PostgreSQL 15's.
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
start_kanto "$build"
fail() { echo "$1: $2"; exit 1; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
# errors as psql shows them with VERBOSITY=verbose ("ERROR:  SQLSTATE: message" and DETAIL lines)
err() { psql -X -At -v VERBOSITY=verbose "$@" 2>&1 || true; }

q -c "CREATE DATABASE app"
q -c "CREATE TABLE only_main (a int)" -c "INSERT INTO only_main VALUES (1)"
q -d app -c "CREATE TABLE only_app (b text)" -c "INSERT INTO only_app VALUES ('x'), ('y')"
[[ "$(q -d app -c 'SELECT current_database()')" == "app" ]] || fail "current_database" "$(q -d app -c 'SELECT current_database()')"
[[ "$(q -c 'SELECT current_database()')" == "kanto" ]] || fail "current_database" "default"
[[ "$(q -d app -c 'SELECT count(*) FROM only_app')" == "2" ]] || fail "app rows" "?"
out=$(err -d app -c "SELECT * FROM only_main")
grep -q '42P01: relation "only_main" does not exist' <<<"$out" || fail "main's table seen from app" "$out"
out=$(err -c "SELECT * FROM only_app")
grep -q '42P01: relation "only_app" does not exist' <<<"$out" || fail "app's table seen from main" "$out"
# roles are shared by every database
q -d app -c "CREATE ROLE db_e2e_user LOGIN"
[[ "$(q -U db_e2e_user -c 'SELECT current_user')" == "db_e2e_user" ]] || fail "role from app" "login to kanto"
# and so are their comments (pg_shdescription), as in PostgreSQL: set in one database, seen in the other
q -d app -c "COMMENT ON ROLE db_e2e_user IS 'shared note'"
role_comment="SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = 'db_e2e_user'"
[[ "$(q -c "$role_comment")" == "shared note" ]] || fail "role comment from app" "$(q -c "$role_comment")"
[[ "$(q -c "SELECT count(*) FROM pg_shdescription d JOIN pg_roles r ON r.oid = d.objoid WHERE r.rolname = 'db_e2e_user'")" == "1" ]] ||
  fail "pg_shdescription" "$(q -c 'SELECT * FROM pg_shdescription')"
[[ "$(q -c "SELECT count(*) FROM pg_description WHERE classoid = 1260")" == "0" ]] || fail "role comment in pg_description" "?"
q -c "COMMENT ON ROLE db_e2e_user IS 'changed in kanto'"
[[ "$(q -d app -c "$role_comment")" == "changed in kanto" ]] || fail "role comment from kanto" "$(q -d app -c "$role_comment")"
# unknown database
out=$(err -d nosuch -c "SELECT 1")
grep -q 'database "nosuch" does not exist' <<<"$out" || fail "unknown database" "$out"
# psql's \l lists them
out=$(psql -X -c '\l')
grep -q " app *| kanto *| UTF8" <<<"$out" || fail "\\l" "$out"
grep -q " template0 *| kanto *| UTF8" <<<"$out" || fail "\\l" "$out"
# template0 refuses connections
out=$(err -d template0 -c "SELECT 1")
grep -q 'database "template0" is not currently accepting connections' <<<"$out" || fail "template0" "$out"
# DROP refused while a session is connected to it (55006 + DETAIL), and in a transaction block
coproc HOLDER { psql -X -At -d app; }
echo "SELECT 'connected';" >&"${HOLDER[1]}"
read -r line <&"${HOLDER[0]}"
[[ "$line" == "connected" ]] || fail "holder" "$line"
out=$(err -c "DROP DATABASE app")
grep -q '55006: database "app" is being accessed by other users' <<<"$out" || fail "drop while connected" "$out"
grep -q 'DETAIL:  There is 1 other session using the database.' <<<"$out" || fail "drop detail" "$out"
out=$(err -c "ALTER DATABASE app RENAME TO app2")
grep -q '55006: database "app" is being accessed by other users' <<<"$out" || fail "rename while connected" "$out"
out=$(err -d app -c "DROP DATABASE app")
grep -q '55006: cannot drop the currently open database' <<<"$out" || fail "drop current" "$out"
out=$(err -d app -c "ALTER DATABASE app RENAME TO app2")
grep -q '0A000: current database cannot be renamed' <<<"$out" || fail "rename current" "$out"
out=$(err -d app -c "ALTER DATABASE app ALLOW_CONNECTIONS false")
grep -q '22023: cannot disallow connections for current database' <<<"$out" || fail "disallow current" "$out"
out=$(printf 'BEGIN;\nDROP DATABASE app;\n' | err)
grep -q '25001: DROP DATABASE cannot run inside a transaction block' <<<"$out" || fail "drop in block" "$out"
# a connection limit holds for new sessions (not for superusers)
q -c "ALTER DATABASE app CONNECTION LIMIT 1"
out=$(err -U db_e2e_user -d app -c "SELECT 1")
grep -q 'too many connections for database "app"' <<<"$out" || fail "connection limit" "$out"
q -c "ALTER DATABASE app CONNECTION LIMIT -1"
# ALTER DATABASE ... SET: the default of later sessions
q -c "ALTER DATABASE app SET search_path = app_schema, public"
[[ "$(q -d app -c 'SHOW search_path')" == "app_schema, public" ]] || fail "database setting" "$(q -d app -c 'SHOW search_path')"
[[ "$(q -c 'SHOW search_path')" == '"$user", public' ]] || fail "setting leaked" "$(q -c 'SHOW search_path')"
# data survives a restart (the holder's session ends with it)
eval "exec ${HOLDER[1]}>&-"
wait "${HOLDER_PID:-}" 2>/dev/null || true  # unset once the coproc has ended
restart_kanto "$build" "$dir/log2"
[[ "$(q -d app -c 'SELECT string_agg(b, $$,$$ ORDER BY b) FROM only_app')" == "x,y" ]] || fail "after restart" "app"
[[ "$(q -c 'SELECT a FROM only_main')" == "1" ]] || fail "after restart" "main"
[[ "$(q -d app -c "$role_comment")" == "changed in kanto" ]] || fail "role comment after restart" "$(q -d app -c "$role_comment")"
[[ "$(q -c "SELECT count(*) FROM pg_database WHERE datname IN ('app', 'kanto', 'template1', 'template0')")" == "4" ]] ||
  fail "pg_database after restart" "$(q -c 'SELECT datname FROM pg_database')"
# DROP DATABASE ... WITH (FORCE) ends the sessions connected to it
coproc HOLDER2 { psql -X -At -d app; }
echo "SELECT 'connected';" >&"${HOLDER2[1]}"
read -r line <&"${HOLDER2[0]}"
q -c "DROP DATABASE app WITH (FORCE)"  # fails with 55006 unless the holder's session ended
eval "exec ${HOLDER2[1]}>&-"
wait "${HOLDER2_PID:-}" 2>/dev/null || true
out=$(err -d app -c "SELECT 1")
grep -q 'database "app" does not exist' <<<"$out" || fail "dropped database" "$out"
q -c "CREATE DATABASE app"
out=$(err -d app -c "SELECT * FROM only_app")
grep -q '42P01' <<<"$out" || fail "recreated database is not empty" "$out"
# A session that ends within 5 s does not make DROP fail: the drop waits for it, as PostgreSQL's does
coproc SLEEPER { psql -X -At -d app; }
echo "SELECT 'connected';" >&"${SLEEPER[1]}"
read -r line <&"${SLEEPER[0]}"
echo "SELECT pg_sleep(1);" >&"${SLEEPER[1]}"
eval "exec ${SLEEPER[1]}>&-"
q -c "DROP DATABASE app"  # fails with 55006 unless it waited for the session to end
wait "${SLEEPER_PID:-}" 2>/dev/null || true
echo "databases: ok"
