"""psycopg 3's type information (Debian's python3-psycopg) on the schema of test/e2e/tools_schema.sql:
TypeInfo.fetch for the built-in types Kanto has and their arrays, TypeInfo / EnumInfo of the enum
mood (its labels), CompositeInfo / TypeInfo for a type that does not exist (None, as PostgreSQL
answers), and the adapters: values of each Python type sent and
read back in text and in binary, and a table's row type (CompositeInfo of a table, register_composite,
then rows read as objects in text and in binary). Not yet (tools_common.step's not_yet): range types
(RangeInfo of int4range), which Kanto lacks; jsonb is not asked. Printed for test/e2e/tools_python.sh to
compare between PostgreSQL 15 and `kanto serve`.

usage: tools_psycopg.py  (connection from PGHOST, PGPORT, PGUSER, PGDATABASE)
"""
import datetime
import decimal
import uuid

import psycopg
from tools_common import step
from psycopg.types import TypeInfo
from psycopg.types.composite import CompositeInfo, register_composite
from psycopg.types.enum import EnumInfo
from psycopg.types.range import RangeInfo

conn = psycopg.connect(autocommit=True)


def show(info):
    if info is None:
        return None
    # A table's row type has the table's oid, which is the server's own: shown as "user".
    fields = {k: getattr(info, k) for k in ("name", "oid", "array_oid", "regtype", "delimiter")}
    for k in ("oid", "array_oid"):
        fields[k] = "user" if fields[k] >= 16384 else fields[k]
    for extra in ("field_names", "field_types", "subtype_oid", "labels"):
        if hasattr(info, extra):
            fields[extra] = getattr(info, extra)
    return fields


for name in ["int2", "int4", "int8", "text", "varchar", "bpchar", "numeric", "bool", "date", "timestamptz",
             "timestamp", "interval", "time", "timetz", "time[]", "bytea", "json", "float8", "oid", "character varying", "integer[]", "text[]",
             "character[]", '"char"', '"char"[]', 'oidvector', 'int2vector', 'xid', 'regprocedure', 'regrole', 'aclitem[]', "public.no_such_type", "mood"]:
    step(f"TypeInfo {name}", lambda: show(TypeInfo.fetch(conn, name)))
step("CompositeInfo no_such_type", lambda: show(CompositeInfo.fetch(conn, "no_such_type")))
step("EnumInfo mood", lambda: show(EnumInfo.fetch(conn, "mood")))


def found(info):
    if info is None:
        raise LookupError("no such type")
    return info


def composite_rows():
    authors = found(CompositeInfo.fetch(conn, "authors"))
    register_composite(authors, conn)
    return show(authors), [[(type(r[0]).__name__, tuple(r[0]))
                            for r in conn.execute("SELECT a FROM authors a ORDER BY id", binary=binary).fetchall()]
                           for binary in (False, True)]


step("CompositeInfo authors, rows as objects", composite_rows)
step("RangeInfo int4range", lambda: show(found(RangeInfo.fetch(conn, "int4range"))), not_yet="no range types")

values = [1, 2**40, 1.5, decimal.Decimal("12.50"), "text", b"\x00\xff", True, None, datetime.date(2024, 2, 29),
          datetime.datetime(2024, 1, 2, 3, 4, 5, 6000, tzinfo=datetime.timezone.utc),
          datetime.datetime(2024, 1, 2, 3, 4, 5), datetime.timedelta(days=1, seconds=7),
          [1, 2, None], ["a", "b"], uuid.UUID(int=1), [uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")],
          datetime.time(1, 2, 3), datetime.time(23, 59, 59, 999999),
          datetime.time(4, 5, 6, 500000, tzinfo=datetime.timezone(datetime.timedelta(hours=-8)))]
for binary in (False, True):
    cur = conn.cursor(binary=binary)
    for v in values:
        placeholder = "%b" if binary else "%t"
        cur.execute(f"SELECT {placeholder}", [v])
        got = cur.fetchone()[0]
        oid = cur.description[0].type_code
        print("adapt", binary, repr(v), "->", conn.adapters.types.get(oid).name if conn.adapters.types.get(oid) else oid,
              repr(got))
    # The catalogs' "char" columns (and the byte 0 and a high byte) as psycopg reads them.
    cur.execute("""SELECT relkind, relpersistence, ''::"char", '\\303'::"char", 'x'::"char"
                   FROM pg_class WHERE relname = 'authors'""")
    print("char", binary, cur.fetchall(), [d.type_code for d in cur.description])
    cur.execute("SELECT id, name, born, rating FROM authors ORDER BY id")
    print("rows", binary, cur.fetchall(), [(d.name, d.type_code) for d in cur.description])
