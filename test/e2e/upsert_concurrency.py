#!/usr/bin/python3
"""INSERT ... ON CONFLICT under concurrent sessions: two real connections stepping in a fixed order
(test/e2e/locks.py's machinery), then a stress run of many sessions upserting a few keys.

usage: upsert_concurrency.py --port N [--host H] [--user U] [--dbname D]
                             [--sessions N] [--upserts M] [--keys K]
PostgreSQL's guarantee: two sessions upserting the same key never both insert and never lose an
update. READ COMMITTED: the second waits for the first, then updates the newest version of the row
(or inserts, when the first rolled back or deleted it). REPEATABLE READ and SERIALIZABLE: a
conflicting row committed after the transaction's snapshot gives 40001. Every expectation holds on
PostgreSQL 15 (run it against the reference server with --port 5499 --user postgres --dbname NAME).
The stress run prints its figures: N sessions x M upserts on K keys, at each isolation level (40001
retried), the final row count and the sum and per-key values, which must equal what was sent.
"""
import sys
import threading
import time

import psycopg2

import locks
from concurrency import BLOCKS, WAIT, Count, Failure, Rows, connect, run_sql_all
from steps import parser as server_parser

ADD = "INSERT INTO test VALUES (%d, %d) ON CONFLICT (id) DO UPDATE SET value = test.value + excluded.value"
RR = "BEGIN ISOLATION LEVEL REPEATABLE READ"
SER = "BEGIN ISOLATION LEVEL SERIALIZABLE"
CONCURRENT_UPDATE = "40001 could not serialize access due to concurrent update"

SCENARIOS = [
    ("read committed: the same new key, the second waits and updates", [
        ("T1", "BEGIN", None),
        ("T1", ADD % (3, 1), Count(1)),
        ("T2", ADD % (3, 5), BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1)),
        ("T2", "SELECT id, value FROM test WHERE id = 3", Rows((3, 6)))]),
    ("read committed: the first rolls back, the second inserts", [
        ("T1", "BEGIN", None),
        ("T1", ADD % (3, 1), Count(1)),
        ("T2", ADD % (3, 5) + " RETURNING value", BLOCKS),
        ("T1", "ROLLBACK", None),
        ("T2", WAIT, Rows((5,))),
        ("T2", "SELECT id, value FROM test WHERE id = 3", Rows((3, 5)))]),
    ("read committed: SET applies to the newest version of a row updated meanwhile", [
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 100 WHERE id = 1", Count(1)),
        ("T2", ADD % (1, 5) + " RETURNING value", BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Rows((105,))),
        ("T1", "SELECT value FROM test WHERE id = 1", Rows((105,)))]),
    ("read committed: DO UPDATE ... WHERE sees the newest version", [
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 100 WHERE id = 1", Count(1)),
        ("T2", ADD % (1, 5) + " WHERE test.value < 50", BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(0)),
        ("T1", "SELECT value FROM test WHERE id = 1", Rows((100,)))]),
    ("read committed: the row deleted meanwhile, the second inserts", [
        ("T1", "BEGIN", None),
        ("T1", "DELETE FROM test WHERE id = 1", Count(1)),
        ("T2", ADD % (1, 5), BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1)),
        ("T1", "SELECT value FROM test WHERE id = 1", Rows((5,)))]),
    ("read committed: DO NOTHING waits, then skips the committed key", [
        ("T1", "BEGIN", None),
        ("T1", "INSERT INTO test VALUES (3, 1)", Count(1)),
        ("T2", "INSERT INTO test VALUES (3, 2) ON CONFLICT DO NOTHING", BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(0)),
        ("T2", "SELECT value FROM test WHERE id = 3", Rows((1,)))]),
    ("read committed: two upserts of a key in one transaction, another session waits for both", [
        ("T1", "BEGIN", None),
        ("T1", ADD % (3, 1), Count(1)),
        ("T1", ADD % (3, 10), Count(1)),
        ("T2", ADD % (3, 100), BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1)),
        ("T2", "SELECT value FROM test WHERE id = 3", Rows((111,)))]),
    ("repeatable read: a row committed after the snapshot gives 40001", [
        ("T2", RR, None),
        ("T2", "SELECT count(*) FROM test", Rows((2,))),
        ("T1", "BEGIN", None),
        ("T1", ADD % (3, 1), Count(1)),
        ("T2", ADD % (3, 5), BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, CONCURRENT_UPDATE),
        ("T2", "ROLLBACK", None),
        ("T2", "SELECT value FROM test WHERE id = 3", Rows((1,)))]),
    ("repeatable read: the first rolls back, the second inserts", [
        ("T2", RR, None),
        ("T2", "SELECT count(*) FROM test", Rows((2,))),
        ("T1", "BEGIN", None),
        ("T1", ADD % (3, 1), Count(1)),
        ("T2", ADD % (3, 5), BLOCKS),
        ("T1", "ROLLBACK", None),
        ("T2", WAIT, Count(1)),
        ("T2", "COMMIT", None),
        ("T1", "SELECT value FROM test WHERE id = 3", Rows((5,)))]),
    ("repeatable read: the existing row updated after the snapshot gives 40001", [
        ("T2", RR, None),
        ("T2", "SELECT count(*) FROM test", Rows((2,))),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T2", ADD % (1, 5), CONCURRENT_UPDATE),
        ("T2", "ROLLBACK", None),
        ("T1", "SELECT value FROM test WHERE id = 1", Rows((11,)))]),
    ("repeatable read: a row committed before the snapshot is updated", [
        ("T1", ADD % (3, 1), Count(1)),
        ("T2", RR, None),
        ("T2", ADD % (3, 5) + " RETURNING value", Rows((6,))),
        ("T2", "COMMIT", None),
        ("T1", "SELECT value FROM test WHERE id = 3", Rows((6,)))]),
    ("repeatable read: DO NOTHING on a key committed after the snapshot gives 40001", [
        ("T2", RR, None),
        ("T2", "SELECT count(*) FROM test", Rows((2,))),
        ("T1", "INSERT INTO test VALUES (3, 1)", Count(1)),
        ("T2", "INSERT INTO test VALUES (3, 2) ON CONFLICT DO NOTHING", CONCURRENT_UPDATE),
        ("T2", "ROLLBACK", None)]),
    ("serializable: a row committed after the snapshot gives 40001", [
        ("T2", SER, None),
        ("T2", "SELECT count(*) FROM test", Rows((2,))),
        ("T1", "BEGIN ISOLATION LEVEL SERIALIZABLE", None),
        ("T1", ADD % (3, 1), Count(1)),
        ("T2", ADD % (3, 5), BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, CONCURRENT_UPDATE),
        ("T2", "ROLLBACK", None),
        ("T2", "SELECT value FROM test WHERE id = 3", Rows((1,)))]),
    ("serializable: two upserts of different keys both commit", [
        ("T1", SER, None),
        ("T2", SER, None),
        ("T1", ADD % (3, 1), Count(1)),
        ("T2", ADD % (4, 1), Count(1)),
        ("T1", "COMMIT", None),
        ("T2", "COMMIT", None),
        ("T1", "SELECT id, value FROM test WHERE id > 2", Rows((3, 1), (4, 1)))]),
    ("a unique arbiter index: the second waits and updates", [
        ("T1", "CREATE TABLE other2 (email text UNIQUE, n int)", None),
        ("T1", "BEGIN", None),
        ("T1", "INSERT INTO other2 VALUES ('a', 1) ON CONFLICT (email) DO UPDATE SET n = other2.n + 1", Count(1)),
        ("T2", "INSERT INTO other2 VALUES ('a', 1) ON CONFLICT (email) DO UPDATE SET n = other2.n + 1", BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1)),
        ("T2", "SELECT email, n FROM other2", Rows(("a", 2))),
        ("T2", "DROP TABLE other2", None)]),
]

