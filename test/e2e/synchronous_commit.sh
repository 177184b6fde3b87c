#!/usr/bin/env bash
# synchronous_commit through `kanto serve`: the server setting (-c synchronous_commit=off) is the
# sessions' default and SHOW says so; a session overrides it (PGOPTIONS, SET). Counts the WAL syncs
# (strace) of 100 one-row commits each way: on syncs each of them, off only the WAL syncer's (one
# per 200 ms at most, storage/wal_syncer.hpp); commits made with off
# are all there after a clean restart, and after SIGKILL of the server (the WAL record is written
# before COMMIT returns) with no transaction applied in part.
set -euo pipefail
build=$1
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/lib.sh"

start_kanto "$build" -c synchronous_commit=off
[[ "$(psql -At -c 'SHOW synchronous_commit')" == off ]] || { echo "server default not off"; exit 1; }
[[ "$(PGOPTIONS='-c synchronous_commit=on' psql -At -c 'SHOW synchronous_commit')" == on ]] ||
  { echo "PGOPTIONS did not set synchronous_commit"; exit 1; }
[[ "$(psql -qAt -c 'SET synchronous_commit = local' -c 'RESET synchronous_commit' -c 'SHOW synchronous_commit')" == off ]] ||
  { echo "RESET did not go back to the server's default"; exit 1; }
psql -q -c 'CREATE TABLE t (id int PRIMARY KEY, batch int)'

# The fdatasync / fsync calls of the server while one client makes 100 one-row commits.
syncs_of_100_commits() {  # FIRST_ID [PGOPTIONS]
  local first=$1 trace="$dir/strace.$1"
  strace -f -q -c -e trace=fdatasync,fsync -o "$trace" -p "$pid" &
  local tracer=$!
  sleep 0.5  # attached to every thread
  local start=$EPOCHREALTIME
  for i in $(seq "$first" $((first + 99))); do echo "INSERT INTO t VALUES ($i, 0);"; done |
    PGOPTIONS="${2:-}" psql -q -v ON_ERROR_STOP=1 > /dev/null
  sleep 0.3  # the WAL syncer's last round
  local ms=$(( (${EPOCHREALTIME/./} - ${start/./}) / 1000 ))
  kill -INT "$tracer"
  wait "$tracer" || true
  awk -v ms="$ms" '$NF == "fdatasync" || $NF == "fsync" { n += $4 } END { print n + 0, ms }' "$trace"
}
if command -v strace > /dev/null; then
  read -r off off_ms <<< "$(syncs_of_100_commits 1)"
  read -r on on_ms <<< "$(syncs_of_100_commits 101 '-c synchronous_commit=on')"
  echo "WAL syncs for 100 commits: synchronous_commit=off $off in $off_ms ms, on $on in $on_ms ms"
  (( on >= 100 )) || { echo "synchronous_commit=on synced only $on of 100 commits"; exit 1; }
  # off: the WAL syncer's, at most one per 200 ms (and at least one: the commits do get synced).
  (( off >= 1 && off <= off_ms / 200 + 2 && off < 100 )) ||
    { echo "synchronous_commit=off synced $off times in $off_ms ms for 100 commits"; exit 1; }
else
  echo "strace not installed: WAL sync counts not checked (scripts/install-deps installs it)"
  for i in $(seq 1 200); do echo "INSERT INTO t VALUES ($i, 0);"; done | psql -q -v ON_ERROR_STOP=1
fi

# A clean restart keeps every commit; the restarted server (no -c) is back to on.
restart_kanto "$build" "$dir/log2"
[[ "$(psql -At -c 'SELECT count(*) FROM t')" == 200 ]] || { echo "rows lost over a clean restart"; exit 1; }
[[ "$(psql -At -c 'SHOW synchronous_commit')" == on ]] || { echo "default after restart not on"; exit 1; }

# SIGKILL while a session commits 10-row transactions with synchronous_commit=off: every
# acknowledged COMMIT is there afterwards, and no transaction is there in part.
for b in $(seq 1 100000); do
  echo "BEGIN; INSERT INTO t SELECT 1000 + $b * 10 + g, $b FROM generate_series(0, 9) g; COMMIT;"
done | PGOPTIONS='-c synchronous_commit=off' psql -v ON_ERROR_STOP=1 > "$dir/acks" 2>&1 &
writer=$!
for _ in $(seq 50); do
  (( $(grep -c COMMIT "$dir/acks" || true) >= 50 )) && break
  sleep 0.1
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
wait "$writer" 2>/dev/null || true
acked=$(grep -c COMMIT "$dir/acks" || true)
"$build/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" > "$dir/log3" 2>&1 &
pid=$!
wait_listening "$dir/log3"
read -r rows partial <<< "$(psql -At -F ' ' -c \
  'SELECT count(*), (SELECT count(*) FROM (SELECT batch FROM t WHERE batch > 0 GROUP BY batch HAVING count(*) <> 10) p) FROM t WHERE batch > 0')"
echo "SIGKILL after $acked acknowledged 10-row commits (synchronous_commit=off): $rows rows, $partial partial transactions"
(( acked >= 5 )) || { echo "the writer acknowledged only $acked commits"; cat "$dir/acks"; exit 1; }
(( partial == 0 )) || { echo "$partial transactions applied in part"; exit 1; }
(( rows >= acked * 10 )) || { echo "acknowledged $acked commits but found $rows rows"; exit 1; }
echo "synchronous_commit ok"
