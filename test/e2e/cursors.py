#!/usr/bin/python3
"""Streaming cursors through the server (test/e2e/cursors.sh): DECLARE over 10 million rows and a
few FETCHes finish in moments with the server's RSS flat; MOVE's and FETCH's command tags; a
psycopg2 named (server-side) cursor iterating 2 million rows; an error raised by the FETCH that
reaches its row; a cursor reads as of its DECLARE while another session commits. The expectations
hold on PostgreSQL 15 too: cursors.py 0 runs them against the server in PG* without the RSS checks.

usage: cursors.py SERVER_PID (0: no RSS checks), connection from PGHOST, PGPORT, PGUSER, PGDATABASE
"""
import sys
import time

import psycopg2

server_pid = int(sys.argv[1])


def rss_kb():
    if not server_pid:
        return 0
    with open(f"/proc/{server_pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def check(name, expected, actual):
    if expected != actual:
        sys.exit(f"cursors: {name}: expected {expected!r}, got {actual!r}")


def check_growth(name, before, limit_kb=50 * 1024):
    growth = rss_kb() - before
    if growth > limit_kb:
        sys.exit(f"cursors: {name}: server RSS grew by {growth} kB")


conn = psycopg2.connect("")
cur = conn.cursor()

# 10 million rows: DECLARE and FETCH read only what they return; MOVE passes rows without keeping them.
base = rss_kb()
start = time.monotonic()
cur.execute("DECLARE big CURSOR FOR SELECT g, repeat('x', 100) FROM generate_series(1, 10000000) g")
check("DECLARE tag", "DECLARE CURSOR", cur.statusmessage)
cur.execute("FETCH 5 FROM big")
check("FETCH 5", [(i, "x" * 100) for i in range(1, 6)], cur.fetchall())
check("FETCH tag", "FETCH 5", cur.statusmessage)
elapsed = time.monotonic() - start
if server_pid and elapsed > 2.0:  # (PostgreSQL's function scan stores all 10M rows first: seconds)
    sys.exit(f"cursors: DECLARE and FETCH 5 over 10M rows took {elapsed:.2f} s")
check_growth("DECLARE + FETCH 5 over 10M rows", base)
cur.execute("MOVE FORWARD 2000000 IN big")
check("MOVE tag", "MOVE 2000000", cur.statusmessage)
cur.execute("FETCH NEXT FROM big")
check("FETCH after MOVE", [(2000006, "x" * 100)], cur.fetchall())
check_growth("MOVE 2M rows", base)
cur.execute("MOVE 0 IN big")
check("MOVE 0 on a row", "MOVE 1", cur.statusmessage)
cur.execute("MOVE ABSOLUTE 9999999 IN big")  # (forward: no step back)
check("MOVE ABSOLUTE tag", "MOVE 1", cur.statusmessage)
cur.execute("FETCH ALL FROM big")
check("FETCH ALL at the end", [(10000000, "x" * 100)], cur.fetchall())
check_growth("MOVE ABSOLUTE to the end", base)
cur.execute("MOVE 5 IN big")
check("MOVE past the end", "MOVE 0", cur.statusmessage)
cur.execute("CLOSE big")
# A default cursor goes back when its plan can (Kanto reads the query again and keeps its rows).
cur.execute("DECLARE back CURSOR FOR SELECT g FROM generate_series(1, 100000) g")
cur.execute("MOVE 50000 IN back")
cur.execute("FETCH PRIOR FROM back")
check("FETCH PRIOR", [(49999,)], cur.fetchall())
cur.execute("MOVE BACKWARD ALL IN back")
check("MOVE BACKWARD ALL tag", "MOVE 49998", cur.statusmessage)
cur.execute("FETCH LAST FROM back")
check("FETCH LAST", [(100000,)], cur.fetchall())
conn.rollback()

# A NO SCROLL cursor: the same rows, and 55000 for a step back.
cur.execute("DECLARE ns NO SCROLL CURSOR FOR SELECT g FROM generate_series(1, 10000000) g")
cur.execute("MOVE 3000000 IN ns")
cur.execute("FETCH 2 FROM ns")
check("NO SCROLL FETCH", [(3000001,), (3000002,)], cur.fetchall())
check_growth("NO SCROLL MOVE 3M rows", base)
try:
    cur.execute("FETCH PRIOR FROM ns")
    sys.exit("cursors: FETCH PRIOR on NO SCROLL succeeded")
except psycopg2.Error as e:
    check("NO SCROLL backward", ("55000", "cursor can only scan forward\n",
                                 "Declare it with SCROLL option to enable backward scan."),
          (e.pgcode, e.diag.message_primary + "\n", e.diag.message_hint))
conn.rollback()

# psycopg2 named cursors are server-side cursors (DECLARE, then FETCH FORWARD itersize).
named = conn.cursor("named_big")
named.itersize = 5000
named.execute("SELECT g FROM generate_series(1, 2000000) g")
count = total = peak = 0
for (g,) in named:
    count += 1
    total += g
    if count % 200000 == 0:
        peak = max(peak, rss_kb() - base)
check("named cursor rows", (2000000, 2000000 * 2000001 // 2), (count, total))
if peak > 50 * 1024:
    sys.exit(f"cursors: server RSS grew by {peak} kB while a named cursor read 2M rows")
named.close()
conn.commit()

# An error at row 3000: the FETCHes before it succeed, the one that reaches it fails.
named = conn.cursor("named_err")
named.execute("SELECT 1 / (g - 3000) FROM generate_series(1, 5000) g")
check("rows before the error", 2000, len(named.fetchmany(2000)))
check("rows before the error", 999, len(named.fetchmany(999)))
try:
    named.fetchmany(10)
    sys.exit("cursors: the FETCH reaching the error succeeded")
except psycopg2.Error as e:
    check("error at the FETCH that reaches it", "22012", e.pgcode)
conn.rollback()

# A cursor reads as of its DECLARE (READ COMMITTED): rows another session commits later do not show.
cur.execute("CREATE TABLE cursor_snap (id int PRIMARY KEY)")
cur.execute("INSERT INTO cursor_snap SELECT generate_series(1, 10)")
conn.commit()
other = psycopg2.connect("")
other.autocommit = True
cur.execute("DECLARE snap CURSOR FOR SELECT id FROM cursor_snap ORDER BY id")
cur.execute("FETCH 2 FROM snap")
check("snapshot rows", [(1,), (2,)], cur.fetchall())
other.cursor().execute("INSERT INTO cursor_snap VALUES (11); DELETE FROM cursor_snap WHERE id = 5")
cur.execute("SELECT count(*) FROM cursor_snap")  # (a new statement sees the commit)
check("new statement", [(10,)], cur.fetchall())
cur.execute("FETCH ALL FROM snap")
check("cursor as of its DECLARE", [(i,) for i in range(3, 11)], cur.fetchall())
conn.rollback()
cur.execute("DROP TABLE cursor_snap")
conn.commit()
other.close()
conn.close()
print("cursors: ok")
