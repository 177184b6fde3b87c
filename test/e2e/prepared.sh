#!/usr/bin/env bash
# PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED (test/e2e/prepared.py) against one
# `kanto serve -c max_prepared_transactions=10`, and survival of prepared transactions across a
# kill -9 and across a clean restart. The expectations are PostgreSQL 15's; to check them there
# (without the crash): test/e2e/prepared.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
py="/usr/bin/python3 $src/test/e2e/prepared.py"
if [[ "${1:-}" == "--postgresql" ]]; then
  for phase in main before-crash after-crash; do
    $py --host "$2" --port "$3" --user "$4" --dbname "$5" --phase $phase
  done
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
