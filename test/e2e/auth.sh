#!/usr/bin/env bash
# Roles, SCRAM-SHA-256 and TLS over the wire: roles made with CREATE ROLE / ALTER ROLE under trust,
# then the server restarted with `auth = scram-sha-256` from a config file; psql, psycopg 3 and
# node-postgres log in with passwords, wrong passwords and unknown roles fail with 28P01, roles
# without LOGIN are refused, a non-superuser cannot create roles; then TLS with a self-signed
# certificate (sslmode=require and disable both work).
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pid=
start() {
  "$build/kanto" serve "$@" > "$dir/log" 2>&1 &
  pid=$!
  for _ in $(seq 50); do grep -q listening "$dir/log" && return; sleep 0.1; done
  cat "$dir/log"; exit 1
}
stop() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap 'stop; rm -rf "$dir"' EXIT
export PGHOST=127.0.0.1 PGPORT=$port PGDATABASE=kanto
unset PGPASSWORD

start --data "$dir/db" --listen "127.0.0.1:$port"
psql -U kanto -v ON_ERROR_STOP=1 -q <<'SQL'
CREATE ROLE alice LOGIN PASSWORD 'Secret-1';
CREATE USER bob PASSWORD 'SCRAM-SHA-256$4096:AAAAAAAAAAAAAAAAAAAAAA==$ub2gaFRIOAF+dyqt06jDkgJ1RKfbXvAvNxDSg/ERcy0=:gvZnwYiMshY3Z8dI2rLSmiQMmZPeDuOgGcOcQRiHXUU=';
CREATE ROLE carol;
ALTER ROLE kanto PASSWORD 'kanto-pw';
SQL
# bool || text reads true / false, as in PostgreSQL
out=$(psql -U kanto -At -c "SELECT rolname || ':' || rolcanlogin || ':' || rolsuper FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1")
[[ "$out" == $'alice:true:false\nbob:true:false\ncarol:false:false\nkanto:true:true' ]] || { echo "pg_roles: $out"; exit 1; }
err=$(psql -U kanto -c "CREATE ROLE alice" 2>&1 || true)
grep -q 'role "alice" already exists' <<<"$err" || { echo "duplicate role: $err"; exit 1; }
err=$(psql -U alice -c "CREATE ROLE dave" 2>&1 || true)
grep -q "permission denied to create role" <<<"$err" || { echo "non-superuser CREATE ROLE: $err"; exit 1; }
stop

# the same data directory, now with passwords required on loopback too (config file + env)
printf '# kanto serve settings\nauth = scram-sha-256\nmax_connections = 20\n' > "$dir/kanto.conf"
KANTO_CONFIG="$dir/kanto.conf" start --data "$dir/db" --listen "127.0.0.1:$port"
[[ "$(PGPASSWORD=Secret-1 psql -U alice -At -c 'SELECT current_user')" == "alice" ]] || { echo "alice login"; exit 1; }
[[ "$(PGPASSWORD=kanto-pw psql -U kanto -At -c 'SELECT 1')" == "1" ]] || { echo "kanto login"; exit 1; }
for who in "alice:wrong" "nosuch:x" "bob:Secret-1"; do
  err=$(PGPASSWORD=${who#*:} psql -U "${who%:*}" -c 'SELECT 1' 2>&1 || true)
  grep -q "password authentication failed for user \"${who%:*}\"" <<<"$err" || { echo "$who: $err"; exit 1; }
done
err=$(PGPASSWORD=x psql -U carol -c 'SELECT 1' 2>&1 || true)
grep -q 'password authentication failed\|not permitted to log in' <<<"$err" || { echo "carol: $err"; exit 1; }
/usr/bin/python3 - "$port" <<'PY'
import sys, psycopg
port = int(sys.argv[1])
with psycopg.connect(host="127.0.0.1", port=port, user="alice", password="Secret-1", dbname="kanto") as c:
    assert c.execute("SELECT current_user").fetchone() == ("alice",)
try:
    psycopg.connect(host="127.0.0.1", port=port, user="alice", password="nope", dbname="kanto")
    raise SystemExit("wrong password accepted")
except psycopg.OperationalError as e:
    assert "28P01" in str(e.sqlstate) or "password authentication failed" in str(e), e
PY
node --input-type=module -e "
import pg from '$src/test/e2e/node/node_modules/pg/lib/index.js';
const c = new pg.Client({host: '127.0.0.1', port: $port, user: 'alice', password: 'Secret-1', database: 'kanto'});
await c.connect();
const r = await c.query('SELECT current_user AS u');
if (r.rows[0].u !== 'alice') throw new Error('node pg scram');
await c.end();
"
stop

# TLS (with SCRAM on top): a self-signed certificate; sslmode=require gets TLS, disable does not
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$dir/key.pem" -out "$dir/cert.pem" -days 30 -subj "/CN=localhost" 2>/dev/null
KANTO_AUTH=scram-sha-256 start --data "$dir/db" --listen "127.0.0.1:$port" --tls-cert "$dir/cert.pem" --tls-key "$dir/key.pem"
out=$(PGPASSWORD=Secret-1 psql "sslmode=require user=alice" -c '\conninfo' 2>&1)
grep -q "SSL connection (protocol: TLSv1" <<<"$out" || { echo "psql TLS: $out"; exit 1; }
[[ "$(PGPASSWORD=Secret-1 psql "sslmode=disable user=alice" -At -c 'SELECT 1')" == "1" ]] || { echo "plain with TLS on"; exit 1; }
/usr/bin/python3 - "$port" <<'PY'
import sys, psycopg
with psycopg.connect(host="127.0.0.1", port=int(sys.argv[1]), user="alice", password="Secret-1", dbname="kanto",
                     sslmode="require") as c:
    assert c.pgconn.ssl_in_use and c.execute("SELECT 7").fetchone() == (7,)
PY
# DROP ROLE is transactional like other DDL
PGPASSWORD=kanto-pw psql -U kanto -q -c "BEGIN" -c "DROP ROLE carol" -c "ROLLBACK"
[[ "$(PGPASSWORD=kanto-pw psql -U kanto -At -c "SELECT count(*) FROM pg_roles WHERE rolname = 'carol'")" == "1" ]] || { echo "DROP ROLE rollback"; exit 1; }
PGPASSWORD=kanto-pw psql -U kanto -q -c "DROP ROLE carol"
echo "auth ok"
