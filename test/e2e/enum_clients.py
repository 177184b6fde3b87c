#!/usr/bin/python3
"""Enum types through real clients (test/e2e/enums.sh): psycopg2 creating, filling and reading an
enum column (its pg_type OID and type length in the result description, the labels in declaration
order, ALTER TYPE ... ADD VALUE), psycopg 3 sending enums, enum arrays and a table's row type in
binary, and SQLAlchemy's Enum with the PostgreSQL dialect (create_all creates the
type after looking for it in pg_type, inserts and filters, drop_all drops it). With a PostgreSQL
DSN given the same steps run there and the answers must agree.

usage: enum_clients.py KANTO_DSN [POSTGRESQL_DSN]
       enum_clients.py --after-restart KANTO_DSN   (the type and its rows are still there)
"""
import enum
import sys

import psycopg
import psycopg2
from psycopg.types.composite import CompositeInfo, register_composite
from psycopg.types.enum import EnumInfo, register_enum
from sqlalchemy import Column, Enum, Integer, MetaData, Table, create_engine, select


def check(name, expected, actual):
    if expected != actual:
        sys.exit(f"enum_clients: {name}: expected {expected!r}, got {actual!r}")


class Status(enum.Enum):
    draft = "draft"
    published = "published"
    archived = "archived"


