#!/usr/bin/env bash
# CREATE INDEX and ADD PRIMARY KEY by bulk load (storage/bulk_load.hpp) against kill -9: a
# transaction builds both on 200,000 rows, and the server is killed before it commits. After the
# restart the table is as before (no index, no primary key, its rows), the ingested files are gone
# (the ingested SST files were deleted), and the same builds succeed, commit and survive a restart.
set -euo pipefail
build=$1
source "$(dirname "$0")/lib.sh"
start_kanto "$build"
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
serve_again() {
  "$build/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" > "$dir/log.$1" 2>&1 &
  pid=$!
  wait_listening "$dir/log.$1" || { cat "$dir/log.$1"; exit 1; }
}

q -c "CREATE TABLE t (a int, b text)" -c "INSERT INTO t SELECT g, 'v' || g * 7919 FROM generate_series(1, 200000) g"
# The database's SST files (the ingested ones are counted in no table's size).
ssts() { (cd "$dir/db" && ls -- *.sst 2>/dev/null | sort) || true; }
before=$(ssts)

# The builds, left uncommitted while the server is killed.
q -c "BEGIN" -c "CREATE INDEX t_b ON t (b)" -c "ALTER TABLE t ADD PRIMARY KEY (a)" -c "SELECT 'built'" \
  -c "SELECT pg_sleep(120)" > "$dir/build.out" 2>&1 &
client=$!
for _ in $(seq 600); do grep -q built "$dir/build.out" && break; sleep 0.1; done
grep -q built "$dir/build.out" || { echo "the builds did not finish"; cat "$dir/build.out"; exit 1; }
ingested=$(comm -13 <(echo "$before") <(ssts) | tr '\n' ' ')
[[ -n $ingested ]] || { echo "no SST file ingested during the transaction"; exit 1; }
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
wait "$client" 2>/dev/null || true

serve_again 2
got=$(q -c "SELECT count(*), count(DISTINCT a), sum(a) FROM t")
[[ $got == "200000|200000|20000100000" ]] || { echo "rows after the restart: $got"; exit 1; }
indexes=$(q -c "SELECT count(*) FROM pg_indexes WHERE tablename = 't'")
[[ $indexes == 0 ]] || { echo "indexes after the restart: $indexes"; exit 1; }
for f in $ingested; do
  [[ ! -e $dir/db/$f ]] || { echo "ingested file $f left after the restart"; ls -l "$dir/db"; exit 1; }
done
if [[ -d $dir/db/kanto-bulk ]] && [[ -n $(ls -A "$dir/db/kanto-bulk") ]]; then
  echo "files left in kanto-bulk: $(ls "$dir/db/kanto-bulk")"; exit 1
fi
# No primary key: a duplicate is accepted (and removed again).
q -c "INSERT INTO t VALUES (7, 'dup')" -c "DELETE FROM t WHERE b = 'dup'"
echo "killed before COMMIT: table as before, ingested files ($ingested) gone after the restart"

q -c "BEGIN" -c "CREATE INDEX t_b ON t (b)" -c "ALTER TABLE t ADD PRIMARY KEY (a)" -c "COMMIT"
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
serve_again 3
got=$(q -c "SELECT a FROM t WHERE b = 'v' || 4242 * 7919" -c "SELECT b = 'v' || 99999 * 7919 FROM t WHERE a = 99999" \
  -c "SELECT count(*) FROM t" -c "SELECT count(*) FROM pg_indexes WHERE tablename = 't'" | tr '\n' ' ')
[[ $got == "4242 t 200000 2 " ]] || { echo "after COMMIT and kill -9: $got"; exit 1; }
if q -c "INSERT INTO t VALUES (5, 'x')" 2> "$dir/dup.err"; then echo "duplicate accepted after the restart"; exit 1; fi
grep -q 'duplicate key value violates unique constraint "t_pkey"' "$dir/dup.err" || { cat "$dir/dup.err"; exit 1; }
echo "committed, then kill -9: index and primary key kept"
