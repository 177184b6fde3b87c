#!/usr/bin/env bash
# Temporary tables across sessions, after a session ends and after a crash (test/e2e/temp_tables.py).
# To check the expectations against PostgreSQL: test/e2e/temp_tables.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
if [[ "${1:-}" == "--postgresql" ]]; then
  exec /usr/bin/python3 "$src/test/e2e/temp_tables.py" --target postgresql --host "$2" --port "$3" --user "$4" --dbname "$5"
fi
build=$1
source "$src/test/e2e/lib.sh"
start_kanto "$build"
fifo=$dir/holder
mkfifo "$fifo"
# The session holding temporary tables stays connected (reading the fifo) while the server is killed.
/usr/bin/python3 "$src/test/e2e/temp_tables.py" --port "$port" < "$fifo" > "$dir/before.out" &
holder=$!
exec 3> "$fifo"
for _ in $(seq 100); do
  grep -q '^ready' "$dir/before.out" 2>/dev/null && break
  if ! kill -0 "$holder" 2>/dev/null; then break; fi
  sleep 0.1
done
cat "$dir/before.out"
grep -q '^ready' "$dir/before.out" || { echo "FAIL: the first phase did not finish"; exit 1; }
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
exec 3>&-
wait "$holder" 2>/dev/null || true
"$build/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" > "$dir/log2" 2>&1 &
pid=$!
wait_listening "$dir/log2"
/usr/bin/python3 "$src/test/e2e/temp_tables.py" --port "$port" --phase after
