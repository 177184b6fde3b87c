#!/usr/bin/python3
"""Heavyweight locks and session control, with two or three real connections stepping in a fixed order.

usage: locks.py --port N [--host H] [--user U] [--dbname D] [--target kanto|postgresql] [--only NAME]

Advisory locks (session and transaction scope, shared, try, re-entrant counts, the WARNING of an
unlock not held), LOCK TABLE in every mode and the implicit table locks of statements, deadlocks
across row, table and advisory locks (the victim is the session whose deadlock_timeout ends first,
with PostgreSQL's DETAIL), pg_backend_pid / pg_cancel_backend / pg_terminate_backend,
pg_stat_activity and pg_locks, and the idle timeouts (FATAL 25P03 / 57P05 sent to the client).
Every expectation holds on PostgreSQL 15 (--target postgresql against the reference server).
"""
import re
import socket
import struct
import sys
import threading
import time

import psycopg2

from concurrency import BLOCKS, CANCEL, PAUSE, WAIT, Count, Failure, Rows, connect, run_sql, run_sql_all
from steps import parser as server_parser

SETUP = ["DROP TABLE IF EXISTS test", "DROP TABLE IF EXISTS other",
         "CREATE TABLE test (id int PRIMARY KEY, value int)",
         "INSERT INTO test (id, value) VALUES (1, 10), (2, 20)",
         "CREATE TABLE other (id int PRIMARY KEY)"]
BOTH = Rows((1, 10), (2, 20))
V = Rows(("",))  # a void result (pg_advisory_lock, ...)
T, F = Rows((True,)), Rows((False,))


def check(name, step, got, err, notices, expect, notice):
    """expect: None (anything but an error), Rows, Count, "SQLSTATE" or "SQLSTATE message"."""
    if isinstance(expect, str):
        code, _, message = expect.partition(" ")
        # err: "SQLSTATE SEVERITY:  message" (then " | DETAIL" when there is one)
        if err is None or not err.startswith(code) or (message and err[6:].split(" | ")[0].split("  ", 1)[-1] != message):
            raise Failure("%s step %r: expected error %s, got %r" % (name, step, expect, err or got))
    elif err is not None:
        raise Failure("%s step %r: unexpected error %s" % (name, step, err))
    elif isinstance(expect, Rows):
        if not isinstance(got, Rows) or sorted(got.rows, key=repr) != sorted(expect.rows, key=repr):
            raise Failure("%s step %r: expected %r, got %r" % (name, step, expect, got))
    elif isinstance(expect, Count):
        if not isinstance(got, Count) or got.n != expect.n:
            raise Failure("%s step %r: expected %r, got %r" % (name, step, expect, got))
    if notice is not None and notices != notice:
        raise Failure("%s step %r: expected notices %r, got %r" % (name, step, notice, notices))


def run_steps(args, name, steps, nconn=2):
    """Each step: (who, sql, expect[, notices]). {T1}, {T2}, ... in sql stand for the backend pids."""
    run_sql_all(args, SETUP)
    conns = {"T%d" % (i + 1): connect(args) for i in range(nconn)}
    pids = {who: c.get_backend_pid() for who, c in conns.items()}
    blocked = {}
    try:
        for step in steps:
            who, sql, expect = step[:3]
            notice = step[3] if len(step) > 3 else None
            conn = conns[who]
            if sql == CANCEL:
                conn.cancel()
                continue
            if sql == WAIT:
                thread, box = blocked.pop(who)
                thread.join(5)
                if thread.is_alive():
                    raise Failure("%s step %r: still blocked" % (name, step))
                check(name, step, box.get("got"), box.get("err"), None, expect, None)
                continue
            if who in blocked:
                raise Failure("%s step %r: %s is blocked" % (name, step, who))
            sql = sql.format(**pids)
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
            del conn.notices[:]
            got, err = run_sql(conn, sql)
            check(name, step, got, err, [n.strip() for n in conn.notices], expect, notice)
        if blocked:
            raise Failure("%s: %s never released" % (name, ", ".join(blocked)))
    finally:
        for c in conns.values():
            try:
                c.cancel()
                c.close()
            except psycopg2.Error:
                pass


def not_owned(mode):
    return ["WARNING:  you don't own a lock of type %s" % mode]


