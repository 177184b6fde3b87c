#!/usr/bin/python3
"""time and timetz through real drivers (test/e2e/time_clients.sh): psycopg2 (datetime.time
parameters and results, text format, with and without tzinfo), psycopg 3 (datetime.time in text and
binary, OIDs 1083 / 1266 / 1183), asyncpg (the binary codecs: 8 bytes of microseconds for time, 12
with the zone for timetz, time[] in binary, 24:00:00 and a time primary key) and SQLAlchemy's Time
and Time(timezone=True) columns (create_all, insert, filter, order). The same steps run against
Kanto and against a PostgreSQL 15; their answers must be equal.

usage: time_clients.py KANTO_DSN POSTGRESQL_DSN
"""
import asyncio
import datetime as dt
import sys

import asyncpg
import psycopg
import psycopg2
from sqlalchemy import Column, Integer, MetaData, Table, Time, create_engine, insert, select

from steps import same_as_postgresql

TIMES = [dt.time(0, 0), dt.time(4, 5, 6, 789000), dt.time(12, 0), dt.time(23, 59, 59, 999999), dt.time(13, 14, 15, 5)]
ZONES = [dt.timezone(dt.timedelta(hours=-8)), dt.timezone(dt.timedelta(hours=5, minutes=30)), dt.timezone.utc]


def with_psycopg2(dsn):
    out = []
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    cur.execute("SET TimeZone = 'UTC'")
    cur.execute("DROP TABLE IF EXISTS tc_p2")
    cur.execute("CREATE TABLE tc_p2 (t time PRIMARY KEY, tz timetz, t3 time(3), n int)")
    for i, t in enumerate(TIMES):
        cur.execute("INSERT INTO tc_p2 VALUES (%s, %s, %s, %s)", (t, t.replace(tzinfo=ZONES[i % 3]), t, i))
    conn.commit()
    cur.execute("SELECT t, tz, t3, n FROM tc_p2 ORDER BY t")
    out.append(cur.fetchall())
    out.append([d.type_code for d in cur.description])
    cur.execute("SELECT n FROM tc_p2 WHERE t > %s ORDER BY tz", (dt.time(4, 5, 6),))
    out.append(cur.fetchall())
    cur.execute("SELECT t + interval '1 hour', t - %s, date '2024-03-15' + t FROM tc_p2 WHERE n = 1", (dt.time(1, 0),))
    out.append(cur.fetchall())
    cur.execute("SELECT '24:00:00'::time::text, '04:05:06-08'::timetz::text, array_agg(t ORDER BY t)::text FROM tc_p2")
    out.append(cur.fetchall())
    for bad in ("25:00", "04:05:06+16", "abc"):
        try:
            cur.execute("SELECT %s::timetz", (bad,))
        except psycopg2.Error as e:
            out.append((e.pgcode, e.pgerror.splitlines()[0]))
        conn.rollback()
    cur.execute("DROP TABLE tc_p2")
    conn.commit()
    conn.close()
    return out


def with_psycopg3(dsn):
    out = []
    with psycopg.connect(dsn) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        for binary in (False, True):
            cur = conn.cursor(binary=binary)
            p = "%b" if binary else "%t"
            cur.execute(f"SELECT {p}, {p}, {p}, {p}::time < {p}::time",
                        [TIMES[1], TIMES[3].replace(tzinfo=ZONES[1]), TIMES, TIMES[1], TIMES[2]])
            out.append((cur.fetchone(), [d.type_code for d in cur.description]))
            cur.execute("SELECT '24:00:00'::time::text, '00:00:00.000001'::time, '04:05:06.5-15:59:59'::timetz, "
                        "'04:05:06+05:30'::timetz, NULL::time, '{04:05,12:00}'::time[]")
            row = cur.fetchone()
            out.append((row, [d.type_code for d in cur.description]))
            cur.execute(f"SELECT extract(epoch from {p}::time), {p}::timetz AT TIME ZONE 'UTC'",
                        [TIMES[1], TIMES[1].replace(tzinfo=ZONES[0])])
            out.append(cur.fetchone())
    return out


async def with_asyncpg_async(dsn):
    out = []
    conn = await asyncpg.connect(dsn)
    await conn.execute("SET TimeZone = 'UTC'")
    await conn.execute("DROP TABLE IF EXISTS tc_apg")
    await conn.execute("CREATE TABLE tc_apg (t time PRIMARY KEY, tz timetz UNIQUE, tags time[])")
    for i, t in enumerate(TIMES):
        await conn.execute("INSERT INTO tc_apg VALUES ($1, $2, $3)", t, t.replace(tzinfo=ZONES[i % 3]), TIMES[:i])
    rows = await conn.fetch("SELECT t, tz, tags FROM tc_apg ORDER BY tz")
    out.append([(r["t"], r["tz"], r["tags"]) for r in rows])
    out.append(await conn.fetchval("SELECT t FROM tc_apg WHERE t > $1 ORDER BY t LIMIT 1", dt.time(4, 5, 6)))
    out.append(await conn.fetchval("SELECT tz FROM tc_apg WHERE tz = $1", TIMES[1].replace(tzinfo=ZONES[1])))
    out.append(await conn.fetchrow("SELECT '23:59:59.999999-15:59'::timetz AS b, $1::time + interval '90 minutes' AS c",
                                   dt.time(23, 0)))
    # The raw binary fields (asyncpg's tuple format): 24:00:00 has no datetime.time.
    for name in ("time", "timetz"):
        await conn.set_type_codec(name, schema="pg_catalog", encoder=lambda t: t, decoder=lambda t: t, format="tuple")
    out.append(await conn.fetchrow("SELECT '24:00:00'::time AS a, '24:00:00+15:59:59'::timetz AS b, $1::timetz AS c",
                                   (3723000001, -19800)))
    try:
        await conn.execute("INSERT INTO tc_apg (t) VALUES ($1)", TIMES[2])
    except asyncpg.PostgresError as e:
        out.append((e.sqlstate, str(e)))
    await conn.execute("DROP TABLE tc_apg")
    await conn.close()
    return out


def with_asyncpg(dsn):
    return asyncio.run(with_asyncpg_async(dsn))


def with_sqlalchemy(dsn):
    engine = create_engine("postgresql+psycopg2://" + dsn.split("://", 1)[1], future=True,
                           connect_args={"options": "-c TimeZone=UTC"})
    meta = MetaData()
    items = Table("tc_sa", meta, Column("id", Integer, primary_key=True), Column("opens", Time),
                  Column("opens_tz", Time(timezone=True)))
    meta.drop_all(engine)
    meta.create_all(engine)
    out = []
    with engine.begin() as c:
        c.execute(insert(items), [{"id": i, "opens": t, "opens_tz": t.replace(tzinfo=ZONES[i % 3])}
                                  for i, t in enumerate(TIMES)])
    with engine.connect() as c:
        out.append(c.execute(select(items).order_by(items.c.opens)).all())
        out.append(c.execute(select(items.c.id).where(items.c.opens >= dt.time(12, 0)).order_by(items.c.opens_tz)).all())
        out.append(c.execute(select(items.c.id).where(items.c.opens.between(dt.time(0, 0), dt.time(5, 0)))
                             .order_by(items.c.id)).all())
    meta.drop_all(engine)
    return out


def main():
    drivers = [("psycopg2", with_psycopg2), ("psycopg 3", with_psycopg3), ("asyncpg", with_asyncpg),
               ("SQLAlchemy", with_sqlalchemy)]
    same_as_postgresql("time_clients", drivers, *sys.argv[1:3])


main()
