#!/usr/bin/python3
"""uuid through real drivers (test/e2e/uuid_clients.sh): psycopg2 (uuid.UUID parameters and
results with register_uuid, text format), psycopg 3 (uuid.UUID in text and binary, OID 2950 and
2951 for uuid[]), asyncpg (the binary codec: 16 bytes each way, uuid[] in binary, a uuid primary
key filled by gen_random_uuid()) and SQLAlchemy's UUID(as_uuid=True) column (create_all, insert,
filter, order). The same steps run against Kanto and against a PostgreSQL 15; their answers must be
equal.

usage: uuid_clients.py KANTO_DSN POSTGRESQL_DSN
"""
import asyncio
import sys
import uuid

import asyncpg
import psycopg
import psycopg2
import psycopg2.extras
from sqlalchemy import Column, MetaData, String, Table, create_engine, insert, select
from sqlalchemy.dialects.postgresql import UUID

from steps import same_as_postgresql

IDS = [uuid.UUID(int=0), uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), uuid.UUID(int=2**128 - 1),
       uuid.UUID("80000000-0000-0000-0000-000000000000"), uuid.UUID("7fffffff-ffff-ffff-ffff-ffffffffffff")]


def with_psycopg2(dsn):
    psycopg2.extras.register_uuid()
    out = []
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS uc_p2")
    cur.execute("CREATE TABLE uc_p2 (id uuid PRIMARY KEY, parent uuid, n int)")
    for i, u in enumerate(IDS):
        cur.execute("INSERT INTO uc_p2 VALUES (%s, %s, %s)", (u, IDS[0] if i else None, i))
    conn.commit()
    cur.execute("SELECT id, parent, n FROM uc_p2 ORDER BY id")
    out.append(cur.fetchall())
    out.append([d.type_code for d in cur.description])
    cur.execute("SELECT n FROM uc_p2 WHERE id = %s", (IDS[1],))
    out.append(cur.fetchall())
    cur.execute("SELECT array_agg(id ORDER BY id DESC) FROM uc_p2 WHERE n > 2")
    out.append(cur.fetchall())
    try:
        cur.execute("INSERT INTO uc_p2 VALUES (%s, NULL, 9)", (IDS[2],))
    except psycopg2.Error as e:
        out.append((e.pgcode, e.pgerror.splitlines()[0]))
    conn.rollback()
    try:
        cur.execute("SELECT %s::uuid", ("not-a-uuid",))
    except psycopg2.Error as e:
        out.append((e.pgcode, e.pgerror.splitlines()[0]))
    conn.rollback()
    conn.close()
    return out


def with_psycopg3(dsn):
    out = []
    with psycopg.connect(dsn) as conn:
        for binary in (False, True):
            cur = conn.cursor(binary=binary)
            p = "%b" if binary else "%t"
            cur.execute(f"SELECT {p}, {p}, {p}::uuid < {p}::uuid", [IDS[1], IDS, IDS[3], IDS[4]])
            out.append((cur.fetchone(), [d.type_code for d in cur.description]))
            cur.execute("SELECT gen_random_uuid()")
            r = cur.fetchone()[0]
            out.append((type(r).__name__, r.version, r.variant))
    return out


async def with_asyncpg_async(dsn):
    out = []
    conn = await asyncpg.connect(dsn)
    await conn.execute("DROP TABLE IF EXISTS uc_apg")
    await conn.execute("CREATE TABLE uc_apg (id uuid DEFAULT gen_random_uuid() PRIMARY KEY, ref uuid UNIQUE, tags uuid[])")
    for i, u in enumerate(IDS):
        await conn.execute("INSERT INTO uc_apg (ref, tags) VALUES ($1, $2)", u, IDS[:i])
    rows = await conn.fetch("SELECT id, ref, tags FROM uc_apg ORDER BY ref")
    out.append([(type(r["id"]).__name__, r["id"].version, r["ref"], r["tags"]) for r in rows])
    out.append(await conn.fetchval("SELECT count(DISTINCT id) FROM uc_apg"))
    out.append(await conn.fetchval("SELECT ref FROM uc_apg WHERE ref > $1 ORDER BY ref LIMIT 1", IDS[1]))
    out.append(await conn.fetchval("SELECT $1::text::uuid", "{A0EEBC999C0B4EF8BB6D6BB9BD380A11}"))
    try:
        await conn.execute("INSERT INTO uc_apg (ref) VALUES ($1)", IDS[3])
    except asyncpg.PostgresError as e:
        out.append((e.sqlstate, str(e)))
    await conn.close()
    return out


def with_asyncpg(dsn):
    return asyncio.run(with_asyncpg_async(dsn))


def with_sqlalchemy(dsn):
    engine = create_engine("postgresql+psycopg2://" + dsn.split("://", 1)[1], future=True)
    meta = MetaData()
    items = Table("uc_sa", meta, Column("id", UUID(as_uuid=True), primary_key=True), Column("name", String(20)))
    meta.drop_all(engine)
    meta.create_all(engine)
    out = []
    with engine.begin() as c:
        c.execute(insert(items), [{"id": u, "name": f"n{i}"} for i, u in enumerate(IDS)])
    with engine.connect() as c:
        out.append(c.execute(select(items).order_by(items.c.id)).all())
        out.append(c.execute(select(items.c.name).where(items.c.id == IDS[2])).all())
        out.append(c.execute(select(items.c.id).where(items.c.id.in_([IDS[3], IDS[4]])).order_by(items.c.id.desc())).all())
    meta.drop_all(engine)
    return out


def main():
    drivers = [("psycopg2", with_psycopg2), ("psycopg 3", with_psycopg3), ("asyncpg", with_asyncpg),
               ("SQLAlchemy", with_sqlalchemy)]
    same_as_postgresql("uuid_clients", drivers, *sys.argv[1:3])


main()