def advisory():
    return [
        ("blocks and is released", [
            ("T1", "SELECT pg_advisory_lock(1)", V),
            ("T2", "SELECT pg_try_advisory_lock(1)", F),
            ("T2", "SELECT pg_advisory_lock(1)", BLOCKS),
            ("T1", "SELECT pg_advisory_unlock(1)", T),
            ("T2", WAIT, V),
            ("T2", "SELECT pg_advisory_unlock(1)", T),
            ("T2", "SELECT pg_advisory_unlock(1)", F, not_owned("ExclusiveLock"))]),
        ("re-entrant counts", [
            ("T1", "SELECT pg_advisory_lock(5), pg_advisory_lock(5)", Rows(("", ""))),
            ("T1", "SELECT pg_advisory_unlock(5)", T),
            ("T2", "SELECT pg_try_advisory_lock(5)", F),
            ("T1", "SELECT pg_advisory_unlock(5)", T),
            ("T2", "SELECT pg_try_advisory_lock(5)", T),
            ("T1", "SELECT pg_advisory_unlock(5)", F, not_owned("ExclusiveLock"))]),
        ("shared", [
            ("T1", "SELECT pg_advisory_lock_shared(2)", V),
            ("T2", "SELECT pg_try_advisory_lock_shared(2)", T),
            ("T2", "SELECT pg_try_advisory_lock(2)", F),
            ("T2", "SELECT pg_advisory_unlock(2)", F, not_owned("ExclusiveLock")),
            ("T2", "SELECT pg_advisory_unlock_shared(2)", T),
            ("T2", "SELECT pg_advisory_lock(2)", BLOCKS),
            ("T1", "SELECT pg_advisory_unlock_shared(2)", T),
            ("T2", WAIT, V)]),
        ("two int4 keys are another key space", [
            ("T1", "SELECT pg_advisory_lock(1, 2)", V),
            ("T2", "SELECT pg_try_advisory_lock(1, 2), pg_try_advisory_lock(4294967298)",
             Rows((False, True))),
            ("T2", "SELECT locktype, classid, objid, objsubid, mode, granted FROM pg_locks "
                   "WHERE locktype = 'advisory' AND pid IN ({T1}, {T2})",
             Rows(("advisory", 1, 2, 1, "ExclusiveLock", True), ("advisory", 1, 2, 2, "ExclusiveLock", True)))]),
        ("transaction scope", [
            ("T1", "BEGIN", None), ("T1", "SELECT pg_advisory_xact_lock(3)", V),
            ("T2", "SELECT pg_try_advisory_lock(3)", F),
            ("T1", "SELECT pg_advisory_unlock(3)", F, not_owned("ExclusiveLock")),
            ("T1", "COMMIT", None),
            ("T2", "SELECT pg_try_advisory_xact_lock(3)", T),
            ("T2", "SELECT pg_try_advisory_xact_lock_shared(3)", T),
            ("T1", "BEGIN", None), ("T1", "SELECT pg_advisory_xact_lock_shared(3)", V),
            ("T2", "SELECT pg_try_advisory_lock(3)", F),
            ("T1", "SELECT 1 / 0", "22012"),
            ("T2", "SELECT pg_try_advisory_lock(3)", T),
            ("T1", "ROLLBACK", None)]),
        ("session scope survives rollback", [
            ("T1", "BEGIN", None), ("T1", "SELECT pg_advisory_lock(4)", V), ("T1", "ROLLBACK", None),
            ("T2", "SELECT pg_try_advisory_lock(4)", F),
            ("T1", "SELECT pg_advisory_unlock_all()", V),
            ("T2", "SELECT pg_try_advisory_lock(4)", T)]),
        ("waiter queue", [
            ("T1", "SELECT pg_advisory_lock_shared(6)", V),
            ("T2", "SELECT pg_advisory_lock(6)", BLOCKS),
            # a shared request queues behind the waiting exclusive one
            ("T3", "SELECT pg_try_advisory_lock_shared(6)", F),
            ("T1", "SELECT pg_advisory_unlock_shared(6)", T),
            ("T2", WAIT, V)], 3),
        ("lock_timeout and cancel end the wait", [
            ("T1", "SELECT pg_advisory_lock(7)", V),
            ("T2", "SET lock_timeout = '100ms'", None),
            ("T2", "SELECT pg_advisory_lock(7)", "55P03 canceling statement due to lock timeout"),
            ("T2", "RESET lock_timeout", None),
            ("T2", "SET statement_timeout = '100ms'", None),
            ("T2", "SELECT pg_advisory_lock(7)", "57014 canceling statement due to statement timeout"),
            ("T2", "RESET statement_timeout", None),
            ("T2", "SELECT pg_advisory_lock(7)", BLOCKS),
            ("T2", CANCEL, None),
            ("T2", WAIT, "57014 canceling statement due to user request")]),
    ]


