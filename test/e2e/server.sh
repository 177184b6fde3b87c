#!/usr/bin/env bash
# Starts `kanto serve` on a free loopback port and drives it with psql, pgbench, the Python drivers
# (psycopg2, psycopg 3), node-postgres and postgres.js, and pgjdbc.
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$build/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" > "$dir/log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
for _ in $(seq 50); do
  grep -q listening "$dir/log" && break
  sleep 0.1
done
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=kanto PGDATABASE=kanto
psql -v ON_ERROR_STOP=1 -q <<'SQL'
CREATE TABLE items (id int PRIMARY KEY, name text, price numeric(8,2));
INSERT INTO items VALUES (1, 'pen', 1.50), (2, 'book', 12.00);
SQL
out=$(psql -At -c "SELECT name || ':' || price FROM items ORDER BY id")
[[ "$out" == $'pen:1.50\nbook:12.00' ]] || { echo "psql query: $out"; exit 1; }
# errors keep their SQLSTATE and the session stays usable
err=$(psql -v VERBOSITY=verbose -c "SELECT 1/0" 2>&1 || true)
grep -q "22012" <<<"$err" || { echo "psql error: $err"; exit 1; }
# a failed transaction block reports E, ROLLBACK recovers
out=$(psql -At <<'SQL' 2>&1 || true
BEGIN;
SELECT nosuch FROM items;
SELECT 1;
ROLLBACK;
SELECT count(*) FROM items;
SQL
)
grep -q "current transaction is aborted" <<<"$out" || { echo "aborted block: $out"; exit 1; }
[[ "$(tail -n 1 <<<"$out")" == "2" ]] || { echo "after rollback: $out"; exit 1; }
# psql's catalog listings (\dt, \di, \dn, \l) read pg_catalog
psql -q -c "CREATE INDEX items_name ON items (name)"
out=$(psql -c '\dt' 2>&1)
grep -q " public | items | table | kanto" <<<"$out" || { echo "psql \\dt: $out"; exit 1; }
out=$(psql -c '\di' 2>&1)
grep -q " public | items_name | index | kanto | items" <<<"$out" || { echo "psql \\di: $out"; exit 1; }
grep -q " public | items_pkey | index | kanto | items" <<<"$out" || { echo "psql \\di: $out"; exit 1; }
out=$(psql -c '\dn' 2>&1)
grep -q " public | kanto" <<<"$out" || { echo "psql \\dn: $out"; exit 1; }
out=$(psql -c '\l' 2>&1)
grep -q " kanto | kanto | UTF8" <<<"$out" || { echo "psql \\l: $out"; exit 1; }
# \d TABLE: columns, defaults, NOT NULL and indexes, exactly as PostgreSQL 15's psql prints them
psql -q -c "CREATE TABLE described (id int PRIMARY KEY, name varchar(20) NOT NULL, price numeric(8,2) DEFAULT 0, tags text[])" \
  -c "CREATE UNIQUE INDEX described_name ON described (name DESC)"
out=$(psql -c '\d described' 2>&1)
expected='                    Table "public.described"
 Column |         Type          | Collation | Nullable | Default 
--------+-----------------------+-----------+----------+---------
 id     | integer               |           | not null | 
 name   | character varying(20) |           | not null | 
 price  | numeric(8,2)          |           |          | 0
 tags   | text[]                |           |          | 
Indexes:
    "described_pkey" PRIMARY KEY, btree (id)
    "described_name" UNIQUE, btree (name DESC)'
[[ "$out" == "$expected" ]] || { echo "psql \d described:"; diff <(echo "$expected") <(echo "$out"); exit 1; }
out=$(psql -c '\du' 2>&1)
grep -q " kanto     | Superuser, Create role, Create DB" <<<"$out" || { echo "psql \du: $out"; exit 1; }
out=$(psql -At -c "SELECT column_name || ':' || data_type FROM information_schema.columns WHERE table_name = 'items' ORDER BY ordinal_position")
[[ "$out" == $'id:integer\nname:text\nprice:numeric' ]] || { echo "information_schema.columns: $out"; exit 1; }
# COPY through psql's \copy (FROM STDIN / TO STDOUT underneath)
printf '1\tone\n2\ttwo\n' > "$dir/copy.tsv"
psql -q -c "CREATE TABLE copied (id int, label text)" -c "\\copy copied FROM '$dir/copy.tsv'"
out=$(psql -At -c "\\copy (SELECT label FROM copied ORDER BY id) TO STDOUT")
[[ "$out" == $'one\ntwo' ]] || { echo "psql \\copy: $out"; exit 1; }
# pgbench: scale 1 loaded through COPY, primary keys added by ALTER TABLE, then TPC-B for 2 s
pgbench=/usr/lib/postgresql/15/bin/pgbench
"$pgbench" -i -s 1 -q > "$dir/pgbench-init.log" 2>&1 || { cat "$dir/pgbench-init.log"; exit 1; }
out=$("$pgbench" -c 2 -T 2 2>&1)
grep -q "number of failed transactions: 0 " <<<"$out" || { echo "pgbench: $out"; exit 1; }
[[ "$(psql -At -c 'SELECT count(*) FROM pgbench_accounts')" == "100000" ]] || { echo "pgbench data"; exit 1; }
# startup options (PGOPTIONS -c name=value) become session settings
[[ "$(PGOPTIONS='-c work_mem=8MB -c application_name=opt' psql -At -c 'SHOW work_mem')" == "8MB" ]] || { echo "PGOPTIONS"; exit 1; }
# unknown database and role are refused
if psql -d nosuchdb -c "SELECT 1" 2>/dev/null; then echo "unknown database accepted"; exit 1; fi
"$build/e2e_libpq" "host=127.0.0.1 port=$port user=kanto dbname=kanto"
/usr/bin/python3 "$src/test/e2e/clients.py" "$port"
node "$src/test/e2e/node/clients.mjs" "$port"
# (a JVM zone other than UTC: pgjdbc sends it as the TimeZone startup parameter)
java -Duser.timezone=Europe/Berlin -cp /usr/share/java/postgresql.jar "$src/test/e2e/jdbc/JdbcTest.java" "$port"
# SIGTERM stops the server cleanly and committed data survives a restart
kill -TERM "$pid"
wait "$pid"
"$build/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" > "$dir/log2" 2>&1 &
pid=$!
for _ in $(seq 50); do
  grep -q listening "$dir/log2" && break
  sleep 0.1
done
[[ "$(psql -At -c 'SELECT count(*) FROM items')" == "2" ]] || { echo "data lost after restart"; exit 1; }
echo "server ok"
