#!/usr/bin/python3
"""The four row lock strengths, with two real connections stepping in a fixed order.

usage: row_lock_modes.py --port N [--host H] [--user U] [--dbname D] [--target kanto|postgresql] [--only NAME]

PostgreSQL's conflict table (FOR KEY SHARE < FOR SHARE < FOR NO KEY UPDATE < FOR UPDATE): every
pair of strengths, observed with NOWAIT; the strength each write takes (an UPDATE that changes no
column of a unique index takes FOR NO KEY UPDATE, judged by the values it writes; DELETE and a key
changing UPDATE take FOR UPDATE; a foreign key check takes FOR KEY SHARE on the parent row), so a
parent's non-key UPDATE does not wait for a transaction inserting its children, while its DELETE
and key UPDATE do; deadlocks through the lock a write takes; REPEATABLE READ; lock_timeout,
statement_timeout and pg_locks while waiting for the key lock. Every expectation
holds on PostgreSQL 15 (--target postgresql against the reference server).
"""
import sys

from concurrency import BLOCKS, CONCURRENT_UPDATE, WAIT, Count, Rows, run_scenarios
from steps import parser as server_parser

SETUP = ["DROP TABLE IF EXISTS c", "DROP TABLE IF EXISTS p",
         "CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE, v int)",
         "CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p, v int)",
         "INSERT INTO p VALUES (1, 'a', 10), (2, 'b', 20)"]
STRENGTHS = ["KEY SHARE", "SHARE", "NO KEY UPDATE", "UPDATE"]
# PostgreSQL's conflict table: CONFLICTS[a] holds the strengths a conflicts with.
CONFLICTS = {"KEY SHARE": {"UPDATE"},
             "SHARE": {"NO KEY UPDATE", "UPDATE"},
             "NO KEY UPDATE": {"SHARE", "NO KEY UPDATE", "UPDATE"},
             "UPDATE": set(STRENGTHS)}
ROW1 = Rows((1, "a", 10))
NOWAIT_FAILS = "55P03 could not obtain lock on row in relation \"p\""
# The writes, each with the strength PostgreSQL takes for it and its row count.
WRITES = [("UPDATE p SET v = 11 WHERE id = 1", "NO KEY UPDATE"),
          ("UPDATE p SET code = 'a', v = 12 WHERE id = 1", "NO KEY UPDATE"),  # key column, same value
          ("UPDATE p SET code = 'z' WHERE id = 1", "UPDATE"),
          ("UPDATE p SET id = 5 WHERE id = 1", "UPDATE"),
          ("DELETE FROM p WHERE id = 1", "UPDATE")]
NOT_PRESENT = "23503 insert or update on table \"c\" violates foreign key constraint \"c_pid_fkey\" | " \
              "Key (pid)=(1) is not present in table \"p\"."
STILL_REFERENCED = "23503 update or delete on table \"p\" violates foreign key constraint \"c_pid_fkey\" " \
                   "on table \"c\" | Key (id)=(1) is still referenced from table \"c\"."


def lock(strength, row=1, wait=""):
    return "SELECT * FROM p WHERE id = %d FOR %s%s" % (row, strength, wait)


def matrix():
    """T1 holds one strength, T2 asks for another with NOWAIT (and then waiting, when it conflicts)."""
    out = []
    for held in STRENGTHS:
        for asked in STRENGTHS:
            conflict = asked in CONFLICTS[held]
            steps = [("T1", "BEGIN", None), ("T1", lock(held), ROW1),
                     ("T2", "BEGIN", None), ("T2", lock(asked, wait=" NOWAIT"), NOWAIT_FAILS if conflict else ROW1),
                     ("T2", "ROLLBACK", None), ("T2", "BEGIN", None),
                     ("T2", lock(asked, wait=" SKIP LOCKED"), Rows() if conflict else ROW1)]
            if conflict:
                steps += [("T2", "ROLLBACK", None), ("T2", "BEGIN", None),
                          ("T2", lock(asked), BLOCKS), ("T1", "COMMIT", None), ("T2", WAIT, ROW1),
                          ("T2", "COMMIT", None)]
            else:
                steps += [("T2", "COMMIT", None), ("T1", "COMMIT", None)]
            out.append(("FOR %s held, FOR %s asked" % (held, asked), steps))
    return out


