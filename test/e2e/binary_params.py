#!/usr/bin/python3
"""Binary Bind parameters as libpq sends them (format 1, the type left to the statement), crafted
byte by byte: enums, enum arrays, records, arrays of a wrong element type, values too short or too
long. Each outcome (the value as text, or the SQLSTATE and message) must equal PostgreSQL's
(test/e2e/binary_params.sh runs this against both).

usage: binary_params.py KANTO_DSN POSTGRESQL_DSN
"""
import struct
import sys

from psycopg import pq


def be32(v):
    return struct.pack("!I", v & 0xFFFFFFFF)


def array(element_oid, items):
    """array_send's form; None is NULL."""
    out = be32(1) + be32(1 if None in items else 0) + be32(element_oid) + be32(len(items)) + be32(1)
    for i in items:
        out += be32(0xFFFFFFFF) if i is None else be32(len(i)) + i
    return out


def record(fields):
    out = be32(len(fields))
    for oid, data in fields:
        out += be32(oid) + (be32(0xFFFFFFFF) if data is None else be32(len(data)) + data)
    return out


def run(dsn):
    conn = pq.PGconn.connect(dsn.encode())
    if conn.status != pq.ConnStatus.OK:
        sys.exit(f"binary_params: cannot connect to {dsn}")

    def sql(text):
        r = conn.exec_(text.encode())
        if r.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
            sys.exit(f"binary_params: {text}: {r.error_message.decode()}")
        return r

    sql("DROP TABLE IF EXISTS bp_t; DROP TABLE IF EXISTS bp_pair; DROP TYPE IF EXISTS bp_mood")
    sql("CREATE TYPE bp_mood AS ENUM ('sad', 'ok'); CREATE TABLE bp_t (m bp_mood, ms bp_mood[])")
    sql("CREATE TABLE bp_pair (a int, b text)")
    mood = int(sql("SELECT 'bp_mood'::regtype::oid").get_value(0, 0))
    cases = [
        ("SELECT $1::bp_mood::text", b"ok"),
        ("SELECT $1::bp_mood::text", b"nope"),
        ("SELECT $1::bp_mood[]::text", array(mood, [b"sad", None, b"ok"])),
        ("SELECT $1::bp_mood[]::text", array(16999, [b"ok"])),  # a user type's OID: taken as bp_mood
        ("SELECT $1::bp_mood[]::text", array(25, [b"ok"])),  # text: built-in, bp_mood is not
        ("SELECT $1::bp_mood[]::text", be32(0) + be32(0) + be32(mood)),
        ("INSERT INTO bp_t VALUES ($1, NULL)", b"sad"),
        ("SELECT $1::int4[]::text", array(23, [be32(7), None])),
        ("SELECT $1::int4[]::text", array(20, [struct.pack("!q", 1)])),
        ("SELECT $1::int4[]::text", array(23, [b"\0" * 5])),
        ("SELECT $1::int4[]::text", array(23, [be32(1)]) + b"x"),
        ("SELECT $1::int4[]::text", array(23, [be32(1)])[:22]),
        ("SELECT $1::int4", b"\0\0\0"),
        ("SELECT $1::int4", b"\0\0\0\0\0"),
        ("SELECT $1::bp_pair::text", record([(23, be32(5)), (25, b'a "b"\\')])),
        ("SELECT $1::bp_pair::text", record([(23, be32(5)), (25, None)])),
        ("SELECT $1::bp_pair::text", record([(23, be32(5))])),
        ("SELECT $1::bp_pair::text", record([(20, struct.pack("!q", 5)), (25, b"")])),
        ("SELECT $1::bp_pair::text", record([(23, b"\0" * 5), (25, b"")])),
        ("SELECT $1::bp_pair::text", record([(23, be32(5)), (25, b"abc")])[:-1]),
        ("SELECT $1::uuid::text", bytes(range(16))),
        ("SELECT $1::jsonb::text", b"\x01{\"a\": 1}"),
    ]
    out = []
    for text, value in cases:
        r = conn.exec_params(text.encode(), [value], [0], [1], 0)
        if r.status == pq.ExecStatus.FATAL_ERROR:
            message = (r.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) or r.error_message or b"").decode()
            out.append((text, "ERROR", (r.error_field(pq.DiagnosticField.SQLSTATE) or b"").decode(), message))
        else:
            out.append((text, r.get_value(0, 0) if r.ntuples else r.command_tuples))
    out.append(("rows", sql("SELECT m::text FROM bp_t").get_value(0, 0)))
    conn.finish()
    return out


def main():
    kanto, pg = run(sys.argv[1]), run(sys.argv[2])
    for k, p in zip(kanto, pg):
        if k != p:
            sys.exit(f"binary_params: {p[0]}: PostgreSQL gives {p[1:]!r}, Kanto {k[1:]!r}")
    print(f"binary_params: ok ({len(pg)} cases as PostgreSQL's)")


main()
