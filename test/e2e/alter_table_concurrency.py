#!/usr/bin/python3
"""ALTER TABLE ... ALTER COLUMN TYPE and SET SCHEMA under concurrent sessions, with two real
connections stepping in a fixed order (test/e2e/locks.py's machinery): the ALTER waits for the
transactions using the table, statements on the table wait for the ALTER's transaction, and then
see the table as it committed (or, after a rollback, as it was).

usage: alter_table_concurrency.py --port N [--host H] [--user U] [--dbname D]
Every expectation holds on PostgreSQL 15 (run it against the reference server with --port 5499
--user postgres --dbname NAME).
"""
import sys

import locks
from concurrency import BLOCKS, WAIT, Count, Failure, Rows, run_sql_all
from steps import parser as server_parser

SCENARIOS = [
    ("ALTER COLUMN TYPE waits for a reader's transaction", [
        ("T1", "BEGIN", None),
        ("T1", "SELECT id, value FROM test ORDER BY id", Rows((1, 10), (2, 20))),
        ("T2", "ALTER TABLE test ALTER value TYPE bigint", BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, None),
        ("T1", "SELECT pg_typeof(value)::text FROM test WHERE id = 1", Rows(("bigint",)))]),
    ("an INSERT waits for ALTER COLUMN TYPE and writes the new type", [
        ("T1", "BEGIN", None),
        ("T1", "ALTER TABLE test ALTER value TYPE text USING 'v' || value", None),
        ("T2", "INSERT INTO test VALUES (3, 30)", BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, Count(1)),
        ("T2", "SELECT id, value FROM test ORDER BY id", Rows((1, "v10"), (2, "v20"), (3, "30")))]),
    ("an UPDATE waits for ALTER COLUMN TYPE, which rolls back", [
        ("T1", "BEGIN", None),
        ("T1", "ALTER TABLE test ALTER value TYPE text USING 'v' || value", None),
        ("T2", "UPDATE test SET value = value + 1 WHERE id = 2", BLOCKS),
        ("T1", "ROLLBACK", None),
        ("T2", WAIT, Count(1)),
        ("T2", "SELECT id, value FROM test ORDER BY id", Rows((1, 10), (2, 21)))]),
    ("a failed ALTER COLUMN TYPE leaves the rows and the type", [
        ("T1", "BEGIN", None),
        ("T1", "INSERT INTO test VALUES (3, -1)", Count(1)),
        ("T1", "ALTER TABLE test ALTER value TYPE int USING 100 / (value + 1)", "22012"),
        ("T1", "ROLLBACK", None),
        ("T2", "SELECT id, value, pg_typeof(value)::text FROM test ORDER BY id",
         Rows((1, 10, "integer"), (2, 20, "integer")))]),
    ("a reader waits for SET SCHEMA, then finds the table gone from its schema", [
        ("T1", "BEGIN", None),
        ("T1", "ALTER TABLE test SET SCHEMA moved", None),
        ("T2", "SELECT count(*) FROM test", BLOCKS),
        ("T1", "COMMIT", None),
        ("T2", WAIT, "42P01"),
        ("T2", "SELECT count(*) FROM moved.test", Rows((2,))),
        ("T2", "ALTER TABLE moved.test SET SCHEMA public", None)]),
]


def main():
    p = server_parser()
    args = p.parse_args()
    failures = 0
    for name, steps in SCENARIOS:
        run_sql_all(args, ["DROP TABLE IF EXISTS moved.test", "DROP SCHEMA IF EXISTS moved", "CREATE SCHEMA moved"])
        try:
            locks.run_steps(args, name, steps)
        except Failure as e:
            failures += 1
            print("FAIL %s" % e)
    run_sql_all(args, ["DROP TABLE IF EXISTS moved.test", "DROP SCHEMA IF EXISTS moved"])
    print("alter_table_concurrency: %d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
