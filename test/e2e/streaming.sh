#!/usr/bin/env bash
# Results stream (test/e2e/stream_reader.c reads them without keeping rows): the server's RSS
# stays flat while a client reads 10 million rows; an error raised mid-stream comes after the rows
# produced before it, with PostgreSQL's transaction state; several statements in one query
# string; a client that goes away mid-stream ends its statement and its locks; COPY ... TO STDOUT
# streams the same way (an error mid-COPY: ErrorResponse without CopyDone). The expectations
# are PostgreSQL 15's; to check them there: test/e2e/streaming.sh --postgresql BUILD HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
reader="$build/e2e_stream_reader"
if [[ "${2:-}" == "--postgresql" ]]; then
  export PGHOST=$3 PGPORT=$4 PGUSER=$5 PGDATABASE=$6
  port=$4
  server_pid=0
else
  source "$src/test/e2e/lib.sh"
  start_kanto "$build"
  server_pid=$pid
fi
fail() { echo "streaming: $*"; exit 1; }
expect() {  # expect NAME EXPECTED ACTUAL
  [[ "$2" == "$3" ]] || { printf 'streaming: %s\n--- expected\n%s\n--- got\n%s\n' "$1" "$2" "$3"; exit 1; }
}

if [[ $server_pid != 0 ]]; then
  # 10 million rows: a whole result would take the server well past 50 MB (16 bytes a value).
  out=$("$reader" "$port" "$server_pid" "SELECT g FROM generate_series(1, 10000000) g")
  [[ "$(sed -n 1,2p <<< "$out")" == $'rows 10000000\ntag SELECT 10000000' ]] || fail "10M rows: $out"
  growth=$(awk '/^rss_growth_kb/ {print $2}' <<< "$out")
  (( growth < 50 * 1024 )) || fail "server RSS grew by ${growth} kB while streaming 10M rows"
  # COPY ... TO STDOUT streams too: 10 million rows of a query, then a table of 100 MB (whole, its
  # text would take the server past 100 MB).
  out=$("$reader" "$port" "$server_pid" "COPY (SELECT g, repeat('x', 20) FROM generate_series(1, 10000000) g) TO STDOUT")
  expect "COPY 10M rows" $'copy out\nrows 10000000\ncopy done\nrows 0\ntag COPY 10000000\nstatus I' \
    "$(grep -v rss_growth <<< "$out")"
  growth=$(awk '/^rss_growth_kb/ {print $2}' <<< "$out")
  (( growth < 50 * 1024 )) || fail "server RSS grew by ${growth} kB while COPY sent 10M rows"
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE TABLE copy_big (id int, s text)" \
    -c "INSERT INTO copy_big SELECT g, repeat('x', 1000) FROM generate_series(1, 100000) g" > /dev/null
  out=$("$reader" "$port" "$server_pid" "COPY copy_big TO STDOUT")
  expect "COPY a 100 MB table" $'copy out\nrows 100000\ncopy done\nrows 0\ntag COPY 100000\nstatus I' \
    "$(grep -v rss_growth <<< "$out")"
  growth=$(awk '/^rss_growth_kb/ {print $2}' <<< "$out")
  (( growth < 50 * 1024 )) || fail "server RSS grew by ${growth} kB while COPY sent a 100 MB table"
fi

# COPY ... TO STDOUT (one CopyData a line): the data, CopyDone and the tag; an error raised mid-COPY
# comes after the lines produced before it, without CopyDone, with PostgreSQL's transaction state;
# the same through Parse / Bind / Execute (a row limit does not cut a COPY).
psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS copy_tz" -c "CREATE TABLE copy_tz (i int, t timestamptz)" \
  -c "INSERT INTO copy_tz SELECT g, timestamptz '2024-01-01 12:00:00+00' + g * interval '1 day' FROM generate_series(1, 3000) g"
out=$("$reader" "$port" 0 "COPY copy_tz TO STDOUT; SELECT 2" "COPY copy_tz (i) TO STDOUT (FORMAT csv, HEADER)" \
  "COPY (SELECT 1 / (g - 3000) FROM generate_series(1, 5000) g) TO STDOUT; SELECT 3" \
  "BEGIN; COPY (SELECT 1 / (i - 2500) FROM copy_tz) TO STDOUT" "SELECT 1" "ROLLBACK" \
  "@P||COPY (SELECT g FROM generate_series(1, 5000) g) TO STDOUT|B|||E||10|S" \
  "@P||COPY (SELECT 1 / (g - 3000) FROM generate_series(1, 5000) g) TO STDOUT|B|||E||0|S" "SELECT 4")
