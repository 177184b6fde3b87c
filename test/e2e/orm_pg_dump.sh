#!/usr/bin/env bash
# A pg_dump of a PostgreSQL 15 database (test/e2e/orm/pg_dump_schema.sql: serial and identity
# ids, foreign keys, CHECKs, a generated column, views, comments) loads into `kanto serve`: the plain
# dump with psql -v ON_ERROR_STOP=1, the custom (-Fc) and directory (-Fd) dumps with pg_restore
# --exit-on-error, each into its own database; then each of them answers the same queries as
# PostgreSQL, and keeps enforcing the constraints and continuing the sequences. The PostgreSQL is a
# throwaway one this script starts (initdb in a temporary directory, loopback only). Then the other
# way: Kanto's pg_dump (plain, -Fc and -Fd) restores into PostgreSQL, and PostgreSQL's plain dump of
# that restored database loads back into Kanto.
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
source "$src/test/e2e/lib.sh"
private_postgresql
e2e_cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$pgdir"
}
start_kanto "$build"
source "$src/test/e2e/orm_lib.sh"
probe_foreign_keys
# The dump's tables are owned by "postgres" (ALTER TABLE ... OWNER TO postgres).
psql -q -c "CREATE ROLE postgres" > /dev/null
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C > "$pgdir/initdb.log" 2>&1
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir -c fsync=off -c TimeZone=UTC" start > /dev/null
pg=(psql -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1)
"${pg[@]}" -f "$src/test/e2e/orm/pg_dump_schema.sql"
"$pgbin/pg_dump" -h 127.0.0.1 -p "$pgport" -U postgres postgres > "$dir/dump.sql"
"$pgbin/pg_dump" -h 127.0.0.1 -p "$pgport" -U postgres -Fc postgres > "$dir/dump.fc"
"$pgbin/pg_dump" -h 127.0.0.1 -p "$pgport" -U postgres -Fd -f "$dir/dump.d" postgres

kanto=(psql -X -q -v ON_ERROR_STOP=1)
"${kanto[@]}" -f "$dir/dump.sql" > "$dir/load.log" 2>&1 || { echo "loading the dump failed:"; cat "$dir/load.log"; exit 1; }
"${kanto[@]}" -c "CREATE DATABASE kfc" -c "CREATE DATABASE kfd"
pg_restore -d kfc --exit-on-error "$dir/dump.fc" > "$dir/restore_fc.log" 2>&1 ||
  { echo "pg_restore of PostgreSQL's custom-format dump into Kanto failed:"; cat "$dir/restore_fc.log"; exit 1; }
pg_restore -d kfd --exit-on-error "$dir/dump.d" > "$dir/restore_fd.log" 2>&1 ||
  { echo "pg_restore of PostgreSQL's directory-format dump into Kanto failed:"; cat "$dir/restore_fd.log"; exit 1; }
# The databases the dump went into: the plain one (psql's default database), the custom and the directory one.
loaded=(kanto kfc kfd)

# The same queries on both; the answers must be the same text.
queries=(
  "SELECT * FROM customers ORDER BY id"
  "SELECT * FROM products ORDER BY id"
  "SELECT id, customer_id, placed, note FROM orders ORDER BY id"
  "SELECT id, placed AT TIME ZONE 'UTC', timezone('America/New_York', placed), (placed AT TIME ZONE 'Asia/Tokyo') AT TIME ZONE 'Asia/Tokyo' FROM orders ORDER BY id"
  "SELECT * FROM order_lines ORDER BY 1, 2"
  "SELECT * FROM order_totals ORDER BY id"
  "SELECT * FROM reviews ORDER BY id"
  "SELECT obj_description('reviews_stars'::regclass, 'pg_class'), col_description('reviews'::regclass, 3)"
  "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND obj_description(c.oid, 'pg_class') IS NOT NULL ORDER BY 1"
  "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY 1"
  "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
  "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'reviews'::regclass ORDER BY 1"
  "SELECT pg_get_serial_sequence('reviews', 'id'), pg_get_serial_sequence('products', 'id')"
  "SELECT attname, attidentity FROM pg_attribute WHERE attrelid = 'products'::regclass AND attnum > 0 ORDER BY attnum"
  "SELECT c.name, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY 1"
  "SELECT obj_description('customers'::regclass, 'pg_class'), col_description('customers'::regclass, 4)"
  "SELECT obj_description('order_totals'::regclass, 'pg_class')"
  "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'order_lines'::regclass ORDER BY 1"
  "SELECT table_name, column_name, column_default FROM information_schema.columns WHERE table_schema = 'public' AND column_default IS NOT NULL ORDER BY 1, 2"
  "SELECT column_name, is_generated, generation_expression FROM information_schema.columns WHERE table_name = 'order_lines' ORDER BY ordinal_position"
  "SELECT last_value FROM customers_id_seq"
  "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
  # After the load: the sequences continue, the constraints hold.
  "INSERT INTO customers (name) VALUES ('dora') RETURNING id"
  "INSERT INTO products (sku, price) VALUES ('cup', 3) RETURNING id"
  "INSERT INTO order_lines (order_id, line, quantity) VALUES (3, 2, 5) RETURNING weight"
  "DELETE FROM customers WHERE name = 'ann'"
  "SELECT order_id, line FROM order_lines ORDER BY 1, 2"
  "UPDATE products SET active = NOT active WHERE sku = 'lamp' RETURNING active"
  "INSERT INTO reviews (product_id, stars) VALUES (2, 3) RETURNING id"
  "DELETE FROM products WHERE sku = 'pen'"
  "SELECT order_id, product_id FROM order_lines ORDER BY 1"
  "SELECT id, product_id FROM reviews ORDER BY 1"
)
for q in "${queries[@]}"; do
  want=$("${pg[@]}" -At -c "$q" 2>&1) || true
  for db in "${loaded[@]}"; do
    got=$("${kanto[@]}" -d "$db" -At -c "$q" 2>&1) || true
    if [[ "$want" != "$got" ]]; then
      echo "after loading the dump into $db, $q"
      diff <(echo "$want") <(echo "$got") || true
      exit 1
    fi
  done
