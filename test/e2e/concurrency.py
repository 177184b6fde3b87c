#!/usr/bin/python3
"""Concurrency scenarios: two or more real connections stepping in a fixed order.

usage: concurrency.py --port N [--host H] [--user U] [--dbname D] [--target kanto|postgresql] [--only NAME]

Every expectation below was confirmed against PostgreSQL 15 (run with --target postgresql against the
reference server); Kanto must give the same rows, row counts, SQLSTATEs and blocking behaviour. A
step that must block runs in a thread: it is checked to be still waiting after a short pause, and a
later WAIT step on the same connection collects its result once another step released it.
Scenarios: the Hermitage anomaly tests (github.com/ept/hermitage) at READ COMMITTED, REPEATABLE
READ and SERIALIZABLE, SERIALIZABLE's write skew, read-only anomaly, DEFERRABLE and false-positive
cases (with the reason code of each 40001), the READ COMMITTED
lost update and WHERE re-check (EvalPlanQual), row locks (FOR UPDATE / SHARE, NOWAIT, SKIP LOCKED),
locks released at an error, deadlock resolution, foreign keys against a concurrent delete of the
parent, and invariants under load (a +1/-1 counter and a SKIP LOCKED job queue).
"""
import sys
import threading
import time

import psycopg2
from steps import parser as server_parser

BLOCKS = "BLOCKS"  # the step must wait for a lock
WAIT = "WAIT"      # collect the result of the connection's blocked step
CANCEL = "CANCEL"  # send a CancelRequest for the connection's blocked step
PAUSE = 0.3        # how long a blocking step must stay blocked


class Rows:
    def __init__(self, *rows):
        self.rows = [tuple(r) for r in rows]

    def __repr__(self):
        return "rows %r" % (self.rows,)


class Count:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "count %d" % self.n


class Failure(Exception):
    pass


def connect(args):
    c = psycopg2.connect(host=args.host, port=args.port, user=args.user, dbname=args.dbname)
    c.autocommit = True
    return c


def run_sql(conn, sql):
    """(rows or rowcount, None) or (None, sqlstate)."""
    cur = conn.cursor()
    try:
        cur.execute(sql)
        if cur.description is not None:
            return Rows(*cur.fetchall()), None
        return Count(cur.rowcount), None
    except psycopg2.Error as e:
        err = (e.pgcode or "?????") + " " + (e.pgerror or str(e)).strip().splitlines()[0]
        if e.diag.message_detail:
            err += " | " + e.diag.message_detail
        return None, err


def check(name, step, got, err, expect):
    if isinstance(expect, str) and len(expect) >= 5:  # an SQLSTATE, then optionally text the error must contain
        if err is None or not err.startswith(expect[:5]) or expect[6:] not in err:
            raise Failure("%s step %r: expected error %s, got %r" % (name, step, expect, err or got))
        return
    if err is not None:
        raise Failure("%s step %r: unexpected error %s" % (name, step, err))
    if isinstance(expect, Rows):
        if not isinstance(got, Rows) or sorted(got.rows) != sorted(expect.rows):
            raise Failure("%s step %r: expected %r, got %r" % (name, step, expect, got))
    elif isinstance(expect, Count):
        if not isinstance(got, Count) or got.n != expect.n:
            raise Failure("%s step %r: expected %r, got %r" % (name, step, expect, got))


def run_steps(args, name, setup, steps, nconn=2):
    admin = connect(args)
    for sql in setup:
        _, err = run_sql(admin, sql)
        if err:
            raise Failure("%s setup %r: %s" % (name, sql, err))
    conns = {"T%d" % (i + 1): connect(args) for i in range(nconn)}
    blocked = {}
    try:
        for step in steps:
            who, sql, expect = step
            conn = conns[who]
            if sql == CANCEL:
                conn.cancel()
                continue
            if sql == WAIT:
                thread, box = blocked.pop(who)
                thread.join(5)
                if thread.is_alive():
                    raise Failure("%s step %r: still blocked" % (name, step))
                check(name, step, box.get("got"), box.get("err"), expect)
                continue
            if who in blocked:
                raise Failure("%s step %r: %s is blocked" % (name, step, who))
            if expect == BLOCKS:
                box = {}

                def target(conn=conn, sql=sql, box=box):
                    box["got"], box["err"] = run_sql(conn, sql)

                thread = threading.Thread(target=target, daemon=True)
                thread.start()
                thread.join(PAUSE)
                if not thread.is_alive():
                    raise Failure("%s step %r: did not block (%r)" % (name, step, box.get("err") or box.get("got")))
                blocked[who] = (thread, box)
                continue
            got, err = run_sql(conn, sql)
            check(name, step, got, err, expect)
        if blocked:
            raise Failure("%s: %s never released" % (name, ", ".join(blocked)))
    finally:
        for c in conns.values():
            try:
                c.cancel()
                c.close()
            except psycopg2.Error:
                pass
        admin.close()


# 40001 with the message and DETAIL: a write-write conflict with a concurrent update (REPEATABLE
# READ and SERIALIZABLE), and serializable snapshot isolation's failures by reason code.
CONCURRENT_UPDATE = "40001 could not serialize access due to concurrent update"
SSI = "40001 could not serialize access due to read/write dependencies among transactions | Reason code: "
SSI_COMMIT = SSI + "Canceled on identification as a pivot, during commit attempt."
SSI_WRITE = SSI + "Canceled on identification as a pivot, during write."