def run(dsn):
    out = {}
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS ec_ticket; DROP TABLE IF EXISTS ec_task; DROP TABLE IF EXISTS ec_pair; "
                "DROP TYPE IF EXISTS ec_level")
    cur.execute("CREATE TYPE ec_level AS ENUM ('low', 'medium', 'high')")
    cur.execute("CREATE TABLE ec_ticket (id int PRIMARY KEY, level ec_level NOT NULL)")
    cur.executemany("INSERT INTO ec_ticket VALUES (%s, %s)", [(1, "high"), (2, "low"), (3, "medium"), (4, "low")])
    cur.execute("SELECT oid FROM pg_type WHERE typname = 'ec_level'")
    type_oid = cur.fetchone()[0]
    cur.execute("SELECT id, level FROM ec_ticket ORDER BY level, id")
    check("description type oid", type_oid, cur.description[1].type_code)
    out["ordered"] = cur.fetchall()
    cur.execute("SELECT level, count(*) FROM ec_ticket WHERE level >= %s GROUP BY level ORDER BY level", ("medium",))
    out["grouped"] = cur.fetchall()
    try:
        cur.execute("INSERT INTO ec_ticket VALUES (5, %s)", ("urgent",))
        sys.exit("enum_clients: an invalid label was accepted")
    except psycopg2.Error as e:
        out["invalid"] = (e.pgcode, e.pgerror.splitlines()[0])
    cur.execute("ALTER TYPE ec_level ADD VALUE 'urgent' AFTER 'high'")
    cur.execute("INSERT INTO ec_ticket VALUES (5, %s)", ("urgent",))
    cur.execute("SELECT enum_range(NULL::ec_level)::text, max(level)::text FROM ec_ticket")
    out["after_add"] = cur.fetchone()
    cur.execute("SELECT typname, typtype FROM pg_type WHERE oid = %s", (type_oid,))
    out["pg_type"] = cur.fetchone()
    cur.execute("SELECT level, ARRAY[level] FROM ec_ticket LIMIT 0")
    out["description"] = [(d.name, d.internal_size) for d in cur.description]
    conn.close()

    # psycopg 3 with binary=True: an enum registered from its EnumInfo goes as a binary parameter
    # (the label) with the type's OID declared in Parse, an enum array likewise (array_send of the
    # labels); rows come back in binary too.
    with psycopg.connect(dsn, autocommit=True) as c3:
        info = EnumInfo.fetch(c3, "ec_level")
        register_enum(info, c3)
        level = info.enum
        cur3 = c3.cursor(binary=True)
        cur3.execute("DROP TABLE IF EXISTS ec_task")
        cur3.execute("CREATE TABLE ec_task (id int, level ec_level, levels ec_level[])")
        cur3.executemany("INSERT INTO ec_task VALUES (%s, %s, %s)",
                         [(1, level.high, [level.low, None]), (2, None, [level.urgent]), (3, level.low, None)])
        cur3.execute("SELECT id, level, levels FROM ec_task WHERE level = ANY(%s) OR levels = %s ORDER BY id",
                     ([level.high, level.low], [level.urgent]))
        out["psycopg3_binary"] = [(i, v and v.name, vs and [x and x.name for x in vs]) for i, v, vs in cur3.fetchall()]
        # A table's row type registered from its CompositeInfo: binary record parameters declared
        # with the row type's OID.
        cur3.execute("DROP TABLE IF EXISTS ec_pair")
        cur3.execute("CREATE TABLE ec_pair (a int, b text)")
        pair = CompositeInfo.fetch(c3, "ec_pair")
        register_composite(pair, c3)
        cur3 = c3.cursor(binary=True)  # a cursor takes the connection's adapters when it is made
        cur3.execute("SELECT %b, (%b).b", (pair.python_type(1, 'x "y"\\'), pair.python_type(2, None)))
        out["psycopg3_composite"] = [tuple(r) if hasattr(r, "_fields") else r for r in cur3.fetchone()]
        cur3.execute("INSERT INTO ec_pair SELECT (%b).*", (pair.python_type(3, "z"),))
        cur3.execute("SELECT a, b FROM ec_pair")
        out["psycopg3_composite_rows"] = cur3.fetchall()
        c3.execute("DROP DATABASE IF EXISTS ec_other")
        c3.execute("CREATE DATABASE ec_other")

    # A second database with an enum of its own (in Kanto, where each database numbers its objects
    # itself, the same OID as ec_level's can name it): a binary parameter declared with its OID is
    # that database's type.
    other_dsn = dsn.rsplit("/", 1)[0] + "/ec_other"
    with psycopg.connect(other_dsn, autocommit=True) as c4:
        c4.execute("CREATE TYPE ec_size AS ENUM ('s', 'm', 'l', 'xl')")
        c4.execute("CREATE TABLE ec_box (id int, size ec_size, sizes ec_size[])")
        info = EnumInfo.fetch(c4, "ec_size")
        register_enum(info, c4)
        size = info.enum
        cur4 = c4.cursor(binary=True)
        cur4.execute("INSERT INTO ec_box VALUES (%s, %s, %s)", (1, size.xl, [size.s, size.m]))
        cur4.execute("SELECT size, sizes, size > %s FROM ec_box WHERE size = %s", (size.m, size.xl))
        out["other_database"] = [(v.name, [x.name for x in vs], gt) for v, vs, gt in cur4.fetchall()]
    with psycopg.connect(dsn, autocommit=True) as c3:
        c3.execute("DROP DATABASE ec_other")

    # SQLAlchemy's Enum: CREATE TYPE on create_all (after checking pg_type), DROP TYPE on drop_all.
    engine = create_engine("postgresql+psycopg2://" + dsn.split("://", 1)[1], future=True)
    meta = MetaData()
    post = Table("ec_post", meta, Column("id", Integer, primary_key=True),
                 Column("status", Enum(Status, name="ec_status"), nullable=False))
    meta.drop_all(engine)
    meta.create_all(engine)
    with engine.begin() as c:
        c.execute(post.insert(), [{"id": 1, "status": Status.published}, {"id": 2, "status": Status.draft},
                                  {"id": 3, "status": Status.archived}])
    with engine.connect() as c:
        out["sqlalchemy"] = [(r.id, r.status) for r in c.execute(select(post).order_by(post.c.status))]
        out["sqlalchemy_filter"] = [r.id for r in c.execute(select(post.c.id).where(post.c.status == Status.draft))]
    meta.drop_all(engine)
    with engine.connect() as c:
        out["sqlalchemy_dropped"] = c.exec_driver_sql("SELECT count(*) FROM pg_type WHERE typname = 'ec_status'").scalar()
    engine.dispose()
    return out


def after_restart(dsn):
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    cur.execute("SELECT id, level::text AS label FROM ec_ticket ORDER BY level, id")
    check("rows after restart", [(2, "low"), (4, "low"), (3, "medium"), (1, "high"), (5, "urgent")], cur.fetchall())
    cur.execute("SELECT enum_range(NULL::ec_level)::text")
    check("labels after restart", "{low,medium,high,urgent}", cur.fetchone()[0])
    try:
        cur.execute("DROP TYPE ec_level")
        sys.exit("enum_clients: DROP TYPE of a type in use succeeded")
    except psycopg2.Error as e:
        check("drop in use", "2BP01", e.pgcode)
    conn.close()
    print("enum_clients: ok after restart")


def main():
    if sys.argv[1] == "--after-restart":
        return after_restart(sys.argv[2])
    kanto = run(sys.argv[1])
    check("ordered", [(2, "low"), (4, "low"), (3, "medium"), (1, "high")], kanto["ordered"])
    if len(sys.argv) > 2:
        pg = run(sys.argv[2])
        for key in pg:
            check(f"same as PostgreSQL: {key}", pg[key], kanto[key])
    print("enum_clients: ok")


main()