done
# psql's \d of each loaded table (serial and identity defaults, foreign keys, referenced by, CHECKs
# in pg_get_constraintdef's pretty form, a generated column) and of the view.
for t in customers products orders order_lines reviews order_totals; do
  want=$("${pg[@]}" -c "\\d $t" 2>&1) || true
  for db in "${loaded[@]}"; do
    got=$("${kanto[@]}" -d "$db" -c "\\d $t" 2>&1) || true
    if [[ "$want" != "$got" ]]; then
      echo "after loading the dump into $db, \\d $t"
      diff <(echo "$want") <(echo "$got") || true
      exit 1
    fi
  done
done
# Violations after the load: PostgreSQL's SQLSTATEs.
for q in "INSERT INTO orders (customer_id) VALUES (99)" "INSERT INTO customers (name, credit) VALUES ('x', -1)" \
         "INSERT INTO products (sku, price) VALUES ('book', 1)" "INSERT INTO reviews (product_id, stars) VALUES (99, 3)" \
         "INSERT INTO reviews (product_id, stars) VALUES (2, 6)" "INSERT INTO reviews (product_id, stars, body) VALUES (2, 1, 'long')"; do
  want=$("${pg[@]}" -v VERBOSITY=sqlstate -c "$q" 2>&1 | head -1) || true
  for db in "${loaded[@]}"; do
    got=$("${kanto[@]}" -d "$db" -v VERBOSITY=sqlstate -c "$q" 2>&1 | head -1) || true
    [[ "$want" == "$got" ]] || { echo "$q into $db: PostgreSQL $want, Kanto $got"; exit 1; }
  done
done

# The other way: pg_dump (plain, custom and directory format) of a Kanto database restores into PostgreSQL,
# and both then give the same answers; its views (pg_get_viewdef's text) are PostgreSQL's, and
# PostgreSQL prints them back the same.
"${kanto[@]}" -c "CREATE DATABASE kdump"
kd=(psql -X -q -v ON_ERROR_STOP=1 -d kdump)
"${kd[@]}" <<'SQL'
CREATE SCHEMA shop;
CREATE TABLE shop.p (id serial PRIMARY KEY, name text NOT NULL CHECK (name <> ''), qty int DEFAULT 3);
CREATE TABLE c (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                p int REFERENCES shop.p ON DELETE CASCADE, v numeric(10,2), tag varchar(5) UNIQUE);
CREATE INDEX c_v_idx ON c (v DESC);
COMMENT ON TABLE shop.p IS 'parents';
COMMENT ON COLUMN c.v IS 'value';
INSERT INTO shop.p (name) VALUES ('a'), ('b'), ('it''s');
INSERT INTO c (p, v, tag) VALUES (1, 2.5, 'x'), (3, NULL, NULL), (2, -1, 'tab');
CREATE VIEW c_simple AS SELECT id, v FROM c WHERE v > 0;
CREATE VIEW c_join AS SELECT c.id, p.name, c.v * 2 AS twice FROM c JOIN shop.p p ON p.id = c.p;
CREATE VIEW c_agg AS SELECT p, count(*) AS n, sum(v) AS total FROM c GROUP BY p HAVING count(*) >= 1;
CREATE VIEW c_on_view AS SELECT name, CASE WHEN twice > 0 THEN 'up' ELSE 'down' END AS dir FROM c_join WHERE id > 1;
CREATE VIEW shop.p_names (uname, tags) AS
  SELECT upper(name), (SELECT count(*) FROM c WHERE c.p = p.id) FROM shop.p p WHERE EXISTS (SELECT 1 FROM c WHERE c.p = p.id)
  UNION ALL SELECT 'none', 0 ORDER BY 1;
