#!/usr/bin/env bash
# PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED (test/e2e/prepared.py) against one
# `kanto serve -c max_prepared_transactions=10`, and survival of prepared transactions across a
# kill -9 and across a clean restart. The expectations are PostgreSQL 15's; to check them there
# with the same restarts: test/e2e/prepared.sh --postgresql, which starts a throwaway PostgreSQL 15
# (initdb in a temporary directory, loopback only, max_prepared_transactions=10).
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
py="/usr/bin/python3 $src/test/e2e/prepared.py"
if [[ "${1:-}" == "--postgresql" ]]; then
  source "$src/test/e2e/lib.sh"
  private_postgresql
  pg_ctl() { "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" "$@" > /dev/null; }
  pg_start() {
    pg_ctl -l "$pgdir/pg.log" -w -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdir -c max_prepared_transactions=10" start
  }
  trap 'pg_ctl -m immediate stop 2>/dev/null || true; rm -rf "$pgdir"' EXIT
  "${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C > "$pgdir/initdb.log" 2>&1
  pg_start
  pgpy="$py --host 127.0.0.1 --port $pgport --user postgres --dbname postgres"
  $pgpy --phase main
  $pgpy --phase before-crash
  pg_ctl -m immediate stop
  pg_start
  $pgpy --phase after-crash
  $pgpy --phase before-crash
  pg_ctl -m fast stop
  pg_start
  $pgpy --phase after-crash
  exit 0
fi
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build" -c max_prepared_transactions=10
$py --port "$port" --phase main
$py --port "$port" --phase before-crash
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
"$build/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" -c max_prepared_transactions=10 > "$dir/log2" 2>&1 &
pid=$!
wait_listening "$dir/log2"
$py --port "$port" --phase after-crash
# A clean restart keeps them too.
$py --port "$port" --phase before-crash
kill -TERM "$pid"
wait "$pid" || true
"$build/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" -c max_prepared_transactions=10 > "$dir/log3" 2>&1 &
pid=$!
wait_listening "$dir/log3"
$py --port "$port" --phase after-crash