expect "COPY TO STDOUT and mid-COPY errors" "copy out
rows 3000
copy done
rows 0
tag COPY 3000
rows 1
tag SELECT 1
status I
copy out
rows 3001
copy done
rows 0
tag COPY 3000
status I
copy out
rows 2999
error 22012
status I
rows 0
tag BEGIN
copy out
rows 2499
error 22012
status E
rows 0
error 25P02
status E
rows 0
tag ROLLBACK
status I
copy out
rows 5000
copy done
rows 0
tag COPY 5000
status I
copy out
rows 2999
error 22012
status I
rows 1
tag SELECT 1
status I" "$(grep -v rss_growth <<< "$out")"
# timestamptz in COPY's text is in the session's time zone, as in PostgreSQL.
out=$(psql -X -q -At -v ON_ERROR_STOP=1 -c "SET timezone = 'America/New_York'" \
  -c "COPY (SELECT t FROM copy_tz WHERE i IN (1, 200) ORDER BY i) TO STDOUT" -c "SET timezone = 'Asia/Kolkata'" \
  -c "COPY (SELECT * FROM copy_tz WHERE i = 1) TO STDOUT (FORMAT csv)")
expect "COPY of timestamptz" "2024-01-02 07:00:00-05
2024-07-19 08:00:00-04
1,2024-01-02 17:30:00+05:30" "$out"
psql -X -q -c "DROP TABLE copy_tz"

# Several statements: the first one's rows, the second fails at its 3000th row (the 2999 before
# it were sent), the third does not run; in a block the error leaves it failed (25P02).
out=$("$reader" "$port" 0 \
  "SELECT g FROM generate_series(1, 5000) g; SELECT 1 / (g - 3000) FROM generate_series(1, 5000) g; SELECT 3" \
  "BEGIN; SELECT 1 / (g - 3000) FROM generate_series(1, 5000) g" "SELECT 1" "ROLLBACK" \
  "SELECT g FROM generate_series(1, 5000) g WHERE 10 / (g - 4000) > -100")
expect "mid-stream errors" "rows 5000
tag SELECT 5000
rows 2999
error 22012
status I
rows 0
tag BEGIN
rows 2999
error 22012
status E
rows 0
error 25P02
status E
rows 0
tag ROLLBACK
status I
rows 3999
error 22012
status I" "$(grep -v rss_growth <<< "$out")"

# Extended protocol: Execute with a row limit suspends the portal (PortalSuspended, also when
# exactly the limit's rows were left), the next Execute goes on; two portals interleaved inside
# a block, one failing mid-stream; the same outside a block (the implicit transaction ends at
# Sync, and with it a suspended named portal: 34000).
unnamed='@P||SELECT g FROM generate_series(1, 5000) g|B|||E||2000|E||2000|E||1000|E||0|E||0|S'
two='P|s1|SELECT g FROM generate_series(1, 5000) g|P|s2|SELECT 1 / (g - 3000) FROM generate_series(1, 5000) g|B|p1|s1|B|p2|s2|E|p1|3000|E|p2|1000|E|p1|0|E|p2|0|E|p2|0|S'
out=$("$reader" "$port" 0 "$unnamed" "BEGIN" "@$two" "ROLLBACK" \
  "@$two" "@B|p1|s1|E|p1|10|S|E|p1|10|S" "SELECT 1")
expect "portals" "rows 2000
suspended
rows 2000
suspended
rows 1000
suspended
rows 0
tag SELECT 0
rows 0
tag SELECT 0
status I
rows 0
tag BEGIN
status T
rows 3000
suspended
rows 1000
suspended
rows 2000
tag SELECT 2000
rows 1999
error 22012
status E
rows 0
tag ROLLBACK
status I
rows 0
error 42P05
status I
rows 10
suspended
status I
rows 0
error 34000
status I
rows 1
tag SELECT 1
status I" "$(grep -v rss_growth <<< "$out")"

# A client that goes away mid-stream: the statement ends, and with it the transaction's locks (an
# advisory lock the other session then takes without waiting long).
STOP_AFTER=100000 "$reader" "$port" 0 "BEGIN; SELECT pg_advisory_xact_lock(7)" \
  "SELECT g, repeat('x', 100) FROM generate_series(1, 10000000) g" > /dev/null
STOP_AFTER=100000 "$reader" "$port" 0 \
  "SELECT pg_advisory_xact_lock(8), g, repeat('x', 100) FROM generate_series(1, 10000000) g" > /dev/null
out=$(psql -X -At -v ON_ERROR_STOP=1 -c "SET lock_timeout = '20s'" \
  -c "SELECT pg_advisory_lock(7), pg_advisory_lock(8)" -c "SELECT pg_advisory_unlock_all()" 2>&1) ||
  fail "locks of a disconnected streaming session: $out"
echo "streaming: ok"