def lock_table():
    b = "BEGIN"
    return [
        ("only in a transaction block", [
            ("T1", "LOCK TABLE test", "25P01 LOCK TABLE can only be used in transaction blocks"),
            ("T1", b, None), ("T1", "LOCK TABLE nope", "42P01 relation \"nope\" does not exist"),
            ("T1", "ROLLBACK", None)]),
        ("access exclusive blocks a reader", [
            ("T1", b, None), ("T1", "LOCK TABLE test", None),
            ("T2", "SELECT * FROM test", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, BOTH)]),
        ("share blocks writers, not readers", [
            ("T1", b, None), ("T1", "LOCK TABLE test IN SHARE MODE", None),
            ("T2", "SELECT * FROM test", BOTH),
            ("T2", "SELECT * FROM test WHERE id = 2 FOR UPDATE", Rows((2, 20))),
            ("T2", "INSERT INTO test VALUES (3, 30)", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1))]),
        ("nowait", [
            ("T1", b, None), ("T1", "LOCK TABLE test IN EXCLUSIVE MODE", None),
            ("T2", b, None),
            ("T2", "LOCK TABLE other, test IN ROW SHARE MODE NOWAIT", "55P03 could not obtain lock on relation \"test\""),
            ("T2", "ROLLBACK", None), ("T2", b, None),
            ("T2", "LOCK TABLE test IN ACCESS SHARE MODE NOWAIT", None),
            ("T2", "SELECT * FROM test", BOTH),
            ("T2", "COMMIT", None), ("T1", "COMMIT", None)]),
        ("conflict table", [
            ("T1", b, None), ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T2", b, None),
            ("T2", "LOCK TABLE test IN ROW EXCLUSIVE MODE NOWAIT", None),
            ("T2", "LOCK TABLE test IN SHARE UPDATE EXCLUSIVE MODE NOWAIT", None),
            ("T2", "LOCK TABLE test IN SHARE MODE NOWAIT", "55P03"),
            ("T2", "ROLLBACK", None), ("T2", b, None),
            ("T2", "LOCK TABLE test IN SHARE ROW EXCLUSIVE MODE NOWAIT", "55P03"),
            ("T2", "ROLLBACK", None), ("T2", b, None),
            ("T2", "LOCK TABLE other IN ACCESS EXCLUSIVE MODE NOWAIT", None),
            ("T2", "ROLLBACK", None), ("T1", "COMMIT", None),
            ("T1", b, None), ("T1", "LOCK TABLE test IN SHARE UPDATE EXCLUSIVE MODE", None),
            ("T2", b, None),
            ("T2", "LOCK TABLE test IN SHARE UPDATE EXCLUSIVE MODE NOWAIT", "55P03"),
            ("T2", "ROLLBACK", None), ("T2", b, None),
            ("T2", "LOCK TABLE test IN ROW EXCLUSIVE MODE NOWAIT", None),
            ("T2", "ROLLBACK", None), ("T1", "COMMIT", None)]),
        ("ddl waits for a reader", [
            ("T1", b, None), ("T1", "SELECT * FROM test", BOTH),
            ("T2", "ALTER TABLE test ADD COLUMN extra int", BLOCKS),
            ("T1", "SELECT count(*) FROM test", Rows((2,))),
            ("T1", "COMMIT", None), ("T2", WAIT, None),
            ("T1", "SELECT * FROM test WHERE id = 1", Rows((1, 10, None)))]),
        ("a reader waits for ddl", [
            ("T1", b, None), ("T1", "DROP TABLE other", None),
            ("T2", "SELECT * FROM other", BLOCKS),
            ("T1", "ROLLBACK", None), ("T2", WAIT, Rows())]),
        ("read only transaction", [
            ("T1", "BEGIN READ ONLY", None), ("T1", "LOCK TABLE test IN ROW EXCLUSIVE MODE", None),
            ("T1", "LOCK TABLE test IN ACCESS EXCLUSIVE MODE", None),
            ("T2", "SELECT * FROM test", BLOCKS),
            ("T1", "ROLLBACK", None), ("T2", WAIT, BOTH)]),
        ("rollback to savepoint releases the locks taken after it", [
            ("T1", b, None), ("T1", "LOCK TABLE test IN ACCESS SHARE MODE", None),
            ("T1", "SELECT pg_advisory_xact_lock(11)", V),
            ("T1", "SAVEPOINT s", None), ("T1", "LOCK TABLE test IN EXCLUSIVE MODE", None),
            ("T1", "LOCK TABLE test IN ACCESS SHARE MODE", None),
            ("T1", "SELECT pg_advisory_xact_lock(12), pg_advisory_xact_lock(11), pg_advisory_lock(13)", Rows(("", "", ""))),
            ("T2", "INSERT INTO test VALUES (3, 30)", BLOCKS),
            ("T1", "ROLLBACK TO SAVEPOINT s", None),
            ("T2", WAIT, Count(1)),
            ("T2", "SELECT pg_try_advisory_lock(12), pg_try_advisory_lock(11), pg_try_advisory_lock(13)",
             Rows((True, False, False))),
            ("T2", "SELECT mode FROM pg_locks WHERE relation = 'test'::regclass AND pid = {T1}",
             Rows(("AccessShareLock",))),
            # a released savepoint's locks pass to its parent
            ("T1", "SAVEPOINT t", None), ("T1", "SELECT pg_advisory_xact_lock(14)", V),
            ("T1", "RELEASE SAVEPOINT t", None), ("T1", "SAVEPOINT u", None),
            ("T1", "ROLLBACK TO SAVEPOINT u", None),
            ("T2", "SELECT pg_try_advisory_lock(14)", F),
            # an error inside a savepoint releases what the failed subtransaction took, at the error
            ("T1", "SAVEPOINT v", None), ("T1", "LOCK TABLE other IN ACCESS EXCLUSIVE MODE", None),
            ("T1", "SELECT 1 / 0", "22012"),
            ("T2", "SELECT * FROM other", Rows()),
            ("T1", "ROLLBACK TO SAVEPOINT v", None),
            ("T1", "COMMIT", None),
            ("T2", "SELECT pg_try_advisory_lock(14), pg_try_advisory_lock(13)", Rows((True, False))),
            ("T1", "SELECT pg_advisory_unlock_all()", V)]),
        ("pg_locks", [
            ("T1", b, None), ("T1", "LOCK TABLE test IN SHARE MODE", None),
            ("T2", "UPDATE test SET value = 0", BLOCKS),
            ("T3", "SELECT locktype, mode, granted, pid = {T1} FROM pg_locks WHERE relation = 'test'::regclass",
             Rows(("relation", "ShareLock", True, True), ("relation", "RowExclusiveLock", False, False))),
            ("T3", "SELECT count(*) FROM pg_locks WHERE relation = 'test'::regclass AND NOT granted "
                   "AND waitstart IS NOT NULL AND pid = {T2}", Rows((1,))),
            ("T3", "SELECT state, wait_event_type, wait_event FROM pg_stat_activity WHERE pid = {T2}",
             Rows(("active", "Lock", "relation"))),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(2))], 3),
    ]