def writes():
    """Each write against each strength held by the other transaction, in both orders."""
    out = []
    for sql, strength in WRITES:
        count = Count(1)
        for held in STRENGTHS:
            conflict = strength in CONFLICTS[held]
            steps = [("T1", "BEGIN", None), ("T1", lock(held), ROW1), ("T2", "BEGIN", None)]
            if conflict:
                steps += [("T2", sql, BLOCKS), ("T1", "COMMIT", None), ("T2", WAIT, count)]
            else:
                steps += [("T2", sql, count), ("T1", "COMMIT", None)]
            steps += [("T2", "COMMIT", None)]
            out.append(("%s while FOR %s is held" % (sql, held), steps))
            # The write first: the lock waits when it conflicts.
            conflict = held in CONFLICTS[strength]
            steps = [("T1", "BEGIN", None), ("T1", sql, count), ("T2", "BEGIN", None)]
            if conflict:
                steps += [("T2", lock(held, wait=" NOWAIT"), NOWAIT_FAILS), ("T2", "ROLLBACK", None),
                          ("T1", "ROLLBACK", None)]
            else:
                steps += [("T2", lock(held, wait=" NOWAIT"), ROW1), ("T2", "COMMIT", None), ("T1", "COMMIT", None)]
            out.append(("FOR %s while %s is uncommitted" % (held, sql), steps))
    return out


