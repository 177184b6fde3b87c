#!/usr/bin/python3
"""RowDescription of prepared statements' portals as libpq's PQexecPrepared asks for them (Bind,
Describe portal, Execute, Sync): statements taking turns, the same statement in text and binary
result formats, and a statement deallocated and parsed again under
its name with other columns. Each result's column names, type OIDs, formats and values must
equal PostgreSQL's (test/e2e/described_portals.sh runs this against both). Kanto keeps the last
RowDescription it encoded (docs/performance.md, item 23 of the server's profiles); this is what
must not go stale.

usage: described_portals.py KANTO_DSN POSTGRESQL_DSN
"""
import sys

from psycopg import pq


def run(dsn):
    conn = pq.PGconn.connect(dsn.encode())
    if conn.status != pq.ConnStatus.OK:
        sys.exit(f"described_portals: cannot connect to {dsn}")

    def check(r, what):
        if r.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
            sys.exit(f"described_portals: {what}: {r.error_message.decode()}")
        return r

    def prepare(name, text):
        check(conn.prepare(name.encode(), text.encode()), text)

    out = []

    def execute(name, params, result_format=0):
        r = check(conn.exec_prepared(name.encode(), [p.encode() for p in params], None, result_format),
                  name)
        desc = [(r.fname(i).decode(), r.ftype(i), r.fformat(i)) for i in range(r.nfields)]
        rows = [[r.get_value(row, c) for c in range(r.nfields)] for row in range(r.ntuples)]
        out.append((name, result_format, desc, rows))

    prepare("s1", "SELECT $1::int4 AS a, 'x'::text AS b")
    prepare("s2", "SELECT $1::text AS c")
    prepare("none", "SET application_name = 'described_portals'")
    execute("s1", ["1"])
    execute("s1", ["2"])
    execute("s2", ["three"])
    execute("s1", ["4"])
    execute("s1", ["5"], 1)
    execute("s1", ["6"], 1)
    execute("s1", ["7"])
    execute("none", [])
    execute("s2", ["eight"], 1)
    execute("s2", ["nine"])
    # The same name again with other columns: a new statement (it may take the old one's memory).
    check(conn.exec_(b"DEALLOCATE s1"), "DEALLOCATE s1")
    prepare("s1", "SELECT $1::int8 AS d, true AS e, 2.5::numeric AS f")
    execute("s1", ["10"])
    execute("s1", ["11"], 1)
    for i in range(3):  # dropped and made again, with nothing in between
        check(conn.exec_(b"DEALLOCATE s2"), "DEALLOCATE s2")
        prepare("s2", f"SELECT $1::text AS g{i}")
        execute("s2", [str(i)])
    conn.finish()
    return out


def main():
    kanto, pg = run(sys.argv[1]), run(sys.argv[2])
    for n, (k, p) in enumerate(zip(kanto, pg)):
        if k != p:
            sys.exit(f"described_portals: execution {n} of {p[0]}: PostgreSQL gives {p[1:]!r}, Kanto {k[1:]!r}")
    print(f"described_portals: ok ({len(pg)} executions as PostgreSQL's)")


main()
