#!/usr/bin/env bash
# Protocol limits and memory bounded by what arrived (issue 10): one `kanto serve` with SCRAM and a
# 1 s authentication_timeout; protocol_limits.py sends oversized / malformed startup packets, SASL
# messages and queries from raw sockets and checks the answers, the server's RSS and that other
# sessions keep working; large_values.py inserts and reads back a 100 MB text value under an RSS bound.
set -euo pipefail
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "ALTER ROLE kanto PASSWORD 'limits-pw';" | "$build/kanto" shell "$dir/db" > /dev/null
"$build/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" --auth scram-sha-256 \
  --authentication-timeout 1s > "$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 50); do grep -q listening "$dir/log" && break; sleep 0.1; done
/usr/bin/python3 "$src/test/e2e/protocol_limits.py" "$port" "$pid" limits-pw
/usr/bin/python3 "$src/test/e2e/large_values.py" "$port" "$pid" limits-pw
grep -q 'canceling authentication due to timeout' "$dir/log" || { echo "no timeout in the log:"; cat "$dir/log"; exit 1; }
# bad settings are refused
if "$build/kanto" serve --data "$dir/db2" --authentication-timeout 0 2>/dev/null; then echo "timeout 0 accepted"; exit 1; fi
if "$build/kanto" serve --data "$dir/db2" --authentication-timeout 11min 2>/dev/null; then echo "timeout 11min accepted"; exit 1; fi
echo "protocol limits ok"