def foreign_keys():
    """A child's insert locks its parent FOR KEY SHARE: the parent's non-key UPDATE goes on, its DELETE
    and key UPDATE wait."""
    out = []
    for level in ("READ COMMITTED", "REPEATABLE READ"):
        b = "BEGIN ISOLATION LEVEL " + level
        rc = level == "READ COMMITTED"
        tag = level.lower() + ": "
        out.append((tag + "parent non-key update while a child insert is uncommitted", [
            ("T1", b, None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T2", b, None), ("T2", "UPDATE p SET v = 11 WHERE id = 1", Count(1)),
            ("T2", "UPDATE p SET code = 'a' WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", "COMMIT", None),
            ("T1", "SELECT p.v, c.id FROM p JOIN c ON c.pid = p.id", Rows((11, 1)))]))
        out.append((tag + "child insert while a parent non-key update is uncommitted", [
            ("T2", b, None), ("T2", "UPDATE p SET v = 11 WHERE id = 1", Count(1)),
            ("T1", b, None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T1", "UPDATE c SET pid = 2 WHERE id = 1", Count(1)),
            ("T2", "COMMIT", None), ("T1", "COMMIT", None),
            ("T1", "SELECT p.v, c.id FROM p JOIN c ON c.pid = p.id", Rows((20, 1)))]))
        out.append((tag + "parent unique-key update waits for a child insert", [
            ("T1", b, None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T2", b, None), ("T2", "UPDATE p SET code = 'z' WHERE id = 1", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1)), ("T2", "COMMIT", None),
            ("T1", "SELECT code FROM p WHERE id = 1", Rows(("z",)))]))
        out.append((tag + "parent delete waits for a child insert", [
            ("T1", b, None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T2", b, None), ("T2", "DELETE FROM p WHERE id = 1", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, STILL_REFERENCED), ("T2", "ROLLBACK", None)]))
        out.append((tag + "parent key update waits for a child insert", [
            ("T1", b, None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T2", b, None), ("T2", "UPDATE p SET id = 3 WHERE id = 1", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, STILL_REFERENCED), ("T2", "ROLLBACK", None)]))
        out.append((tag + "child insert waits for a parent key update", [
            ("T2", b, None), ("T2", "UPDATE p SET id = 3 WHERE id = 1", Count(1)),
            ("T1", b, None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", BLOCKS),
            ("T2", "COMMIT", None), ("T1", WAIT, NOT_PRESENT if rc else CONCURRENT_UPDATE), ("T1", "ROLLBACK", None)]))
        out.append((tag + "two child inserts, then both update the parent", [
            ("T1", b, None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T2", b, None), ("T2", "INSERT INTO c VALUES (2, 1, 0)", Count(1)),
            ("T1", "UPDATE p SET v = v + 1 WHERE id = 1", Count(1)),
            ("T2", "UPDATE p SET v = v + 1 WHERE id = 1", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1) if rc else CONCURRENT_UPDATE),
            ("T2", "ROLLBACK" if not rc else "COMMIT", None),
            ("T1", "SELECT v FROM p WHERE id = 1", Rows((12,) if rc else (11,)))]))
    out.append(("update the parent, then insert its child, while a delete waits", [
        ("T1", "BEGIN", None), ("T1", "UPDATE p SET v = 11 WHERE id = 1", Count(1)),
        ("T2", "BEGIN", None), ("T2", "DELETE FROM p WHERE id = 1", BLOCKS),
        ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
        ("T1", "COMMIT", None), ("T2", WAIT, STILL_REFERENCED), ("T2", "ROLLBACK", None)]))
    return out


def repeatable_read():
    """A committed change after the snapshot: FOR KEY SHARE (and a foreign key check) fails only when
    the change took the key away; the stronger locks fail at any change."""
    rr = "BEGIN ISOLATION LEVEL REPEATABLE READ"
    out = []
    for sql, key in [("UPDATE p SET v = 11 WHERE id = 1", False), ("UPDATE p SET code = 'a' WHERE id = 1", False),
                     ("UPDATE p SET code = 'z' WHERE id = 1", True)]:
        for strength in STRENGTHS:
            fails = key or strength != "KEY SHARE"
            out.append(("FOR %s after a committed %s" % (strength, sql), [
                ("T1", rr, None), ("T1", "SELECT 1", Rows((1,))), ("T2", sql, Count(1)),
                ("T1", lock(strength), CONCURRENT_UPDATE if fails else ROW1), ("T1", "ROLLBACK", None)]))
        out.append(("child insert after a committed " + sql, [
            ("T1", rr, None), ("T1", "SELECT 1", Rows((1,))), ("T2", sql, Count(1)),
            ("T1", "INSERT INTO c VALUES (1, 1, 0)", CONCURRENT_UPDATE if key else Count(1)), ("T1", "ROLLBACK", None)]))
    out.append(("child insert after a committed parent delete", [
        ("T1", rr, None), ("T1", "SELECT 1", Rows((1,))), ("T2", "DELETE FROM p WHERE id = 2", Count(1)),
        ("T1", "INSERT INTO c VALUES (1, 2, 0)", CONCURRENT_UPDATE), ("T1", "ROLLBACK", None)]))
    out.append(("child insert after a parent inserted after the snapshot", [
        ("T1", rr, None), ("T1", "SELECT 1", Rows((1,))), ("T2", "INSERT INTO p VALUES (3, 'c', 30)", Count(1)),
        ("T1", "INSERT INTO c VALUES (1, 3, 0)", NOT_PRESENT.replace("(pid)=(1)", "(pid)=(3)")),
        ("T1", "ROLLBACK", None)]))
    return out


def waits():
    """A wait for the key lock (a child's insert behind its parent's DELETE) is a row lock wait like
    any other: lock_timeout, statement_timeout, pg_locks (a ShareLock on the holder's transaction id,
    not granted); and a waiting non-key UPDATE is seen the same way."""
    locks = "SELECT locktype, mode FROM pg_locks WHERE NOT granted"
    return [
        ("a child's insert behind its parent's delete", [
            ("T1", "BEGIN", None), ("T1", "DELETE FROM p WHERE id = 1", Count(1)),
            ("T2", "SET lock_timeout = '100ms'", None),
            ("T2", "INSERT INTO c VALUES (1, 1, 0)", "55P03 canceling statement due to lock timeout"),
            ("T2", "RESET lock_timeout", None), ("T2", "SET statement_timeout = '100ms'", None),
            ("T2", "INSERT INTO c VALUES (1, 1, 0)", "57014 canceling statement due to statement timeout"),
            ("T2", "RESET statement_timeout", None),
            ("T2", "INSERT INTO c VALUES (1, 1, 0)", BLOCKS),
            ("T3", locks, Rows(("transactionid", "ShareLock"))),
            ("T1", "ROLLBACK", None), ("T2", WAIT, Count(1)),
            ("T3", locks, Rows())]),
        ("a key update behind a child's insert", [
            ("T1", "BEGIN", None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T2", "UPDATE p SET code = 'z' WHERE id = 1", BLOCKS),
            ("T3", locks, Rows(("transactionid", "ShareLock"))),
            ("T3", "UPDATE p SET v = 0 WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1)),
            ("T3", "SELECT code, v FROM p WHERE id = 1", Rows(("z", 0)))]),
    ]


def deadlocks():
    """Deadlocks through the strengths: the session whose deadlock_timeout ends first is the victim."""
    return [
        ("key share held both ways, then deletes", [
            ("T1", "BEGIN", None), ("T1", lock("KEY SHARE", 1), ROW1),
            ("T2", "BEGIN", None), ("T2", lock("KEY SHARE", 2), Rows((2, "b", 20))),
            ("T1", "DELETE FROM p WHERE id = 2", BLOCKS),
            ("T2", "DELETE FROM p WHERE id = 1", BLOCKS),
            ("T1", WAIT, "40P01"), ("T1", "ROLLBACK", None),
            ("T2", WAIT, Count(1)), ("T2", "COMMIT", None)]),
        ("child inserts both ways, then key updates", [
            ("T1", "BEGIN", None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T2", "BEGIN", None), ("T2", "INSERT INTO c VALUES (2, 2, 0)", Count(1)),
            ("T1", "UPDATE p SET code = 'y' WHERE id = 2", BLOCKS),
            ("T2", "UPDATE p SET code = 'x' WHERE id = 1", BLOCKS),
            ("T1", WAIT, "40P01"), ("T1", "ROLLBACK", None),
            ("T2", WAIT, Count(1)), ("T2", "COMMIT", None)]),
        ("no deadlock: a key-changing MERGE waits for a child insert without holding the row", [
            ("T1", "BEGIN", None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T2", "MERGE INTO p USING (VALUES (1)) AS s(id) ON p.id = s.id WHEN MATCHED THEN UPDATE SET code = 'z'",
             BLOCKS),
            ("T1", "UPDATE p SET v = 0 WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1)),
            ("T2", "SELECT * FROM p WHERE id = 1", Rows((1, "z", 0)))]),
        ("no deadlock: a MERGE DELETE waits for a FOR KEY SHARE without holding the row", [
            ("T1", "BEGIN", None), ("T1", lock("KEY SHARE", 1), ROW1),
            ("T2", "MERGE INTO p USING (VALUES (1)) AS s(id) ON p.id = s.id WHEN MATCHED AND p.v < 100 THEN DELETE",
             BLOCKS),
            ("T1", "UPDATE p SET v = 5 WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1)),
            ("T2", "SELECT count(*) FROM p WHERE id = 1", Rows((0,)))]),
        ("no deadlock: the MERGE chooses again over the version committed meanwhile", [
            ("T1", "BEGIN", None), ("T1", lock("KEY SHARE", 1), ROW1),
            ("T2", "MERGE INTO p USING (VALUES (1)) AS s(id) ON p.id = s.id WHEN MATCHED AND p.v < 100 THEN DELETE "
                   "WHEN MATCHED THEN UPDATE SET v = -1", BLOCKS),
            ("T1", "UPDATE p SET v = 500 WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1)),
            ("T2", "SELECT * FROM p WHERE id = 1", Rows((1, "a", -1)))]),
        ("no deadlock: non-key updates of parents both ways", [
            ("T1", "BEGIN", None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T2", "BEGIN", None), ("T2", "INSERT INTO c VALUES (2, 2, 0)", Count(1)),
            ("T1", "UPDATE p SET v = 0 WHERE id = 2", Count(1)),
            ("T2", "UPDATE p SET v = 0 WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", "COMMIT", None)]),
    ]


CASCADE_SETUP = ["DROP TABLE IF EXISTS cc", "DROP TABLE IF EXISTS cp",
                 "CREATE TABLE cp (id int PRIMARY KEY, v int)",
                 "CREATE TABLE cc (id int PRIMARY KEY, pid int UNIQUE REFERENCES cp ON UPDATE CASCADE, v int)",
                 "INSERT INTO cp VALUES (1, 0)", "INSERT INTO cc VALUES (1, 1, 0)"]


def cascades():
    """A cascaded update that changes the child's key (a unique column) takes FOR UPDATE on the child
    row without holding its row lock while it waits, as PostgreSQL's cascade (an UPDATE) does."""
    return [
        ("no deadlock: a key-changing cascade waits for a FOR KEY SHARE of the child", [
            ("T1", "BEGIN", None), ("T1", "SELECT id FROM cc WHERE id = 1 FOR KEY SHARE", Rows((1,))),
            ("T2", "UPDATE cp SET id = 10 WHERE id = 1", BLOCKS),
            ("T1", "UPDATE cc SET v = 5 WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1)),
            ("T2", "SELECT id, pid, v FROM cc", Rows((1, 10, 5)))]),
        ("a key-changing cascade after the child was deleted meanwhile", [
            ("T1", "BEGIN", None), ("T1", "SELECT id FROM cc WHERE id = 1 FOR KEY SHARE", Rows((1,))),
            ("T2", "UPDATE cp SET id = 10 WHERE id = 1", BLOCKS),
            ("T1", "DELETE FROM cc WHERE id = 1", Count(1)),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1)),
            ("T2", "SELECT id, pid, v FROM cc", Rows())]),
    ]


def main():
    p = server_parser()
    p.add_argument("--only", default="", help="run the scenarios whose name contains this")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args()
    scenarios = [("matrix: " + n, s) for n, s in matrix()] + [("writes: " + n, s) for n, s in writes()] + \
                [("foreign keys " + n, s) for n, s in foreign_keys()] + \
                [("repeatable read: " + n, s) for n, s in repeatable_read()] + [("deadlock: " + n, s) for n, s in deadlocks()]
    scenarios = [(n, s, 2, SETUP) for n, s in scenarios] + [("waits: " + n, s, 3, SETUP) for n, s in waits()] + \
                [("cascade: " + n, s, 2, CASCADE_SETUP) for n, s in cascades()]
    return run_scenarios(args, scenarios)


if __name__ == "__main__":
    sys.exit(main())