def deadlocks():
    b = "BEGIN"
    return [
        ("rows: the first waiter is the victim", [
            ("T1", b, None), ("T2", b, None),
            ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T2", "UPDATE test SET value = 22 WHERE id = 2", Count(1)),
            ("T1", "UPDATE test SET value = 12 WHERE id = 2", BLOCKS),
            ("T2", "UPDATE test SET value = 21 WHERE id = 1", BLOCKS),
            ("T1", WAIT, "40P01 deadlock detected"),
            ("T2", WAIT, Count(1)),
            ("T1", "ROLLBACK", None), ("T2", "COMMIT", None),
            ("T1", "SELECT * FROM test", Rows((1, 21), (2, 22)))]),
        ("advisory locks", [
            ("T1", "SELECT pg_advisory_lock(10)", V), ("T2", "SELECT pg_advisory_lock(11)", V),
            ("T1", "SELECT pg_advisory_lock(11)", BLOCKS),
            ("T2", "SELECT pg_advisory_lock(10)", BLOCKS),
            ("T1", WAIT, "40P01 deadlock detected"),
            # a session lock outlives the error: T2 gets it at the unlock
            ("T1", "SELECT pg_advisory_unlock(10)", T),
            ("T2", WAIT, V)]),
        ("row and advisory locks", [
            ("T1", b, None), ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T2", b, None), ("T2", "SELECT pg_advisory_xact_lock(20)", V),
            ("T1", "SELECT pg_advisory_xact_lock(20)", BLOCKS),
            ("T2", "UPDATE test SET value = 12 WHERE id = 1", BLOCKS),
            ("T1", WAIT, "40P01 deadlock detected"),
            ("T2", WAIT, Count(1)),
            ("T1", "ROLLBACK", None), ("T2", "COMMIT", None)]),
        ("table locks", [
            ("T1", b, None), ("T1", "SELECT count(*) FROM test", Rows((2,))),
            ("T2", b, None), ("T2", "SELECT count(*) FROM test", Rows((2,))),
            ("T1", "LOCK TABLE test IN ACCESS EXCLUSIVE MODE", BLOCKS),
            # T2 would wait for T1, which waits for T2's ACCESS SHARE: found at once, before waiting
            ("T2", "LOCK TABLE test IN ACCESS EXCLUSIVE MODE", "40P01 deadlock detected"),
            ("T1", WAIT, None),
            ("T2", "ROLLBACK", None), ("T1", "COMMIT", None)]),
        ("row and table locks", [
            ("T1", b, None), ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T2", b, None), ("T2", "LOCK TABLE other", None),
            ("T1", "SELECT * FROM other", BLOCKS),
            ("T2", "DELETE FROM test WHERE id = 1", BLOCKS),
            ("T1", WAIT, "40P01 deadlock detected"),
            ("T2", WAIT, Count(1)),
            ("T1", "ROLLBACK", None), ("T2", "COMMIT", None)]),
    ]