SETUP = ["DROP TABLE IF EXISTS test", "CREATE TABLE test (id int PRIMARY KEY, value int)",
         "INSERT INTO test (id, value) VALUES (1, 10), (2, 20)"]
BOTH = Rows((1, 10), (2, 20))


def run_scenarios(args, scenarios):
    """Runs (name, steps, connections, setup) scenarios, those matching args.only, with run_steps;
    prints each failure (and each pass with args.verbose) and returns the exit status."""
    failures = 0
    for name, steps, nconn, setup in scenarios:
        if args.only and args.only not in name:
            continue
        try:
            run_steps(args, name, setup, steps, nconn)
            if args.verbose:
                print("ok   %s" % name)
        except Failure as e:
            failures += 1
            print("FAIL %s" % e)
    print("%d failure(s)" % failures)
    return 1 if failures else 0


def begin(level):
    return "BEGIN ISOLATION LEVEL " + level


def hermitage(level):
    """The Hermitage tests at one level: (name, steps, nconn). `rc` selects the READ COMMITTED outcome."""
    rc = level == "READ COMMITTED"
    ser = level == "SERIALIZABLE"
    b = begin(level)
    tests = []
    tests.append(("G0", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T2", "UPDATE test SET value = 12 WHERE id = 1", BLOCKS),
        ("T1", "UPDATE test SET value = 21 WHERE id = 2", Count(1)),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1) if rc else CONCURRENT_UPDATE),
        ("T2", "UPDATE test SET value = 22 WHERE id = 2", Count(1) if rc else "25P02"),
        ("T2", "COMMIT", None),
        ("T1", "SELECT * FROM test", Rows((1, 12), (2, 22)) if rc else Rows((1, 11), (2, 21))),
    ], 2))
    tests.append(("G1a", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "UPDATE test SET value = 101 WHERE id = 1", Count(1)),
        ("T2", "SELECT * FROM test", BOTH),
        ("T1", "ROLLBACK", None),
        ("T2", "SELECT * FROM test", BOTH),
        ("T2", "COMMIT", None),
    ], 2))
    tests.append(("G1b", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "UPDATE test SET value = 101 WHERE id = 1", Count(1)),
        ("T2", "SELECT * FROM test", BOTH),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T1", "COMMIT", None),
        ("T2", "SELECT * FROM test", Rows((1, 11), (2, 20)) if rc else BOTH),
        ("T2", "COMMIT", None),
    ], 2))
    tests.append(("G1c", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T2", "UPDATE test SET value = 22 WHERE id = 2", Count(1)),
        ("T1", "SELECT * FROM test WHERE id = 2", Rows((2, 20))),
        ("T2", "SELECT * FROM test WHERE id = 1", Rows((1, 10))),
        ("T1", "COMMIT", None), ("T2", "COMMIT", SSI_COMMIT if ser else None),
    ], 2))
    tests.append(("OTV", [
        ("T1", b, None), ("T2", b, None), ("T3", b, None),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T1", "UPDATE test SET value = 19 WHERE id = 2", Count(1)),
        ("T2", "UPDATE test SET value = 12 WHERE id = 1", BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1) if rc else CONCURRENT_UPDATE),
        ("T3", "SELECT * FROM test", Rows((1, 11), (2, 19))),
        ("T2", "UPDATE test SET value = 18 WHERE id = 2", Count(1) if rc else "25P02"),
        ("T3", "SELECT * FROM test", Rows((1, 11), (2, 19))),
        ("T2", "COMMIT", None),
        ("T3", "SELECT * FROM test", Rows((1, 12), (2, 18)) if rc else Rows((1, 11), (2, 19))),
        ("T3", "COMMIT", None),
    ], 3))
    tests.append(("PMP", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "SELECT * FROM test WHERE value = 30", Rows()),
        ("T2", "INSERT INTO test (id, value) VALUES (3, 30)", Count(1)),
        ("T2", "COMMIT", None),
        ("T1", "SELECT * FROM test WHERE value % 3 = 0", Rows((3, 30)) if rc else Rows()),
        ("T1", "COMMIT", None),
    ], 2))
    tests.append(("PMP-write", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "UPDATE test SET value = value + 10", Count(2)),
        ("T2", "SELECT * FROM test WHERE value = 20", Rows((2, 20))),
        ("T2", "DELETE FROM test WHERE value = 20", BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(0) if rc else CONCURRENT_UPDATE),
        ("T2", "SELECT * FROM test WHERE value = 20", Rows((1, 20)) if rc else "25P02"),
        ("T2", "COMMIT", None),
        ("T1", "SELECT * FROM test", Rows((1, 20), (2, 30))),
    ], 2))
    tests.append(("P4", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "SELECT * FROM test WHERE id = 1", Rows((1, 10))),
        ("T2", "SELECT * FROM test WHERE id = 1", Rows((1, 10))),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T2", "UPDATE test SET value = 11 WHERE id = 1", BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1) if rc else CONCURRENT_UPDATE),
        ("T2", "COMMIT", None),
    ], 2))
    tests.append(("G-single", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "SELECT * FROM test WHERE id = 1", Rows((1, 10))),
        ("T2", "SELECT * FROM test WHERE id = 1", Rows((1, 10))),
        ("T2", "SELECT * FROM test WHERE id = 2", Rows((2, 20))),
        ("T2", "UPDATE test SET value = 12 WHERE id = 1", Count(1)),
        ("T2", "UPDATE test SET value = 18 WHERE id = 2", Count(1)),
        ("T2", "COMMIT", None),
        ("T1", "SELECT * FROM test WHERE id = 2", Rows((2, 18)) if rc else Rows((2, 20))),
        ("T1", "COMMIT", None),
    ], 2))
    tests.append(("G-single-predicate", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "SELECT * FROM test WHERE value % 5 = 0", BOTH),
        ("T2", "UPDATE test SET value = 12 WHERE value = 10", Count(1)),
        ("T2", "COMMIT", None),
        ("T1", "SELECT * FROM test WHERE value % 3 = 0", Rows((1, 12)) if rc else Rows()),
        ("T1", "COMMIT", None),
    ], 2))
    tests.append(("G-single-write", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "SELECT * FROM test WHERE id = 1", Rows((1, 10))),
        ("T2", "SELECT * FROM test", BOTH),
        ("T2", "UPDATE test SET value = 12 WHERE id = 1", Count(1)),
        ("T2", "UPDATE test SET value = 18 WHERE id = 2", Count(1)),
        ("T2", "COMMIT", None),
        ("T1", "DELETE FROM test WHERE value = 20", Count(0) if rc else CONCURRENT_UPDATE),
        ("T1", "ROLLBACK", None),
    ], 2))
    tests.append(("G2-item", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "SELECT * FROM test WHERE id IN (1, 2)", BOTH),
        ("T2", "SELECT * FROM test WHERE id IN (1, 2)", BOTH),
        ("T2", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T1", "UPDATE test SET value = 21 WHERE id = 2", Count(1)),
        ("T1", "COMMIT", None),
        ("T2", "COMMIT", SSI_COMMIT if ser else None),
    ], 2))
    tests.append(("G2", [
        ("T1", b, None), ("T2", b, None),
        ("T1", "SELECT * FROM test WHERE value % 3 = 0", Rows()),
        ("T2", "SELECT * FROM test WHERE value % 3 = 0", Rows()),
        ("T1", "INSERT INTO test (id, value) VALUES (3, 30)", Count(1)),
        ("T2", "INSERT INTO test (id, value) VALUES (4, 42)", Count(1)),
        ("T1", "COMMIT", None),
        ("T2", "COMMIT", SSI_COMMIT if ser else None),
    ], 2))
    return tests


