#!/usr/bin/python3
"""MERGE under concurrent sessions: two real connections stepping in a fixed order (test/e2e/locks.py's
machinery), with PostgreSQL 15's READ COMMITTED rule (EvalPlanQual) and REPEATABLE READ's 40001.

usage: merge_concurrency.py --port N [--host H] [--user U] [--dbname D]
READ COMMITTED: a target row that another transaction is changing is waited for; then the newest
version is taken: when the join condition still holds there the WHEN MATCHED clauses are chosen
again over it, otherwise (and when the row was deleted) the source row goes to the WHEN NOT MATCHED
clauses. DO NOTHING takes no lock. A key inserted concurrently is not seen (MERGE is not an upsert):
the insertion waits and fails with 23505. REPEATABLE READ: a target row changed after the snapshot
gives 40001. Every expectation holds on PostgreSQL 15 (run it against the reference server with
--port 5499 --user postgres --dbname NAME).
"""
import sys

import locks
from concurrency import BLOCKS, WAIT, Count, Failure, Rows
from steps import parser as server_parser

RR = "BEGIN ISOLATION LEVEL REPEATABLE READ"
CONCURRENT_UPDATE = "40001 could not serialize access due to concurrent update"
ALL = "SELECT id, value FROM test ORDER BY id"


def merge(source, on, *clauses):
    return "MERGE INTO test USING (VALUES %s) AS v(id, d) ON %s %s" % (source, on, " ".join(clauses))


ADD = merge("(1, 5)", "test.id = v.id", "WHEN MATCHED THEN UPDATE SET value = test.value + v.d",
            "WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.d)")

