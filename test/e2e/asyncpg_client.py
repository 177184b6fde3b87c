#!/usr/bin/python3
"""asyncpg against `kanto serve` and the same steps against a PostgreSQL 15 (test/e2e/asyncpg.sh
starts both), where the answers must agree: connecting, prepared statements, executemany,
fetching every Kanto type in asyncpg's binary codecs, type introspection (an enum and its array,
a table's row type, codecs of our own), enum and enum[] parameters and COPY in binary, binary
COPY in and out (copy_records_to_table, copy_to_table, copy_from_table, copy_from_query; the
bytes Kanto writes equal PostgreSQL's), EXPLAIN (FORMAT JSON) parsed as JSON, and errors inside
an extended-protocol exchange that asyncpg must see at once (it waits after Flush, before Sync).

usage: asyncpg_client.py KANTO_DSN [POSTGRESQL_DSN]
"""
import asyncio
import datetime
import decimal
import io
import json
import sys
import time

import asyncpg

TABLE = """CREATE TABLE items (
  id int PRIMARY KEY, name text, price numeric(10,2), tags text[], ok bool, made date,
  at timestamp, atz timestamptz, span interval, data bytea, doc json, f4 real, f8 double precision,
  small smallint, big bigint, vc varchar(10), ch char(3), nums int[])"""

ROWS = [
    (1, "apple", decimal.Decimal("1.50"), ["red", "green"], True, datetime.date(2024, 1, 5),
     datetime.datetime(2024, 1, 5, 12, 30, 0, 250000),
     datetime.datetime(2024, 1, 5, 12, 30, tzinfo=datetime.timezone.utc), datetime.timedelta(days=3, seconds=7),
     b"\x00\x01\xff", '{"a": [1, 2]}', 1.5, 2.25, -3, 9000000000, "abc", "xy ", [1, None, 3]),
    (2, "pear", decimal.Decimal("-1234.05"), [], False, datetime.date(1999, 12, 31),
     datetime.datetime(1970, 1, 1), datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc),
     datetime.timedelta(microseconds=1), b"", "[]", -0.25, 1e300, 32767, -1, "", "z  ", []),
    (3, None, None, None, None, None, None, None, None, None, None, None, None, None, None, None, None, None),
]
COLUMNS = ["id", "name", "price", "tags", "ok", "made", "at", "atz", "span", "data", "doc", "f4", "f8",
           "small", "big", "vc", "ch", "nums"]


def check(name, expected, actual):
    if expected != actual:
        sys.exit(f"asyncpg: {name}: expected {expected!r}, got {actual!r}")


async def at_once(name, coro, limit=5.0):
    """Runs `coro`, which must fail with a PostgreSQL error within `limit` seconds (asyncpg waits
    for the error after Flush; a server that holds it until Sync makes this time out)."""
    start = time.monotonic()
    try:
        await asyncio.wait_for(coro, limit)
    except asyncpg.PostgresError as e:
        return e.sqlstate, time.monotonic() - start
    except asyncio.TimeoutError:
        sys.exit(f"asyncpg: {name}: no error within {limit} s (the ErrorResponse waits for Sync?)")
    sys.exit(f"asyncpg: {name}: no error")