# Hermitage: which anomalies PostgreSQL 15 prevents at each level (from the expectations above).
PREVENTED = {
    "READ COMMITTED": {"G0", "G1a", "G1b", "G1c"},
    "REPEATABLE READ": {"G0", "G1a", "G1b", "G1c", "OTV", "PMP", "PMP-write", "P4", "G-single", "G-single-predicate",
                        "G-single-write"},
    "SERIALIZABLE": {"G0", "G1a", "G1b", "G1c", "OTV", "PMP", "PMP-write", "P4", "G-single", "G-single-predicate",
                     "G-single-write", "G2-item", "G2"},
}
# OTV is prevented at READ COMMITTED too in PostgreSQL (T3 never sees half of T1/T2); the test
# above checks exactly what T3 sees.
PREVENTED["READ COMMITTED"].add("OTV")


def eval_plan_qual():
    """READ COMMITTED: a statement that waited for a row lock works on the newest committed version."""
    rc = "BEGIN ISOLATION LEVEL READ COMMITTED"
    rr = "BEGIN ISOLATION LEVEL REPEATABLE READ"
    pending = [("T1", rc, None), ("T1", "UPDATE test SET value = 30 WHERE id = 2", Count(1))]
    return [
        ("lost update", pending + [
            ("T2", "UPDATE test SET value = value + 1 WHERE id = 2", BLOCKS),
            ("T1", "COMMIT", None),
            ("T2", WAIT, Count(1)),
            ("T1", "SELECT value FROM test WHERE id = 2", Rows((31,))),
        ]),
        ("update re-checks WHERE", pending + [
            ("T2", "UPDATE test SET value = 99 WHERE value = 20", BLOCKS),
            ("T1", "COMMIT", None),
            ("T2", WAIT, Count(0)),
            ("T1", "SELECT * FROM test", Rows((1, 10), (2, 30))),
        ]),
        ("update still qualifies", pending + [
            ("T2", "UPDATE test SET value = value * 2 WHERE value >= 20 RETURNING id, value", BLOCKS),
            ("T1", "COMMIT", None),
            ("T2", WAIT, Rows((2, 60))),
        ]),
        ("delete re-checks WHERE", pending + [
            ("T2", "DELETE FROM test WHERE value = 20", BLOCKS),
            ("T1", "COMMIT", None),
            ("T2", WAIT, Count(0)),
            ("T1", "SELECT * FROM test", Rows((1, 10), (2, 30))),
        ]),
        # UPDATE ... FROM / DELETE ... USING re-check their WHERE over the joined row's newest version.
        ("joined: update ... from re-checks WHERE", pending + [
            ("T2", "UPDATE test SET value = test.value + v.d FROM (VALUES (2, 5)) AS v (id, d) "
                   "WHERE v.id = test.id AND test.value = 20", BLOCKS),
            ("T1", "COMMIT", None),
            ("T2", WAIT, Count(0)),
            ("T1", "SELECT * FROM test", Rows((1, 10), (2, 30))),
        ]),
        ("joined: update ... from works on the newest version", pending + [
            ("T2", "UPDATE test SET value = test.value + v.d FROM (VALUES (2, 5)) AS v (id, d) "
                   "WHERE v.id = test.id RETURNING test.value, v.d", BLOCKS),
            ("T1", "COMMIT", None),
            ("T2", WAIT, Rows((35, 5))),
        ]),
        ("joined: delete ... using re-checks WHERE", pending + [
            ("T2", "DELETE FROM test USING (VALUES (20)) AS v (x) WHERE test.value = v.x", BLOCKS),
            ("T1", "COMMIT", None),
            ("T2", WAIT, Count(0)),
            ("T1", "SELECT * FROM test", Rows((1, 10), (2, 30))),
        ]),
        ("delete of a deleted row", [("T1", rc, None), ("T1", "DELETE FROM test WHERE id = 2", Count(1)),
                                     ("T2", "UPDATE test SET value = 0 WHERE id = 2", BLOCKS),
                                     ("T1", "COMMIT", None),
                                     ("T2", WAIT, Count(0))]),
        ("repeatable read: concurrent update", [
            ("T2", rr, None), ("T2", "SELECT * FROM test", BOTH)] + pending + [
            ("T2", "UPDATE test SET value = value + 1 WHERE id = 2", BLOCKS),
            ("T1", "COMMIT", None),
            ("T2", WAIT, "40001"),
            ("T2", "ROLLBACK", None),
            ("T1", "SELECT value FROM test WHERE id = 2", Rows((30,))),
        ]),
        ("repeatable read: rollback releases the row", [
            ("T2", rr, None), ("T2", "SELECT * FROM test", BOTH)] + pending + [
            ("T2", "UPDATE test SET value = value + 1 WHERE id = 2", BLOCKS),
            ("T1", "ROLLBACK", None),
            ("T2", WAIT, Count(1)),
            ("T2", "COMMIT", None),
            ("T1", "SELECT value FROM test WHERE id = 2", Rows((21,))),
        ]),
    ]