LEVELS = ["READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"]


def stress(args, level):
    """args.sessions sessions, each args.upserts upserts (one per transaction) spread over args.keys keys."""
    run_sql_all(args, ["DROP TABLE IF EXISTS counters",
                       "CREATE TABLE counters (k int PRIMARY KEY, n int NOT NULL, last int)"])
    sent = {}
    for s in range(args.sessions):
        for i in range(args.upserts):
            k = (s * 7 + i * 3) % args.keys
            sent[k] = sent.get(k, 0) + 1
    retries = [0]
    errors = []
    lock = threading.Lock()

    def session(s):
        conn = connect(args)
        cur = conn.cursor()
        try:
            for i in range(args.upserts):
                k = (s * 7 + i * 3) % args.keys
                while True:
                    try:
                        cur.execute("BEGIN ISOLATION LEVEL " + level)
                        cur.execute("INSERT INTO counters VALUES (%s, 1, %s) ON CONFLICT (k) DO UPDATE "
                                    "SET n = counters.n + excluded.n, last = excluded.last", (k, s))
                        cur.execute("COMMIT")
                        break
                    except psycopg2.Error as e:
                        cur.execute("ROLLBACK")
                        if e.pgcode != "40001":
                            raise
                        with lock:
                            retries[0] += 1
        except Exception as e:  # noqa: BLE001 - reported as the run's failure
            with lock:
                errors.append("session %d: %s %s" % (s, getattr(e, "pgcode", ""), e))
        finally:
            conn.close()

    start = time.time()
    threads = [threading.Thread(target=session, args=(s,)) for s in range(args.sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    elapsed = time.time() - start
    if any(t.is_alive() for t in threads):
        raise Failure("stress %s: sessions still running after 120 s" % level)
    if errors:
        raise Failure("stress %s: %s" % (level, "; ".join(errors[:3])))
    conn = connect(args)
    cur = conn.cursor()
    cur.execute("SELECT k, n FROM counters ORDER BY k")
    got = dict(cur.fetchall())
    cur.execute("DROP TABLE counters")
    conn.close()
    total = args.sessions * args.upserts
    print("stress %s: %d sessions x %d upserts on %d keys: %d rows, sum %d (sent %d), %d retries after 40001, "
          "%.1f s" % (level, args.sessions, args.upserts, args.keys, len(got), sum(got.values()), total,
                      retries[0], elapsed))
    if got != sent:
        raise Failure("stress %s: final values %r, sent %r" % (level, got, sent))


def main():
    p = server_parser()
    p.add_argument("--sessions", type=int, default=8)
    p.add_argument("--upserts", type=int, default=100)
    p.add_argument("--keys", type=int, default=5)
    args = p.parse_args()
    failures = 0
    run_sql_all(args, ["DROP TABLE IF EXISTS other2"])
    for name, steps in SCENARIOS:
        try:
            locks.run_steps(args, name, steps)
        except Failure as e:
            failures += 1
            print("FAIL %s" % e)
    for level in LEVELS:
        try:
            stress(args, level)
        except Failure as e:
            failures += 1
            print("FAIL %s" % e)
    print("upsert_concurrency: %d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