def deadlock_detail(args):
    """The victim's DETAIL names each wait of the cycle, as PostgreSQL's does (pids substituted)."""
    run_sql_all(args, SETUP + ["SELECT pg_advisory_unlock_all()"])
    t1, t2 = connect(args), connect(args)
    try:
        p1, p2 = t1.get_backend_pid(), t2.get_backend_pid()
        run_sql(t1, "SET deadlock_timeout = '200ms'")
        run_sql(t2, "SET deadlock_timeout = '10s'")
        run_sql(t1, "SELECT pg_advisory_lock(1, 2)")
        run_sql(t2, "SELECT pg_advisory_lock(40)")
        box = {}

        def victim():
            try:
                t1.cursor().execute("SELECT pg_advisory_lock(40)")
            except psycopg2.Error as e:
                box["e"] = e

        th = threading.Thread(target=victim)
        th.start()
        time.sleep(0.1)
        start = time.time()
        box2 = {}
        th2 = threading.Thread(target=lambda: box2.update(r=run_sql(t2, "SELECT pg_advisory_lock(1, 2)")))
        th2.start()
        th.join(5)
        elapsed = time.time() - start
        e = box.get("e")
        if e is None or e.pgcode != "40P01":
            raise Failure("deadlock detail: expected 40P01, got %r" % e)
        if elapsed > 1.2:
            raise Failure("deadlock detail: resolved after %.1f s (deadlock_timeout 200ms)" % elapsed)
        detail = e.diag.message_detail or ""
        want = (r"Process %d waits for ExclusiveLock on advisory lock \[\d+,0,40,1\]; blocked by process %d\.\n"
                r"Process %d waits for ExclusiveLock on advisory lock \[\d+,1,2,2\]; blocked by process %d\.$"
                % (p1, p2, p2, p1))
        if not re.match(want, detail) or e.diag.message_hint != "See server log for query details.":
            raise Failure("deadlock detail: got %r / hint %r" % (detail, e.diag.message_hint))
        run_sql(t1, "SELECT pg_advisory_unlock_all()")
        th2.join(5)
        if th2.is_alive() or box2["r"][1]:
            raise Failure("deadlock detail: the other session did not get the lock: %r" % (box2.get("r"),))
    finally:
        t1.close()
        t2.close()