DOCTORS = ["DROP TABLE IF EXISTS doctors", "CREATE TABLE doctors (name text PRIMARY KEY, on_call bool)",
           "INSERT INTO doctors VALUES ('alice', true), ('bob', true)"]
# Fekete, O'Neil and O'Neil 2004, "A read-only transaction anomaly under snapshot isolation":
# receipts go into the current batch (control.deposit_no); closing a batch increments it; a report
# of a closed batch must never miss a receipt that later appears in it.
BATCHES = ["DROP TABLE IF EXISTS control", "DROP TABLE IF EXISTS receipts",
           "CREATE TABLE control (id int PRIMARY KEY, deposit_no int)", "INSERT INTO control VALUES (1, 1)",
           "CREATE TABLE receipts (rcpt_no int PRIMARY KEY, deposit_no int, amount int)",
           "INSERT INTO receipts VALUES (1, 1, 100)"]
ACCOUNTS = ["DROP TABLE IF EXISTS accts", "CREATE TABLE accts (id int PRIMARY KEY, balance int)",
            "INSERT INTO accts SELECT g, 100 FROM generate_series(1, 1000) g"]


def serializable():
    """SERIALIZABLE beyond Hermitage: (name, setup, steps, nconn)."""
    b = begin("SERIALIZABLE")
    receipt_and_close = [
        ("T1", b, None), ("T1", "SELECT deposit_no FROM control WHERE id = 1", Rows((1,))),
        ("T2", b, None), ("T2", "UPDATE control SET deposit_no = deposit_no + 1 WHERE id = 1", Count(1)),
        ("T2", "COMMIT", None)]
    return [
        ("write skew: doctors on call", DOCTORS, [
            ("T1", b, None), ("T2", b, None),
            ("T1", "SELECT count(*) FROM doctors WHERE on_call", Rows((2,))),
            ("T2", "SELECT count(*) FROM doctors WHERE on_call", Rows((2,))),
            ("T1", "UPDATE doctors SET on_call = false WHERE name = 'alice'", Count(1)),
            ("T2", "UPDATE doctors SET on_call = false WHERE name = 'bob'", Count(1)),
            ("T1", "COMMIT", None),
            ("T2", "COMMIT", SSI_COMMIT),
            ("T1", "SELECT name FROM doctors WHERE on_call", Rows(("bob",)))], 2),
        ("write skew: the second writer fails when the first committed", DOCTORS, [
            ("T1", b, None), ("T2", b, None),
            ("T1", "SELECT count(*) FROM doctors WHERE on_call", Rows((2,))),
            ("T2", "SELECT count(*) FROM doctors WHERE on_call", Rows((2,))),
            ("T1", "UPDATE doctors SET on_call = false WHERE name = 'alice'", Count(1)),
            ("T1", "COMMIT", None),
            ("T2", "UPDATE doctors SET on_call = false WHERE name = 'bob'", SSI_WRITE),
            ("T2", "ROLLBACK", None)], 2),
        ("read-only anomaly: the report makes the receipt fail", BATCHES, receipt_and_close + [
            ("T3", begin("SERIALIZABLE") + " READ ONLY", None),
            ("T3", "SELECT deposit_no FROM control WHERE id = 1", Rows((2,))),
            ("T3", "SELECT sum(amount) FROM receipts WHERE deposit_no = 1", Rows((100,))),
            ("T1", "INSERT INTO receipts VALUES (2, 1, 50)", SSI_WRITE),
            ("T1", "ROLLBACK", None),
            ("T3", "COMMIT", None)], 3),
        ("read-only anomaly: without the report both commit", BATCHES, receipt_and_close + [
            ("T1", "INSERT INTO receipts VALUES (2, 1, 50)", Count(1)),
            ("T1", "COMMIT", None)], 2),
        ("read-only anomaly: a DEFERRABLE report waits for a safe snapshot", BATCHES, receipt_and_close + [
            ("T3", begin("SERIALIZABLE") + " READ ONLY DEFERRABLE", None),
            ("T3", "SELECT deposit_no FROM control WHERE id = 1", BLOCKS),
            ("T1", "INSERT INTO receipts VALUES (2, 1, 50)", Count(1)),
            ("T1", "COMMIT", None),
            ("T3", WAIT, Rows((2,))),
            ("T3", "SELECT sum(amount) FROM receipts WHERE deposit_no = 1", Rows((150,))),
            ("T3", "COMMIT", None)], 3),
        # A write undone by ROLLBACK TO SAVEPOINT: read after the rollback it is no conflict
        # (PostgreSQL sees the subtransaction aborted); read before it, the conflict stays.
        ("a write undone by rollback to savepoint, then read, is no conflict", SETUP, [
            ("T1", b, None), ("T2", b, None),
            ("T1", "SELECT value FROM test WHERE id = 1", Rows((10,))),
            ("T1", "SAVEPOINT s", None), ("T1", "UPDATE test SET value = 21 WHERE id = 2", Count(1)),
            ("T1", "ROLLBACK TO SAVEPOINT s", None),
            ("T2", "SELECT value FROM test WHERE id = 2", Rows((20,))),
            ("T2", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", "COMMIT", None)], 2),
        ("a read, then a write to it undone by rollback to savepoint, still conflicts", SETUP, [
            ("T1", b, None), ("T2", b, None),
            ("T1", "SELECT value FROM test WHERE id = 1", Rows((10,))),
            ("T2", "SELECT value FROM test WHERE id = 2", Rows((20,))),
            ("T1", "SAVEPOINT s", None), ("T1", "UPDATE test SET value = 21 WHERE id = 2", Count(1)),
            ("T1", "ROLLBACK TO SAVEPOINT s", None),
            ("T2", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", "COMMIT", SSI_COMMIT)], 2),
        ("a write kept before the savepoint still conflicts", SETUP, [
            ("T1", b, None), ("T2", b, None),
            ("T1", "SELECT value FROM test WHERE id = 1", Rows((10,))),
            ("T1", "UPDATE test SET value = 21 WHERE id = 2", Count(1)),
            ("T1", "SAVEPOINT s", None), ("T1", "UPDATE test SET value = 22 WHERE id = 2", Count(1)),
            ("T1", "ROLLBACK TO SAVEPOINT s", None),
            ("T2", "SELECT value FROM test WHERE id = 2", Rows((20,))),
            ("T2", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", "COMMIT", SSI_COMMIT)], 2),
        # PostgreSQL locks B-tree leaf pages: rows 1 and 2 share one, and a non-HOT update of one
        # inserts into it (a false positive Kanto does not have); rows 1 and 900 do not.
        ("disjoint rows through the primary key both commit", ACCOUNTS, [
            ("T1", b, None), ("T2", b, None),
            ("T1", "SELECT balance FROM accts WHERE id = 1", Rows((100,))),
            ("T2", "SELECT balance FROM accts WHERE id = 900", Rows((100,))),
            ("T1", "UPDATE accts SET balance = balance - 10 WHERE id = 1", Count(1)),
            ("T2", "UPDATE accts SET balance = balance + 10 WHERE id = 900", Count(1)),
            ("T1", "COMMIT", None),
            ("T2", "COMMIT", None)], 2),
    ]


def row_locks():
    rc = "BEGIN"
    return [
        ("for update blocks update", [
            ("T1", rc, None), ("T1", "SELECT * FROM test WHERE id = 1 FOR UPDATE", Rows((1, 10))),
            ("T2", "UPDATE test SET value = 11 WHERE id = 1", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1))]),
        ("for update nowait", [
            ("T1", rc, None), ("T1", "SELECT * FROM test WHERE id = 1 FOR UPDATE", Rows((1, 10))),
            ("T2", "SELECT * FROM test WHERE id = 1 FOR UPDATE NOWAIT", "55P03"),
            ("T2", "SELECT * FROM test WHERE id = 2 FOR UPDATE NOWAIT", Rows((2, 20))),
            ("T1", "COMMIT", None)]),
        ("for share is shared", [
            ("T1", rc, None), ("T1", "SELECT * FROM test WHERE id = 1 FOR SHARE", Rows((1, 10))),
            ("T2", rc, None), ("T2", "SELECT * FROM test WHERE id = 1 FOR SHARE NOWAIT", Rows((1, 10))),
            ("T2", "SELECT * FROM test WHERE id = 1 FOR UPDATE NOWAIT", "55P03"),
            ("T2", "ROLLBACK", None),
            ("T2", "UPDATE test SET value = 11 WHERE id = 1", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1))]),
        ("for key share blocks delete", [
            ("T1", rc, None), ("T1", "SELECT * FROM test WHERE id = 1 FOR KEY SHARE", Rows((1, 10))),
            ("T2", "DELETE FROM test WHERE id = 1", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1))]),
        ("skip locked", [
            ("T1", rc, None), ("T1", "SELECT * FROM test WHERE id = 1 FOR UPDATE", Rows((1, 10))),
            ("T2", "SELECT * FROM test ORDER BY id FOR UPDATE SKIP LOCKED", Rows((2, 20))),
            ("T2", "SELECT * FROM test ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", Rows((2, 20))),
            ("T1", "COMMIT", None)]),
        ("for update of", [
            ("T1", rc, None),
            ("T1", "SELECT a.id FROM test a JOIN test b ON b.id = a.id + 1 FOR UPDATE OF a", Rows((1,))),
            ("T2", "SELECT * FROM test WHERE id = 2 FOR UPDATE NOWAIT", Rows((2, 20))),
            ("T2", "SELECT * FROM test WHERE id = 1 FOR UPDATE NOWAIT", "55P03"),
            ("T1", "COMMIT", None)]),
        ("for update re-checks WHERE", [
            ("T1", rc, None), ("T1", "UPDATE test SET value = 30 WHERE id = 2", Count(1)),
            ("T2", rc, None),
            ("T2", "SELECT * FROM test WHERE value >= 20 FOR UPDATE", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Rows((2, 30))),
            ("T2", "COMMIT", None),
            ("T1", rc, None), ("T1", "UPDATE test SET value = 5 WHERE id = 2", Count(1)),
            ("T2", "SELECT * FROM test WHERE value >= 20 FOR UPDATE", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Rows())]),
        ("rollback to savepoint releases the row locks taken after it", [
            ("T1", rc, None), ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T1", "SAVEPOINT s", None),
            ("T1", "UPDATE test SET value = 21 WHERE id = 2", Count(1)),
            ("T1", "SELECT * FROM test WHERE id = 1 FOR UPDATE", Rows((1, 11))),
            ("T2", "SELECT * FROM test WHERE id = 2 FOR UPDATE NOWAIT", "55P03"),
            ("T1", "ROLLBACK TO SAVEPOINT s", None),
            ("T2", "SELECT * FROM test WHERE id = 2 FOR UPDATE NOWAIT", Rows((2, 20))),
            ("T2", "SELECT * FROM test WHERE id = 1 FOR UPDATE NOWAIT", "55P03"),
            ("T1", "SAVEPOINT t", None),
            ("T1", "SELECT * FROM test WHERE id = 2 FOR SHARE", Rows((2, 20))),
            ("T2", "SELECT * FROM test WHERE id = 2 FOR UPDATE NOWAIT", "55P03"),
            ("T1", "ROLLBACK TO SAVEPOINT t", None),
            ("T2", "UPDATE test SET value = 22 WHERE id = 2", Count(1)),
            ("T1", "COMMIT", None)]),
        ("locks released at error", [
            ("T1", rc, None), ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T1", "SELECT * FROM test WHERE id = 2 FOR UPDATE", Rows((2, 20))),
            ("T1", "SELECT 1 / 0", "22012"),
            ("T2", "UPDATE test SET value = 12 WHERE id = 1", Count(1)),
            ("T2", "SELECT * FROM test WHERE id = 2 FOR UPDATE NOWAIT", Rows((2, 20))),
            ("T1", "SELECT 1", "25P02"),
            ("T1", "ROLLBACK", None),
            ("T1", "SELECT * FROM test", Rows((1, 12), (2, 20)))]),
        ("error in a savepoint keeps older locks", [
            ("T1", rc, None), ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T1", "SAVEPOINT s", None),
            ("T1", "UPDATE test SET value = 21 WHERE id = 2", Count(1)),
            ("T1", "SELECT 1 / 0", "22012"),
            ("T2", "UPDATE test SET value = 22 WHERE id = 2", Count(1)),
            ("T2", "UPDATE test SET value = 12 WHERE id = 1", BLOCKS),
            ("T1", "ROLLBACK TO s", None),
            ("T1", "COMMIT", None),
            ("T2", WAIT, Count(1)),
            ("T1", "SELECT * FROM test", Rows((1, 12), (2, 22)))]),
        ("lock_timeout and statement_timeout end a lock wait", [
            ("T1", rc, None), ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T2", "SET lock_timeout = '100ms'", None),
            ("T2", "UPDATE test SET value = 12 WHERE id = 1", "55P03"),
            ("T2", "SELECT * FROM test WHERE id = 1 FOR SHARE", "55P03"),
            ("T2", "RESET lock_timeout", None),
            ("T2", "SET statement_timeout = '100ms'", None),
            ("T2", "DELETE FROM test WHERE id = 1", "57014"),
            ("T2", "RESET statement_timeout", None),
            ("T1", "COMMIT", None),
            ("T2", "UPDATE test SET value = 12 WHERE id = 1", Count(1))]),
        ("cancel request ends a lock wait", [
            ("T1", rc, None), ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T2", "UPDATE test SET value = 12 WHERE id = 1", BLOCKS),
            ("T2", CANCEL, None),
            ("T2", WAIT, "57014"),
            ("T2", "SELECT * FROM test WHERE id = 1 FOR UPDATE", BLOCKS),
            ("T2", CANCEL, None),
            ("T2", WAIT, "57014"),
            ("T1", "COMMIT", None),
            ("T2", "SELECT * FROM test WHERE id = 1 FOR UPDATE", Rows((1, 11)))]),
        ("read only", [
            ("T1", "BEGIN READ ONLY", None),
            ("T1", "INSERT INTO test VALUES (3, 30)", "25006"),
            ("T1", "ROLLBACK", None),
            ("T1", "BEGIN READ ONLY", None),
            ("T1", "SELECT * FROM test FOR UPDATE", "25006"),
            ("T1", "ROLLBACK", None),
            ("T1", "BEGIN READ ONLY", None),
            ("T1", "SELECT * FROM test FOR SHARE", "25006"),
            ("T1", "ROLLBACK", None)]),
    ]


FK_SETUP = ["DROP TABLE IF EXISTS fk_c", "DROP TABLE IF EXISTS fk_cc", "DROP TABLE IF EXISTS fk_p",
            "CREATE TABLE fk_p (id int PRIMARY KEY, v int)",
            "CREATE TABLE fk_c (id int, pid int REFERENCES fk_p)",
            "CREATE TABLE fk_cc (id int, pid int REFERENCES fk_p ON DELETE CASCADE)",
            "INSERT INTO fk_p VALUES (1, 0), (2, 0)"]
STILL_REFERENCED = "23503 update or delete on table \"fk_p\" violates foreign key constraint \"fk_c_pid_fkey\" " \
                   "on table \"fk_c\" | Key (id)=(1) is still referenced from table \"fk_c\"."
NOT_PRESENT = "23503 insert or update on table \"fk_c\" violates foreign key constraint \"fk_c_pid_fkey\" | " \
              "Key (pid)=(1) is not present in table \"fk_p\"."


def foreign_keys():
    """A parent row deleted (or its key changed) while another transaction inserts a child never leaves
    an orphan: the child's insert locks the parent row in shared mode (FOR KEY SHARE), the delete
    waits for it and then sees the child; a delete that came first makes the insert wait and fail."""
    out = []
    for level in ("READ COMMITTED", "REPEATABLE READ"):
        b = begin(level)
        rc = level == "READ COMMITTED"
        tag = level.lower() + ": "
        out.append((tag + "delete waits for a child's insert", FK_SETUP, [
            ("T1", b, None), ("T1", "INSERT INTO fk_c VALUES (1, 1)", Count(1)),
            ("T2", b, None), ("T2", "DELETE FROM fk_p WHERE id = 1", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, STILL_REFERENCED), ("T2", "ROLLBACK", None),
            ("T1", "SELECT (SELECT count(*) FROM fk_p), (SELECT count(*) FROM fk_c)", Rows((2, 1)))], 2))
        out.append((tag + "insert waits for a parent's delete", FK_SETUP, [
            ("T2", b, None), ("T2", "DELETE FROM fk_p WHERE id = 1", Count(1)),
            ("T1", b, None), ("T1", "INSERT INTO fk_c VALUES (1, 1)", BLOCKS),
            ("T2", "COMMIT", None), ("T1", WAIT, NOT_PRESENT if rc else CONCURRENT_UPDATE), ("T1", "ROLLBACK", None),
            ("T2", "SELECT (SELECT count(*) FROM fk_p), (SELECT count(*) FROM fk_c)", Rows((1, 0)))], 2))
        out.append((tag + "key update waits for a child's insert", FK_SETUP, [
            ("T1", b, None), ("T1", "INSERT INTO fk_c VALUES (1, 1)", Count(1)),
            ("T2", b, None), ("T2", "UPDATE fk_p SET id = 3 WHERE id = 1", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, STILL_REFERENCED), ("T2", "ROLLBACK", None),
            ("T1", "SELECT id FROM fk_p ORDER BY id", Rows((1,), (2,)))], 2))
        out.append((tag + "children of one parent do not wait for each other", FK_SETUP, [
            ("T1", b, None), ("T1", "INSERT INTO fk_c VALUES (1, 1)", Count(1)),
            ("T2", b, None), ("T2", "INSERT INTO fk_c VALUES (2, 1)", Count(1)),
            ("T1", "COMMIT", None), ("T2", "COMMIT", None),
            ("T1", "SELECT count(*) FROM fk_c", Rows((2,)))], 2))
        out.append((tag + "a cascade reaches a child committed while it waited", FK_SETUP, [
            ("T1", b, None), ("T1", "INSERT INTO fk_cc VALUES (1, 1)", Count(1)),
            ("T2", b, None), ("T2", "DELETE FROM fk_p WHERE id = 1", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1) if rc else CONCURRENT_UPDATE), ("T2", "COMMIT", None),
            ("T1", "SELECT (SELECT count(*) FROM fk_p), (SELECT count(*) FROM fk_cc)",
             Rows((1, 0)) if rc else Rows((2, 1)))], 2))
    return out


def deadlock(args):
    """Two transactions lock rows in opposite orders: exactly one fails with 40P01 (PostgreSQL picks
    the one whose deadlock_timeout expires first, Kanto the one that closes the cycle), its locks go
    at the error, and the other finishes."""
    run_sql_all(args, SETUP)
    t1, t2 = connect(args), connect(args)
    try:
        for c in (t1, t2):
            run_sql(c, "BEGIN")
        run_sql(t1, "UPDATE test SET value = 11 WHERE id = 1")
        run_sql(t2, "UPDATE test SET value = 22 WHERE id = 2")
        box = {}
        th = threading.Thread(target=lambda: box.update(r=run_sql(t1, "UPDATE test SET value = 12 WHERE id = 2")))
        th.start()
        time.sleep(PAUSE)
        start = time.time()
        r2 = run_sql(t2, "UPDATE test SET value = 21 WHERE id = 1")
        th.join(10)
        if th.is_alive():
            raise Failure("deadlock: not resolved")
        r1 = box["r"]
        errors = [r for r in (r1, r2) if r[1]]
        if len(errors) != 1 or not errors[0][1].startswith("40P01"):
            raise Failure("deadlock: expected one 40P01, got %r and %r" % (r1, r2))
        elapsed = time.time() - start
        if elapsed > 3:
            raise Failure("deadlock: took %.1f s" % elapsed)
        run_sql(t1, "COMMIT")
        run_sql(t2, "COMMIT")
    finally:
        t1.close()
        t2.close()


def run_sql_all(args, sqls):
    c = connect(args)
    for sql in sqls:
        _, err = run_sql(c, sql)
        if err:
            raise Failure("%r: %s" % (sql, err))
    c.close()


def counter(args, seconds=2.0):
    """Two autocommit clients doing value + 1 and value - 1 on one row end at increments - decrements."""
    run_sql_all(args, ["DROP TABLE IF EXISTS counter", "CREATE TABLE counter (id int PRIMARY KEY, value int)",
                       "INSERT INTO counter VALUES (1, 0)"])
    counts = {}
    errors = []

    def worker(delta):
        c = connect(args)
        n = 0
        end = time.time() + seconds
        while time.time() < end:
            got, err = run_sql(c, "UPDATE counter SET value = value + (%d) WHERE id = 1" % delta)
            if err:
                errors.append(err)
                break
            n += got.n
        counts[delta] = n
        c.close()

    threads = [threading.Thread(target=worker, args=(d,)) for d in (1, -1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise Failure("counter: %s" % errors[0])
    c = connect(args)
    got, _ = run_sql(c, "SELECT value FROM counter")
    c.close()
    expected = counts[1] - counts[-1]
    if got.rows != [(expected,)]:
        raise Failure("counter: %d increments, %d decrements, value %r" % (counts[1], counts[-1], got.rows))
    return "%d increments, %d decrements" % (counts[1], counts[-1])


def job_queue(args, jobs=10000, workers=4, batch=50):
    """Workers take jobs with FOR UPDATE SKIP LOCKED (`batch` per transaction): every job is done
    exactly once."""
    run_sql_all(args, ["DROP TABLE IF EXISTS jobs", "CREATE TABLE jobs (id int PRIMARY KEY, done_by int, runs int)",
                       "INSERT INTO jobs SELECT g, NULL, 0 FROM generate_series(1, %d) g" % jobs])
    taken = {}
    errors = []

    def worker(w):
        c = connect(args)
        mine = []
        while True:
            run_sql(c, "BEGIN")
            got, err = run_sql(c, "SELECT id FROM jobs WHERE done_by IS NULL ORDER BY id LIMIT %d FOR UPDATE SKIP LOCKED"
                               % batch)
            if err:
                errors.append(err)
                break
            if not got.rows:
                run_sql(c, "COMMIT")
                break
            ids = [r[0] for r in got.rows]
            _, err = run_sql(c, "UPDATE jobs SET done_by = %d, runs = runs + 1 WHERE id IN (%s)"
                             % (w, ", ".join(str(i) for i in ids)))
            _, err2 = run_sql(c, "COMMIT")
            if err or err2:
                errors.append(err or err2)
                break
            mine.extend(ids)
        taken[w] = mine
        c.close()

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise Failure("job queue: %s" % errors[0])
    all_taken = [j for m in taken.values() for j in m]
    c = connect(args)
    got, _ = run_sql(c, "SELECT count(*), sum(runs), min(runs), max(runs) FROM jobs WHERE done_by IS NOT NULL")
    c.close()
    if sorted(all_taken) != list(range(1, jobs + 1)) or got.rows != [(jobs, jobs, 1, 1)]:
        raise Failure("job queue: %d taken (%d distinct), table says %r" % (len(all_taken), len(set(all_taken)), got.rows))
    return "per worker: " + ", ".join(str(len(m)) for m in taken.values())


def main():
    p = server_parser()
    p.add_argument("--only", default="", help="run the scenarios whose name contains this")
    p.add_argument("--skip", action="append", default=[], help="skip the scenarios whose name contains this")
    p.add_argument("--counter-seconds", type=float, default=2.0, help="how long the counter clients run")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args()
    levels = ["READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE"]
    scenarios = []
    for level in levels:
        for name, steps, n in hermitage(level):
            scenarios.append(("hermitage %s %s" % (level.lower(), name), steps, n))
    for name, steps in eval_plan_qual():
        scenarios.append((name, steps, 2))
    for name, steps in row_locks():
        scenarios.append(("row locks: " + name, steps, 2))
    setups = {}
    for name, setup, steps, n in serializable():
        setups["serializable: " + name] = setup
        scenarios.append(("serializable: " + name, steps, n))
    for name, setup, steps, n in foreign_keys():
        setups["foreign keys " + name] = setup
        scenarios.append(("foreign keys " + name, steps, n))
    failures = 0
    def wanted(name):
        return (not args.only or args.only in name) and not any(s in name for s in args.skip)

    for name, steps, n in scenarios:
        if not wanted(name):
            continue
        try:
            run_steps(args, name, setups.get(name, SETUP), steps, n)
            if args.verbose:
                print("ok   %s" % name)
        except Failure as e:
            failures += 1
            print("FAIL %s" % e)
    invariants = (("deadlock", deadlock), ("counter", lambda a: counter(a, a.counter_seconds)),
                  ("row locks: job queue", job_queue))
    for name, fn in invariants:
        if not wanted(name):
            continue
        try:
            detail = fn(args)
            if args.verbose:
                print("ok   %s%s" % (name, ": " + detail if detail else ""))
        except Failure as e:
            failures += 1
            print("FAIL %s" % e)
    if args.verbose:
        for level in levels:
            names = [n for n, _, _ in hermitage(level)]
            print("%-16s prevented: %s; allowed: %s" % (level.lower(), " ".join(n for n in names if n in PREVENTED[level]),
                                                      " ".join(n for n in names if n not in PREVENTED[level])))
    print("%d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