SCENARIOS = [
    ("read committed: UPDATE applies to the newest version of a row updated meanwhile", [
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 100 WHERE id = 1", Count(1)),
        ("T2", ADD, BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1)),
        ("T2", ALL, Rows((1, 105), (2, 20)))]),
    ("read committed: the first rolls back, the second updates the row it read", [
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 100 WHERE id = 1", Count(1)),
        ("T2", ADD, BLOCKS),
        ("T1", "ROLLBACK", None),
        ("T2", WAIT, Count(1)),
        ("T2", ALL, Rows((1, 15), (2, 20)))]),
    ("read committed: the WHEN conditions are chosen again over the newest version", [
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 100 WHERE id = 1", Count(1)),
        ("T2", merge("(1, 0)", "test.id = v.id", "WHEN MATCHED AND test.value < 50 THEN UPDATE SET value = 0",
                     "WHEN MATCHED AND test.value < 200 THEN UPDATE SET value = -1",
                     "WHEN MATCHED THEN DELETE"), BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1)),
        ("T2", ALL, Rows((1, -1), (2, 20)))]),
    ("read committed: the newest version chooses DO NOTHING", [
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 100 WHERE id = 1", Count(1)),
        ("T2", merge("(1, 0)", "test.id = v.id", "WHEN MATCHED AND test.value > 50 THEN DO NOTHING",
                     "WHEN MATCHED THEN DELETE"), BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(0)),
        ("T2", ALL, Rows((1, 100), (2, 20)))]),
    ("read committed: the join no longer holds on the newest version: WHEN NOT MATCHED", [
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T2", merge("(1, 0)", "test.id = v.id AND test.value = 10", "WHEN MATCHED THEN DELETE",
                     "WHEN NOT MATCHED THEN INSERT VALUES (v.id + 100, v.d)"), BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1)),
        ("T2", ALL, Rows((1, 11), (2, 20), (101, 0)))]),
    ("read committed: the join no longer holds, and there is no WHEN NOT MATCHED", [
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T2", merge("(1, 0)", "test.id = v.id AND test.value = 10", "WHEN MATCHED THEN DELETE"), BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(0)),
        ("T2", ALL, Rows((1, 11), (2, 20)))]),
    ("read committed: the row deleted meanwhile: WHEN NOT MATCHED inserts it", [
        ("T1", "BEGIN", None),
        ("T1", "DELETE FROM test WHERE id = 1", Count(1)),
        ("T2", ADD, BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1)),
        ("T2", ALL, Rows((1, 5), (2, 20)))]),
    ("read committed: DO NOTHING does not wait for a locked row", [
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 100 WHERE id = 1", Count(1)),
        ("T2", merge("(1, 0), (2, 0)", "test.id = v.id", "WHEN MATCHED AND test.id = 1 THEN DO NOTHING",
                     "WHEN MATCHED THEN UPDATE SET value = test.value + 1"), Count(1)),
        ("T1", "COMMIT", None),
        ("T2", ALL, Rows((1, 100), (2, 21)))]),
    ("read committed: a key inserted concurrently is not seen: 23505 after the wait", [
        ("T1", "BEGIN", None),
        ("T1", merge("(3, 1)", "test.id = v.id", "WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.d)"), Count(1)),
        ("T2", merge("(3, 2)", "test.id = v.id", "WHEN MATCHED THEN UPDATE SET value = v.d",
                     "WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.d)"), BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, "23505"),
        ("T2", ALL, Rows((1, 10), (2, 20), (3, 1)))]),
    ("read committed: two MERGEs of one row in a transaction, another session waits for both", [
        ("T1", "BEGIN", None),
        ("T1", ADD, Count(1)),
        ("T1", ADD, Count(1)),
        ("T2", ADD, BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1)),
        ("T2", ALL, Rows((1, 25), (2, 20)))]),
    ("repeatable read: a target row updated after the snapshot gives 40001", [
        ("T2", RR, None),
        ("T2", "SELECT count(*) FROM test", Rows((2,))),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T2", ADD, CONCURRENT_UPDATE),
        ("T2", "ROLLBACK", None),
        ("T1", ALL, Rows((1, 11), (2, 20)))]),
    ("repeatable read: waits for the writer, then 40001 when it commits", [
        ("T2", RR, None),
        ("T2", "SELECT count(*) FROM test", Rows((2,))),
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T2", ADD, BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, CONCURRENT_UPDATE),
        ("T2", "ROLLBACK", None)]),
    ("repeatable read: the writer rolls back, the MERGE goes on", [
        ("T2", RR, None),
        ("T2", "SELECT count(*) FROM test", Rows((2,))),
        ("T1", "BEGIN", None),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T2", ADD, BLOCKS),
        ("T1", "ROLLBACK", None),
        ("T2", WAIT, Count(1)),
        ("T2", "COMMIT", None),
        ("T1", ALL, Rows((1, 15), (2, 20)))]),
    ("repeatable read: a target row deleted after the snapshot gives 40001", [
        ("T2", RR, None),
        ("T2", "SELECT count(*) FROM test", Rows((2,))),
        ("T1", "DELETE FROM test WHERE id = 1", Count(1)),
        ("T2", ADD, "40001"),
        ("T2", "ROLLBACK", None)]),
    ("repeatable read: rows not changed meanwhile are merged", [
        ("T2", RR, None),
        ("T2", "SELECT count(*) FROM test", Rows((2,))),
        ("T1", "UPDATE test SET value = 11 WHERE id = 1", Count(1)),
        ("T2", merge("(2, 5), (4, 4)", "test.id = v.id", "WHEN MATCHED THEN UPDATE SET value = test.value + v.d",
                     "WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.d)"), Count(2)),
        ("T2", "COMMIT", None),
        ("T1", ALL, Rows((1, 11), (2, 25), (4, 4)))]),
    ("serializable: write skew through MERGE (each reads both rows, writes one): 40001 at the second commit", [
        ("T1", "BEGIN ISOLATION LEVEL SERIALIZABLE", None),
        ("T2", "BEGIN ISOLATION LEVEL SERIALIZABLE", None),
        ("T1", "MERGE INTO test USING (SELECT sum(value) AS s FROM test) AS x ON test.id = 1 "
               "WHEN MATCHED THEN UPDATE SET value = x.s", Count(1)),
        ("T2", "MERGE INTO test USING (SELECT sum(value) AS s FROM test) AS x ON test.id = 2 "
               "WHEN MATCHED THEN UPDATE SET value = x.s", Count(1)),
        ("T1", "COMMIT", None),
        ("T2", "COMMIT", "40001"),
        ("T1", ALL, Rows((1, 30), (2, 20)))]),
]


def main():
    args = server_parser().parse_args()
    failures = 0
    for name, steps in SCENARIOS:
        try:
            locks.run_steps(args, name, steps)
            print("ok   %s" % name)
        except Failure as e:
            failures += 1
            print("FAIL %s" % e)
    print("merge_concurrency: %d of %d scenario(s) failed" % (failures, len(SCENARIOS)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