def sessions():
    b = "BEGIN"
    return [
        ("pg_cancel_backend ends a lock wait and a sleep", [
            ("T1", b, None), ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
            ("T2", "UPDATE test SET value = 12 WHERE id = 1", BLOCKS),
            ("T3", "SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity WHERE pid = {T2}",
             Rows(("active", "Lock", "transactionid", "UPDATE test SET value = 12 WHERE id = 1"))),
            ("T3", "SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND mode = 'ShareLock' "
                   "AND NOT granted AND pid = {T2}", Rows((1,))),
            ("T3", "SELECT pg_cancel_backend({T2})", T),
            ("T2", WAIT, "57014 canceling statement due to user request"),
            ("T2", "SELECT pg_sleep(10)", BLOCKS),
            ("T3", "SELECT pg_cancel_backend({T2})", T),
            ("T2", WAIT, "57014 canceling statement due to user request"),
            ("T1", "COMMIT", None)], 3),
        ("pg_cancel_backend of no session, and of itself", [
            ("T1", "SELECT pg_cancel_backend(1)", F, ["WARNING:  PID 1 is not a PostgreSQL backend process"]),
            ("T1", "SELECT pg_cancel_backend(pg_backend_pid())", "57014 canceling statement due to user request"),
            ("T1", "SELECT 1", Rows((1,)))]),
        ("pg_terminate_backend ends a lock wait", [
            ("T1", "SELECT pg_advisory_lock(30)", V),
            ("T2", "SELECT pg_advisory_lock(30)", BLOCKS),
            ("T1", "SELECT pg_terminate_backend({T2})", T),
            # FATAL, then the connection closes: psycopg2 reports the closed connection
            ("T2", WAIT, "????? server closed the connection unexpectedly"),
            ("T1", "SELECT pg_terminate_backend(-1, -1)", "22003 \"timeout\" must not be negative")]),
        ("pg_stat_activity", [
            ("T2", "SET application_name = 'worker'", None),
            ("T2", b, None), ("T2", "SELECT 1", Rows((1,))),
            ("T1", "SELECT usename = current_user, application_name, client_addr, client_port > 0, "
                   "state, query, backend_type, datname = current_database(), xact_start <= query_start, "
                   "backend_xid IS NULL FROM pg_stat_activity WHERE pid = {T2}",
             Rows((True, "worker", "127.0.0.1", True, "idle in transaction", "SELECT 1", "client backend",
                   True, True, True))),
            ("T2", "UPDATE test SET value = 0 WHERE id = 1", Count(1)),
            ("T1", "SELECT backend_xid IS NOT NULL FROM pg_stat_activity WHERE pid = {T2}", T),
            ("T2", "SELECT 1 / 0", "22012"),
            ("T1", "SELECT state, xact_start IS NULL FROM pg_stat_activity WHERE pid = {T2}",
             Rows(("idle in transaction (aborted)", True))),
            ("T2", "ROLLBACK", None),
            ("T1", "SELECT state, xact_start IS NULL, query FROM pg_stat_activity WHERE pid = {T2}",
             Rows(("idle", True, "ROLLBACK"))),
            ("T1", "SELECT state, query LIKE 'SELECT state, query LIKE%', pid = pg_backend_pid() "
                   "FROM pg_stat_activity WHERE pid = {T1}", Rows(("active", True, True)))]),
    ]


def startup(host, port, user, dbname):
    """A raw protocol v3 connection (trust authentication): the socket after ReadyForQuery."""
    s = socket.create_connection((host, int(port)), timeout=5)
    params = b"user\0" + user.encode() + b"\0database\0" + dbname.encode() + b"\0\0"
    s.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
    while True:
        t, body = read_message(s)
        if t == b"Z":
            return s
        if t == b"E":
            raise Failure("startup failed: %r" % body)


def read_message(s):
    head = b""
    while len(head) < 5:
        chunk = s.recv(5 - len(head))
        if not chunk:
            return None, None
        head += chunk
    n = struct.unpack("!i", head[1:5])[0] - 4
    body = b""
    while len(body) < n:
        body += s.recv(n - len(body))
    return head[:1], body


def fields(body):
    out = {}
    for part in body.split(b"\0"):
        if part:
            out[part[:1].decode()] = part[1:].decode()
    return out


def query(s, sql):
    s.sendall(b"Q" + struct.pack("!i", 4 + len(sql) + 1) + sql.encode() + b"\0")
    while True:
        t, body = read_message(s)
        if t in (b"Z", None):
            return


