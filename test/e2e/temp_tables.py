#!/usr/bin/python3
"""Temporary tables across sessions, and search_path from the startup packet.

usage: temp_tables.py --port N [--host H] [--user U] [--dbname D] [--target kanto|postgresql] --phase before|after

before: a temporary table is private to its session (another session neither finds it by name nor
reads it through the other's schema), shadows a permanent table only in its own session, and is
gone once its session ends; then a session creates temporary tables and stays connected while the
caller kills the server. after (run on the restarted server): nothing temporary is left.
Every expectation holds on PostgreSQL 15 (--target postgresql; there the crash step is skipped).
"""
import sys
import time

import psycopg2
from steps import parser as server_parser


def connect(args, **kw):
    c = psycopg2.connect(host=args.host, port=args.port, user=args.user, dbname=args.dbname, **kw)
    c.autocommit = True
    return c


def q(conn, sql):
    cur = conn.cursor()
    cur.execute(sql)
    return cur.fetchall() if cur.description else None


def error_of(conn, sql):
    try:
        q(conn, sql)
    except psycopg2.Error as e:
        return e.pgcode, e.pgerror.splitlines()[0] if e.pgerror else ""
    return None


def check(what, got, want):
    if got != want:
        print("FAIL %s: got %r, want %r" % (what, got, want))
        sys.exit(1)
    print("ok   %s" % what)


def temp_relations(conn):
    return q(conn, "SELECT count(*) FROM pg_class WHERE relpersistence = 't'")[0][0]


def before(args):
    a, b = connect(args), connect(args)
    q(a, "DROP TABLE IF EXISTS shared")
    q(a, "CREATE TABLE shared (v text)")
    q(a, "INSERT INTO shared VALUES ('permanent')")
    q(a, "CREATE TEMP TABLE shared (v text)")
    q(a, "INSERT INTO shared VALUES ('a''s temporary')")
    q(a, "CREATE TEMP TABLE private_a (id int)")
    q(a, "INSERT INTO private_a VALUES (1)")  # PostgreSQL refuses to read its pages from another session
    check("a reads its temporary table", q(a, "SELECT v FROM shared"), [("a's temporary",)])
    check("b reads the permanent table", q(b, "SELECT v FROM shared"), [("permanent",)])
    check("b does not find a's table", error_of(b, "SELECT * FROM private_a"),
          ("42P01", 'ERROR:  relation "private_a" does not exist'))
    schema = q(a, "SELECT pg_my_temp_schema()::regnamespace::text")[0][0]
    check("b cannot read a's table through its schema", error_of(b, "SELECT * FROM %s.private_a" % schema),
          ("0A000", "ERROR:  cannot access temporary tables of other sessions"))
    check("a's schema is another session's for b",
          q(b, "SELECT pg_is_other_temp_schema('%s'::regnamespace)" % schema), [(True,)])
    q(b, "CREATE TEMP TABLE private_a (id int)")  # the same name in b's own schema
    check("b has its own schema", q(b, "SELECT pg_my_temp_schema()::regnamespace::text <> '%s'" % schema), [(True,)])
    a.close()
    for _ in range(50):  # the server drops a's objects when a's session ends
        if q(b, "SELECT count(*) FROM pg_class c WHERE relnamespace = '%s'::regnamespace" % schema
             if args.target == "postgresql" else
             "SELECT count(*) FROM pg_namespace WHERE nspname = '%s'" % schema)[0][0] == 0:
            break
        time.sleep(0.1)
    check("a's temporary tables went with its session",
          q(b, "SELECT count(*) FROM pg_class WHERE relpersistence = 't' AND relname = 'shared'"), [(0,)])
    b.close()
    c = connect(args, options="-c search_path=nosuch,public")
    check("search_path from the startup packet", q(c, "SHOW search_path"), [("nosuch,public",)])
    check("current_schema() follows it", q(c, "SELECT current_schema()"), [("public",)])
    q(c, "DROP TABLE shared")
    c.close()
    if args.target == "postgresql":
        return
    d = connect(args)
    q(d, "CREATE TEMP TABLE crash_victim (id serial PRIMARY KEY, v text)")
    q(d, "INSERT INTO crash_victim (v) SELECT 'x' FROM generate_series(1, 100)")
    q(d, "CREATE TEMP VIEW crash_view AS SELECT * FROM crash_victim")
    check("temporary relations before the crash", temp_relations(d) >= 4, True)
    print("ready", flush=True)
    sys.stdin.readline()  # the caller kills the server while this session holds them


def after(args):
    e = connect(args)
    check("no temporary relation after the restart", temp_relations(e), 0)
    check("no temporary schema after the restart",
          q(e, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pg\\_temp\\_%'"), [(0,)])
    q(e, "CREATE TEMP TABLE crash_victim (a int)")  # the name is free again
    check("a new temporary table after the restart", q(e, "SELECT count(*) FROM crash_victim"), [(0,)])


def main():
    p = server_parser()
    p.add_argument("--phase", default="before")
    args = p.parse_args()
    before(args) if args.phase == "before" else after(args)


if __name__ == "__main__":
    main()
