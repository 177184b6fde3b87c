#!/usr/bin/python3
"""The table locks of foreign keys, with two real connections stepping in a fixed order.

usage: foreign_key_table_locks.py --port N [--host H] [--user U] [--dbname D] [--target kanto|postgresql] [--only NAME]

A foreign key check on INSERT / UPDATE of the referencing table takes ROW SHARE on the referenced
table; ON DELETE / ON UPDATE CASCADE and SET NULL on the referenced table take ROW EXCLUSIVE on the
referencing one, NO ACTION takes ROW SHARE there; a cascaded key update checks the new key again
(ROW SHARE on the referenced table beside its ROW EXCLUSIVE). So LOCK TABLE ... ACCESS EXCLUSIVE,
TRUNCATE and ALTER TABLE on the other table wait for the write, or the write for them; pg_locks
shows the modes. Every expectation holds on PostgreSQL 15 (--target postgresql against the
reference server).
"""
import sys

from concurrency import BLOCKS, WAIT, Count, Rows, run_scenarios
from steps import parser as server_parser

SETUP = ["DROP TABLE IF EXISTS n", "DROP TABLE IF EXISTS c", "DROP TABLE IF EXISTS p",
         "CREATE TABLE p (id int PRIMARY KEY, v int)",
         "CREATE TABLE c (id int PRIMARY KEY, pid int REFERENCES p ON DELETE CASCADE ON UPDATE CASCADE, v int)",
         "CREATE TABLE n (id int PRIMARY KEY, pid int REFERENCES p ON DELETE SET NULL)",
         "INSERT INTO p VALUES (1, 10), (2, 20), (3, 30)",
         "INSERT INTO c VALUES (10, 2, 0)"]
# T2 reads the locks of the other sessions (T1; the setup's session holds none).
LOCKS_OF_T1 = ("SELECT relation::regclass::text, mode FROM pg_locks WHERE pid <> pg_backend_pid() AND locktype = 'relation' "
               "AND relation IN ('p'::regclass, 'c'::regclass, 'n'::regclass) ORDER BY 1, 2")
P_NOWAIT_FAILS = "55P03 could not obtain lock on relation \"p\""


def held(statement, locks):
    """T1 runs `statement` in a transaction block; pg_locks shows these relation locks of T1."""
    return [("T1", "BEGIN", None), ("T1", statement[0], statement[1]),
            ("T2", LOCKS_OF_T1, Rows(*locks)), ("T1", "ROLLBACK", None)]


def scenarios():
    return [
        ("insert into the referencing table: ROW SHARE on the referenced one",
         held(("INSERT INTO c VALUES (1, 1, 0)", Count(1)), [("c", "RowExclusiveLock"), ("p", "RowShareLock")])),
        ("update of the referencing column: ROW SHARE on the referenced table",
         held(("UPDATE c SET pid = 1 WHERE id = 10", Count(1)), [("c", "RowExclusiveLock"), ("p", "RowShareLock")])),
        ("update of another column: no lock on the referenced table",
         held(("UPDATE c SET v = 1 WHERE id = 10", Count(1)), [("c", "RowExclusiveLock")])),
        ("delete with CASCADE and SET NULL: ROW EXCLUSIVE on the referencing tables",
         held(("DELETE FROM p WHERE id = 2", Count(1)),
              [("c", "RowExclusiveLock"), ("n", "RowExclusiveLock"), ("p", "RowExclusiveLock")])),
        ("key update: CASCADE writes, NO ACTION reads, the cascaded key is checked",
         held(("UPDATE p SET id = 5 WHERE id = 2", Count(1)),
              [("c", "RowExclusiveLock"), ("n", "RowShareLock"), ("p", "RowExclusiveLock"), ("p", "RowShareLock")])),
        ("update of a non-key column of the referenced table: no lock on the others",
         held(("UPDATE p SET v = 5 WHERE id = 2", Count(1)), [("p", "RowExclusiveLock")])),
        ("LOCK TABLE ACCESS EXCLUSIVE on the referenced table waits for a child's insert", [
            ("T1", "BEGIN", None), ("T1", "INSERT INTO c VALUES (1, 1, 0)", Count(1)),
            ("T2", "BEGIN", None), ("T2", "LOCK TABLE p IN ACCESS EXCLUSIVE MODE NOWAIT", P_NOWAIT_FAILS),
            ("T2", "ROLLBACK", None),
            ("T2", "BEGIN", None), ("T2", "LOCK TABLE p IN ACCESS EXCLUSIVE MODE", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, None), ("T2", "COMMIT", None),
            ("T2", "SELECT count(*) FROM c", Rows((2,)))]),
        ("a child's insert waits for ALTER TABLE of the referenced table", [
            ("T1", "BEGIN", None), ("T1", "ALTER TABLE p ADD COLUMN w int", None),
            ("T2", "INSERT INTO c VALUES (1, 1, 0)", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1)),
            ("T2", "SELECT count(*) FROM c", Rows((2,)))]),
        ("TRUNCATE of the referencing table waits for a cascading delete", [
            ("T1", "BEGIN", None), ("T1", "DELETE FROM p WHERE id = 2", Count(1)),
            ("T2", "TRUNCATE n", BLOCKS),
            ("T1", "ROLLBACK", None), ("T2", WAIT, None),
            ("T2", "SELECT count(*) FROM c", Rows((1,)))]),
        ("a cascading delete waits for LOCK TABLE of the referencing table", [
            ("T1", "BEGIN", None), ("T1", "LOCK TABLE c IN ACCESS EXCLUSIVE MODE", None),
            ("T2", "DELETE FROM p WHERE id = 2", BLOCKS),
            ("T1", "COMMIT", None), ("T2", WAIT, Count(1)),
            ("T2", "SELECT count(*) FROM c", Rows((0,)))]),
    ]


def main():
    p = server_parser()
    p.add_argument("--only", default="", help="run the scenarios whose name contains this")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args()
    return run_scenarios(args, [(name, steps, 2, SETUP) for name, steps in scenarios()])


if __name__ == "__main__":
    sys.exit(main())