def expect_fatal(s, code, message, within):
    """Without being asked, the server sends FATAL `code` within `within` seconds, then closes."""
    s.settimeout(within)
    t, body = read_message(s)
    f = fields(body or b"")
    if t != b"E" or f.get("S") != "FATAL" or f.get("C") != code or f.get("M") != message:
        raise Failure("expected FATAL %s %r, got %r %r" % (code, message, t, f))
    t, _ = read_message(s)
    if t is not None:
        raise Failure("the connection stayed open after FATAL %s" % code)


def idle_timeouts(args):
    s = startup(args.host, args.port, args.user, args.dbname)
    query(s, "SET idle_in_transaction_session_timeout = '300ms'")
    query(s, "BEGIN")
    start = time.time()
    expect_fatal(s, "25P03", "terminating connection due to idle-in-transaction timeout", 3)
    if time.time() - start < 0.25:
        raise Failure("idle_in_transaction_session_timeout: ended after %.2f s" % (time.time() - start))
    s.close()
    s = startup(args.host, args.port, args.user, args.dbname)
    query(s, "SET idle_session_timeout = '300ms'")
    expect_fatal(s, "57P05", "terminating connection due to idle-session timeout", 3)
    s.close()
    # Busy sessions are not idle: a statement longer than the timeout runs to its end.
    c = connect(args)
    run_sql(c, "SET idle_session_timeout = '200ms'")
    got, err = run_sql(c, "SELECT pg_sleep(0.4)")
    if err:
        raise Failure("idle_session_timeout ended a running statement: %s" % err)
    got, err = run_sql(c, "SELECT 1")
    if err or got.rows != [(1,)]:
        raise Failure("idle_session_timeout: %r %r" % (got, err))
    c.close()


def terminate_idle(args):
    s = startup(args.host, args.port, args.user, args.dbname)
    c = connect(args)
    got, err = run_sql(c, "SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND application_name = '' "
                          "AND state = 'idle' ORDER BY backend_start DESC LIMIT 1")
    if err or not got.rows:
        raise Failure("terminate idle: no idle session (%r %r)" % (got, err))
    got, err = run_sql(c, "SELECT pg_terminate_backend(%d)" % got.rows[0][0])
    if err or got.rows != [(True,)]:
        raise Failure("terminate idle: %r %r" % (got, err))
    expect_fatal(s, "57P01", "terminating connection due to administrator command", 3)
    s.close()
    # psycopg2 reports the closed connection at its next query, without an SQLSTATE (as with PostgreSQL).
    victim = connect(args)
    run_sql(c, "SELECT pg_terminate_backend(%d)" % victim.get_backend_pid())
    time.sleep(0.2)
    try:
        victim.cursor().execute("SELECT 1")
        raise Failure("terminate idle: the victim's next query ran")
    except psycopg2.OperationalError as e:
        if e.pgcode is not None:
            raise Failure("terminate idle: psycopg2 saw %r" % e.pgcode)
    c.close()


def backend_pid(args):
    c = connect(args)
    got, _ = run_sql(c, "SELECT pg_backend_pid()")
    if got.rows != [(c.get_backend_pid(),)]:
        raise Failure("pg_backend_pid %r, BackendKeyData %d" % (got.rows, c.get_backend_pid()))
    c.close()


def main():
    p = server_parser()
    p.add_argument("--only", default="")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args()
    scenarios = []
    for group, items in (("advisory", advisory()), ("lock table", lock_table()), ("deadlock", deadlocks()),
                         ("sessions", sessions())):
        for item in items:
            scenarios.append(("%s: %s" % (group, item[0]), item[1], item[2] if len(item) > 2 else 2))
    failures = 0
    for name, steps, n in scenarios:
        if args.only and args.only not in name:
            continue
        try:
            run_steps(args, name, steps, n)
            if args.verbose:
                print("ok   %s" % name)
        except Failure as e:
            failures += 1
            print("FAIL %s" % e)
    for name, fn in (("deadlock: detail", deadlock_detail), ("sessions: pg_backend_pid", backend_pid),
                     ("sessions: idle timeouts", idle_timeouts), ("sessions: terminate idle", terminate_idle)):
        if args.only and args.only not in name:
            continue
        try:
            fn(args)
            if args.verbose:
                print("ok   %s" % name)
        except Failure as e:
            failures += 1
            print("FAIL %s: %s" % (name, e))
    print("%d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