async def run(dsn):
    """The steps; returns what must agree with PostgreSQL."""
    out = {}
    conn = await asyncpg.connect(dsn)
    await conn.execute("DROP TABLE IF EXISTS items; DROP TABLE IF EXISTS copy_back; DROP TABLE IF EXISTS moods; "
                       "DROP TABLE IF EXISTS moods_back; DROP TYPE IF EXISTS mood")
    await conn.execute("SET TIME ZONE 'UTC'")
    await conn.execute(TABLE)
    # executemany through one prepared INSERT, all parameters binary.
    await conn.executemany(f"INSERT INTO items VALUES ({', '.join(f'${i + 1}' for i in range(len(COLUMNS)))})",
                           ROWS[:2])
    # copy_records_to_table: COPY ... FROM STDIN (FORMAT binary).
    check("copy_records_to_table", "COPY 1", await conn.copy_records_to_table("items", records=ROWS[2:], columns=COLUMNS))
    rows = await conn.fetch("SELECT * FROM items ORDER BY id")
    out["rows"] = [tuple(r) for r in rows]
    check("round trip", [tuple(r) for r in ROWS], out["rows"])
    # A prepared statement run twice with different parameters.
    stmt = await conn.prepare("SELECT name, price FROM items WHERE id = $1")
    out["prepared"] = [tuple(await stmt.fetchrow(1)), tuple(await stmt.fetchrow(2))]
    out["prepared_types"] = [a.type.name for a in stmt.get_attributes()]
    out["param_types"] = [t.name for t in stmt.get_parameters()]
    # Type introspection: set_type_codec reads pg_type.typtype as "char" (asyncpg compares it with
    # b'b', a binary "char"); a composite (a table's row type) and "char" values in binary.
    await conn.set_type_codec("numeric", schema="pg_catalog", encoder=str, decoder=lambda s: "N" + s, format="text")
    out["custom_codec"] = await conn.fetchval("SELECT price FROM items WHERE id = 1")
    check("set_type_codec", "N1.50", out["custom_codec"])
    await conn.reset_type_codec("numeric", schema="pg_catalog")
    await conn.execute("DROP TABLE IF EXISTS pair; CREATE TABLE pair (a int, b text)")
    await conn.execute("INSERT INTO pair VALUES (1, 'x')")
    out["composite"] = tuple(await conn.fetchval("SELECT p FROM pair p"))
    # ... and as parameters, which asyncpg sends in binary (record_recv: each field with its OID).
    out["composite_param"] = await conn.fetchval("SELECT ($1::pair).b || '|' || ($1::pair).a", (2, 'y "q"\\'))
    out["composite_null_field"] = tuple(await conn.fetchval("SELECT $1::pair", (None, "z")))
    await conn.execute("INSERT INTO pair SELECT ($1::pair).*", (3, "w"))
    out["composite_rows"] = [tuple(r) for r in await conn.fetch("SELECT * FROM pair ORDER BY a")]
    out["composite_wrong_arity"] = (await at_once("a record parameter of too few fields",
                                                  conn.fetchval("SELECT $1::pair", (1,))))[0]
    # Type introspection of an enum and its array: asyncpg asks pg_type / pg_enum what mood is
    # before it reads one (rows in binary); enum and enum[] parameters in asyncpg's default codec
    # (binary: the labels), executemany and binary COPY in and out of both; then a text codec of our
    # own on the enum, through which parameters go as text.
    await conn.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE moods (id int, m mood, ms mood[])")
    await conn.execute("INSERT INTO moods VALUES (1, 'happy', '{sad,ok}'), (2, NULL, '{NULL}'), (3, 'sad', '{}')")
    stmt = await conn.prepare("SELECT * FROM moods WHERE m IS DISTINCT FROM 'ok' ORDER BY id")
    out["enum_rows"] = [tuple(r) for r in await stmt.fetch()]
    out["enum_types"] = [(a.type.name, a.type.kind, a.type.schema) for a in stmt.get_attributes()]
    out["enum_params"] = tuple(await conn.fetchrow("SELECT $1::mood, $2::mood[], $1::mood < 'happy'", "ok",
                                                   ["happy", None, "sad"]))
    await conn.executemany("INSERT INTO moods VALUES ($1, $2, $3)",
                           [(4, "ok", ["ok", "happy"]), (5, None, []), (6, "happy", None)])
    out["enum_filter"] = [tuple(r) for r in await conn.fetch(
        "SELECT id FROM moods WHERE m = ANY($1::mood[]) OR ms = $2 ORDER BY id", ["ok", "sad"], ["ok", "happy"])]
    out["enum_bad_label"] = (await at_once("a binary enum parameter that is no label",
                                           conn.fetchval("SELECT $1::mood", "nope")))[0]
    check("copy_records_to_table (enum, enum[])", "COPY 2", await conn.copy_records_to_table(
        "moods", records=[(7, "sad", ["sad", None]), (8, None, ["happy"])], columns=["id", "m", "ms"]))
    out["enum_rows_all"] = [tuple(r) for r in await conn.fetch("SELECT * FROM moods ORDER BY id")]
    # Binary COPY out of an enum and an enum[] column: PostgreSQL's bytes, but for the enum's OID in
    # the array header (the database's own), replaced by a placeholder.
    buf = io.BytesIO()
    await conn.copy_from_table("moods", output=buf, format="binary")
    mood_oid = (await conn.fetchval("SELECT 'mood'::regtype::oid")).to_bytes(4, "big")
    out["enum_copy_bytes"] = buf.getvalue().replace(mood_oid, b"<OID>")
    await conn.execute("CREATE TABLE moods_back (LIKE moods)")
    check("copy_to_table (enum, enum[])", "COPY 8",
          await conn.copy_to_table("moods_back", source=io.BytesIO(buf.getvalue()), format="binary"))
    out["enum_copied_back"] = [tuple(r) for r in await conn.fetch("SELECT * FROM moods_back ORDER BY id")]
    check("enum copy back", out["enum_rows_all"], out["enum_copied_back"])
    await conn.set_type_codec("mood", encoder=str.lower, decoder=str.upper, format="text")
    out["enum_codec"] = await conn.fetchval("SELECT $1::mood", "HAPPY")
    check("enum codec", "HAPPY", out["enum_codec"])
    out["enum_codec_rows"] = [tuple(r) for r in await conn.fetch("SELECT id, m FROM moods WHERE m <> $1 ORDER BY id", "SAD")]
    out["char_values"] = tuple(await conn.fetchrow(
        "SELECT 'r'::\"char\", ''::\"char\", '\\303'::\"char\", relkind, relpersistence, "
        "ARRAY['a', 'b']::\"char\"[] FROM pg_class WHERE relname = 'items'"))
    out["char_param"] = await conn.fetchval("SELECT $1::\"char\"::text || '|'", b"v")
    # int2vector / oidvector (array_send with lower bound 0), xid, regproc and regprocedure in binary.
    out["vectors"] = tuple(await conn.fetchrow(
        "SELECT '1 2'::int2vector, '23 25'::oidvector, ''::oidvector, '5'::xid, typinput, "
        "'lower(text)'::regprocedure::text FROM pg_type WHERE oid = 23"))
    out["json_text"] = json.loads(await conn.fetchval("SELECT doc FROM items WHERE id = 1"))
    out["text_array"] = await conn.fetchval("SELECT tags FROM items WHERE id = 1")

    # Binary COPY out: copy_from_table and copy_from_query; the bytes are compared with PostgreSQL's.
    buf = io.BytesIO()
    check("copy_from_table", "COPY 3", await conn.copy_from_table("items", output=buf, format="binary"))
    out["copy_table_bytes"] = buf.getvalue()
    buf = io.BytesIO()
    await conn.copy_from_query("SELECT id, name, nums FROM items WHERE id < $1 ORDER BY id", 3, output=buf,
                               format="binary")
    out["copy_query_bytes"] = buf.getvalue()
    text = io.BytesIO()
    await conn.copy_from_query("SELECT id, name FROM items ORDER BY id", output=text)
    out["copy_query_text"] = text.getvalue()
    # Binary COPY in of what came out: copy_to_table.
    await conn.execute("CREATE TABLE copy_back (LIKE items)")
    check("copy_to_table", "COPY 3",
          await conn.copy_to_table("copy_back", source=io.BytesIO(out["copy_table_bytes"]), format="binary"))
    out["copied_back"] = [tuple(r) for r in await conn.fetch("SELECT * FROM copy_back ORDER BY id")]
    check("copy back", out["rows"], out["copied_back"])

    # Errors in binary COPY data: PostgreSQL's 22P04, and the transaction can go on.
    sig = b"PGCOPY\n\xff\r\n\x00"
    bad = {
        "signature": b"PGCOPX\n\xff\r\n\x00" + b"\0" * 8,
        "field count": sig + b"\0" * 8 + b"\x00\x01\x00\x00\x00\x04\x00\x00\x00\x09\xff\xff",
        "truncated": sig + b"\0" * 8 + b"\x00\x12\x00\x00\x00\x04\x00\x00",
        "int4 size": sig + b"\0" * 8 + b"\x00\x12\x00\x00\x00\x08" + b"\0" * 8 + b"\xff\xff\xff\xff" * 17 + b"\xff\xff",
    }
    out["copy_errors"] = {}
    for name, data in bad.items():
        try:
            await conn.copy_to_table("copy_back", source=io.BytesIO(data), format="binary")
            sys.exit(f"asyncpg: bad binary COPY ({name}) succeeded")
        except asyncpg.PostgresError as e:
            out["copy_errors"][name] = (e.sqlstate, e.args[0] if e.args else "")

    # Errors inside extended-protocol exchanges arrive at once.
    out["errors"] = [
        (await at_once("prepare of a missing table", conn.prepare("SELECT * FROM no_such_table")))[0],
        (await at_once("execution error", conn.fetch("SELECT 1 / $1::int", 0)))[0],
        (await at_once("syntax error", conn.fetch("SELEC 1")))[0],
    ]
    out["after_errors"] = await conn.fetchval("SELECT count(*) FROM items")

    # EXPLAIN (FORMAT JSON): one json value.
    explain = await conn.prepare("EXPLAIN (FORMAT JSON, ANALYZE, COSTS off) SELECT name FROM items WHERE id > 1")
    out["explain_type"] = [a.type.name for a in explain.get_attributes()]
    plan = json.loads(await explain.fetchval())
    out["explain_keys"] = sorted(plan[0].keys())
    root = plan[0]["Plan"]
    nodes = []

    def walk(node):
        nodes.append(node)
        for child in node.get("Plans", []):
            walk(child)

    walk(root)
    scan = [n for n in nodes if n.get("Relation Name") == "items"]
    check("explain scan node", 1, len(scan))
    out["explain_scan"] = (scan[0]["Node Type"] in ("Seq Scan", "Index Scan"), scan[0]["Alias"], scan[0]["Actual Rows"])
    for n in nodes:
        for key in ("Node Type", "Parallel Aware", "Async Capable", "Actual Rows", "Actual Loops", "Actual Total Time"):
            if key not in n:
                sys.exit(f"asyncpg: EXPLAIN node {n.get('Node Type')} has no {key!r}")
    await conn.close()
    return out


async def main():
    kanto = await run(sys.argv[1])
    if len(sys.argv) > 2:
        pg = await run(sys.argv[2])
        for key in pg:
            check(f"same as PostgreSQL: {key}", pg[key], kanto[key])
    print("asyncpg: ok")


asyncio.run(main())
