#!/usr/bin/python3
"""json and jsonb through real drivers (test/e2e/json_clients.sh): psycopg2 (text results, client-
side parameters), psycopg 3 (binary jsonb results and parameters typed jsonb, OID 3802, in text
and binary) and asyncpg (the jsonb binary codec: version byte 1, then the text). The same steps run
against Kanto and against a PostgreSQL 15; their answers must be equal.

usage: json_clients.py KANTO_DSN POSTGRESQL_DSN
"""
import asyncio
import json
import sys

import asyncpg
import psycopg
import psycopg2
import psycopg2.extras
from psycopg.types.json import Json, Jsonb

DOCS = [{"b": [1, 2.5, None], "a": "é\n\"x\"", "n": {"deep": [True, False]}}, [1, {"k": "v"}], "text", 12, None]


def setup(cur):
    cur.execute("DROP TABLE IF EXISTS jdocs")
    cur.execute("CREATE TABLE jdocs (id int PRIMARY KEY, j json, b jsonb)")


def with_psycopg2(dsn):
    out = []
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    setup(cur)
    for i, d in enumerate(DOCS):
        cur.execute("INSERT INTO jdocs VALUES (%s, %s, %s)", (i, psycopg2.extras.Json(d), psycopg2.extras.Json(d)))
    conn.commit()
    cur.execute("SELECT id, j, b, b -> 'b', b ->> 'a', b @> %s FROM jdocs ORDER BY id", (json.dumps({"n": {}}),))
    out.append(cur.fetchall())
    cur.execute("SELECT b FROM jdocs ORDER BY b")
    out.append(cur.fetchall())
    conn.close()
    return out


def with_psycopg3(dsn):
    out = []
    with psycopg.connect(dsn) as conn:
        cur = conn.cursor()
        setup(cur)
        for i, d in enumerate(DOCS):
            cur.execute("INSERT INTO jdocs VALUES (%s, %s, %s)", (i, Json(d), Jsonb(d)))
        conn.commit()
        for binary in (False, True):
            bc = conn.cursor(binary=binary)
            bc.execute("SELECT id, j, b, b #> %s, jsonb_typeof(b) FROM jdocs WHERE b IS NOT NULL ORDER BY id", (["n", "deep"],))
            out.append(bc.fetchall())
            bc.execute("SELECT %s::jsonb || %s, jsonb_build_object('k', %s::int)", (Jsonb({"x": 1}), Jsonb({"y": [2]}), 3))
            out.append(bc.fetchall())
            bc.execute("SELECT count(*) FROM jdocs WHERE b = %s", (Jsonb({"n": {"deep": [True, False]}, "a": "é\n\"x\"", "b": [1, 2.50, None]}),))
            out.append(bc.fetchall())
            bc.execute("SELECT ARRAY[b] FROM jdocs WHERE id = 1")
            out.append(bc.fetchall())
    return out


async def with_asyncpg(dsn):
    out = []
    conn = await asyncpg.connect(dsn)
    rows = await conn.fetch("SELECT id, j, b FROM jdocs ORDER BY id")
    out.append([tuple(r) for r in rows])
    await conn.execute("INSERT INTO jdocs VALUES ($1, $2, $3)", 10, '{"z": 1,  "z": 2}', '{"z": 1,  "z": 2}')
    out.append(await conn.fetchrow("SELECT j, b, b -> 'z' FROM jdocs WHERE id = $1", 10))
    out.append(await conn.fetchval("SELECT $1::jsonb -> 'a'", '{"a": [1, 2]}'))
    stmt = await conn.prepare("SELECT b FROM jdocs WHERE b @> $1 ORDER BY id")
    out.append([tuple(r) for r in await stmt.fetch('{"z": 2}')])
    await conn.close()
    return [tuple(x) if isinstance(x, asyncpg.Record) else x for x in out]


def run(dsn):
    return {"psycopg2": with_psycopg2(dsn), "psycopg3": with_psycopg3(dsn), "asyncpg": asyncio.run(with_asyncpg(dsn))}


def main():
    kanto, postgresql = sys.argv[1], sys.argv[2]
    got, want = run(kanto), run(postgresql)
    for driver in want:
        if got[driver] != want[driver]:
            sys.exit(f"json_clients: {driver}: Kanto answered\n  {got[driver]!r}\nPostgreSQL answered\n  {want[driver]!r}")
    print("json_clients: psycopg2, psycopg 3 (text and binary), asyncpg agree with PostgreSQL")


if __name__ == "__main__":
    main()
