#!/usr/bin/env bash
# Many connections: with 1,000 idle psycopg2 connections `kanto serve` stays under 30 MB of RSS
# (connections are coroutines, not threads; an idle one holds no read buffer, no copy of the
# settings' defaults: about 7 kB each, the rest is the binary's and RocksDB's pages), and the connection past
# --max-connections is refused with 53300 while the others keep working.
set -euo pipefail
build=$1
dir=$(mktemp -d)
ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$build/kanto" serve --data "$dir/db" --listen "127.0.0.1:$port" --max-connections 1010 > "$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 50); do grep -q listening "$dir/log" && break; sleep 0.1; done
/usr/bin/python3 - "$port" "$pid" <<'PY'
import sys, psycopg2
port, pid = int(sys.argv[1]), sys.argv[2]
def rss_kb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
dsn = f"host=127.0.0.1 port={port} user=kanto dbname=kanto"
warm = psycopg2.connect(dsn)
warm.cursor().execute("SELECT 1")
before = rss_kb()
conns = [psycopg2.connect(dsn) for _ in range(1000)]
after = rss_kb()
print(f"1000 idle connections: server RSS {before // 1024} MB -> {after // 1024} MB")
assert after < 30 * 1024, (before, after)
# the limit: 1010 connections (counting `warm`) are allowed, the next is refused with 53300
extra = [psycopg2.connect(dsn) for _ in range(9)]
try:
    psycopg2.connect(dsn)
    raise SystemExit("connection past max_connections accepted")
except psycopg2.OperationalError as e:
    assert "too many clients" in str(e), e
cur = conns[500].cursor()
cur.execute("SELECT 41 + 1")
assert cur.fetchone() == (42,)
PY
