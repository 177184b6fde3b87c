#!/usr/bin/env bash
# Concurrency scenarios (test/e2e/concurrency.py) against one `kanto serve`: Hermitage at READ
# COMMITTED and REPEATABLE READ, EvalPlanQual, row locks, deadlocks and invariants under load.
# The expectations are PostgreSQL 15's; to check them against a PostgreSQL server:
#   test/e2e/concurrency.sh --postgresql HOST PORT USER DBNAME
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
if [[ "${1:-}" == "--postgresql" ]]; then
  shift
  exec /usr/bin/python3 "$src/test/e2e/concurrency.py" --target postgresql --host "$1" --port "$2" --user "$3" \
    --dbname "$4" "${@:5}"
fi
build=$1
shift
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
/usr/bin/python3 "$src/test/e2e/concurrency.py" --port "$port" "$@"