SQL
"${pg[@]}" -c "CREATE ROLE kanto" -c "CREATE DATABASE fromkanto" -c "CREATE DATABASE fromkanto_fc" \
  -c "CREATE DATABASE fromkanto_fd"  # the owner of the dumped objects
pg_dump -d kdump > "$dir/kanto_dump.sql"
pg_dump -d kdump -Fc > "$dir/kanto_dump.fc"
pg_dump -d kdump -Fd -f "$dir/kanto_dump.d"
psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pgport" -U postgres -d fromkanto -f "$dir/kanto_dump.sql" > "$dir/restore.log" 2>&1 ||
  { echo "restoring Kanto's dump into PostgreSQL failed:"; cat "$dir/restore.log"; exit 1; }
"$pgbin/pg_restore" -h 127.0.0.1 -p "$pgport" -U postgres -d fromkanto_fc --exit-on-error "$dir/kanto_dump.fc" ||
  { echo "pg_restore of Kanto's custom-format dump failed"; exit 1; }
"$pgbin/pg_restore" -h 127.0.0.1 -p "$pgport" -U postgres -d fromkanto_fd --exit-on-error "$dir/kanto_dump.d" ||
  { echo "pg_restore of Kanto's directory-format dump failed"; exit 1; }
# And back: PostgreSQL's plain dump of the restored database loads into a new Kanto database, kback.
"$pgbin/pg_dump" -h 127.0.0.1 -p "$pgport" -U postgres fromkanto > "$dir/pg_of_kanto.sql"
"${kanto[@]}" -c "CREATE DATABASE kback"
psql -X -q -v ON_ERROR_STOP=1 -d kback -f "$dir/pg_of_kanto.sql" > "$dir/kback.log" 2>&1 ||
  { echo "loading PostgreSQL's dump of the restored database into Kanto failed:"; cat "$dir/kback.log"; exit 1; }
for q in "SELECT * FROM shop.p ORDER BY id" "SELECT * FROM c ORDER BY id" \
         "SELECT obj_description('shop.p'::regclass, 'pg_class'), col_description('c'::regclass, 3)" \
         "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace IN (SELECT oid FROM pg_namespace WHERE nspname IN ('public', 'shop')) ORDER BY 1" \
         "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname IN ('public', 'shop') ORDER BY 1" \
         "INSERT INTO shop.p (name) VALUES ('d') RETURNING id" "INSERT INTO c (p) VALUES (4) RETURNING id" \
         "SELECT * FROM c_simple ORDER BY id" "SELECT * FROM c_join ORDER BY id" "SELECT * FROM c_agg ORDER BY p" \
         "SELECT * FROM c_on_view ORDER BY name" "SELECT * FROM shop.p_names" \
         "SELECT schemaname, viewname, definition FROM pg_views WHERE schemaname IN ('public', 'shop') ORDER BY 1, 2" \
         "SELECT table_schema, table_name, view_definition FROM information_schema.views WHERE table_schema IN ('public', 'shop') ORDER BY 1, 2" \
         "SELECT pg_get_viewdef('shop.p_names', true)" \
         "DELETE FROM shop.p WHERE id = 1" "SELECT id, p FROM c ORDER BY id"; do
  got=$("${kd[@]}" -At -c "$q" 2>&1) || true
  for db in fromkanto fromkanto_fc fromkanto_fd; do
    want=$(psql -X -q -h 127.0.0.1 -p "$pgport" -U postgres -d $db -At -c "$q" 2>&1) || true
    if [[ "$want" != "$got" ]]; then
      echo "Kanto's dump restored into PostgreSQL ($db): $q"
      diff <(echo "$want") <(echo "$got") || true
      exit 1
    fi
  done
  back=$(psql -X -q -d kback -At -c "$q" 2>&1) || true
  if [[ "$back" != "$got" ]]; then
    echo "PostgreSQL's dump of the restored database, loaded into Kanto (kback): $q"
    diff <(echo "$got") <(echo "$back") || true
    exit 1
  fi
done
echo "orm_pg_dump: ok"
