"""Real PostgreSQL drivers against `kanto serve`: psycopg2 (simple protocol, client-side
parameters, named cursors) and psycopg 3 (extended protocol: Parse/Bind/Describe/Execute, text and binary
results, prepared statements, pipeline mode). Usage: clients.py PORT"""
import datetime
import decimal
import sys

import psycopg
import psycopg2

PORT = int(sys.argv[1])
DSN = f"host=127.0.0.1 port={PORT} user=kanto dbname=kanto"


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def test_psycopg2():
    conn = psycopg2.connect(DSN)
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS p2")
    cur.execute("CREATE TABLE p2 (id int PRIMARY KEY, name text, price numeric(8,2), day date)")
    cur.executemany("INSERT INTO p2 VALUES (%s, %s, %s, %s)",
                    [(1, "apple", decimal.Decimal("1.20"), datetime.date(2024, 1, 5)),
                     (2, "o'hara", None, None)])
    conn.commit()
    cur.execute("SELECT id, name, price, day FROM p2 ORDER BY id")
    rows = cur.fetchall()
    check(rows == [(1, "apple", decimal.Decimal("1.20"), datetime.date(2024, 1, 5)), (2, "o'hara", None, None)], rows)
    try:
        cur.execute("INSERT INTO p2 VALUES (1, 'dup', 0, NULL)")
        check(False, "duplicate accepted")
    except psycopg2.Error as e:
        check(e.pgcode == "23505", e.pgcode)
    conn.rollback()
    cur.execute("SELECT count(*) FROM p2")
    check(cur.fetchone()[0] == 2, "rollback")
    conn.close()


def test_psycopg3():
    with psycopg.connect(DSN, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS p3")
        conn.execute("CREATE TABLE p3 (id bigint PRIMARY KEY, label varchar(10), score double precision, ok boolean, at timestamp)")
        with conn.cursor() as cur:
            for i in range(20):
                cur.execute("INSERT INTO p3 VALUES (%s, %s, %s, %s, %s)",
                            (i, f"row{i}", i / 4, i % 2 == 0, datetime.datetime(2024, 1, 1, 12, 0, i)))
            cur.execute("SELECT id, label, score, ok, at FROM p3 WHERE id = %s", (7,))
            check(cur.fetchone() == (7, "row7", 1.75, False, datetime.datetime(2024, 1, 1, 12, 0, 7)), "text row")
            # binary results
            cur.execute("SELECT id, score, ok, at FROM p3 WHERE id >= %s ORDER BY id", (18,), binary=True)
            check(cur.fetchall() == [(18, 4.5, True, datetime.datetime(2024, 1, 1, 12, 0, 18)),
                                     (19, 4.75, False, datetime.datetime(2024, 1, 1, 12, 0, 19))], "binary rows")
            # server-side prepared statement reused
            for i in range(6):
                cur.execute("SELECT label FROM p3 WHERE id = %s", (i,), prepare=True)
                check(cur.fetchone() == (f"row{i}",), "prepared")
            cur.execute("SELECT sum(id), avg(score) FROM p3")
            total, avg = cur.fetchone()
            check(total == 190 and abs(avg - 2.375) < 1e-9, (total, avg))
            try:
                cur.execute("SELECT 1 / %s", (0,))
                check(False, "no error")
            except psycopg.errors.DivisionByZero:
                pass
        # transactions
        conn.autocommit = False
        conn.execute("INSERT INTO p3 (id) VALUES (100)")
        conn.rollback()
        check(conn.execute("SELECT count(*) FROM p3 WHERE id = 100").fetchone()[0] == 0, "rollback")
        conn.commit()
        # pipeline: an error skips the rest up to the sync point
        conn.autocommit = True
        with conn.pipeline():
            c1 = conn.execute("SELECT 1")
            c2 = conn.execute("SELECT 2 + %s", (3,))
        check(c1.fetchone() == (1,) and c2.fetchone() == (5,), "pipeline")


def test_malformed_input():
    """Bad protocol bytes close only that connection, with 08P01, and never affect others."""
    import socket
    import struct

    def startup(sock):
        params = b"user\0kanto\0database\0kanto\0\0"
        sock.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
        data = b""
        while not data.endswith(b"Z\0\0\0\5I"):
            chunk = sock.recv(4096)
            if not chunk:
                raise AssertionError("closed during startup")
            data += chunk

    def read_all(sock):
        data = b""
        sock.settimeout(5)
        while True:
            try:
                chunk = sock.recv(4096)
            except ConnectionResetError:
                return data
            if not chunk:
                return data
            data += chunk

    # absurd startup length
    s = socket.create_connection(("127.0.0.1", PORT))
    s.sendall(struct.pack("!i", 2**30) + b"junk")
    check(b"08P01" in read_all(s), "bad startup length")
    # unknown message type after startup
    s = socket.create_connection(("127.0.0.1", PORT))
    startup(s)
    s.sendall(b"?" + struct.pack("!i", 4))
    check(b"08P01" in read_all(s), "unknown message type")
    # truncated Bind body
    s = socket.create_connection(("127.0.0.1", PORT))
    startup(s)
    s.sendall(b"B" + struct.pack("!i", 6) + b"\0\0" + b"S" + struct.pack("!i", 4))
    data = s.recv(4096)
    check(data.startswith(b"E"), "truncated bind gets an error")
    s.close()
    # the server still serves others
    with psycopg.connect(DSN, autocommit=True) as conn:
        check(conn.execute("SELECT 42").fetchone() == (42,), "server alive")


def test_copy():
    """COPY FROM STDIN / TO STDOUT through both drivers (text and CSV)."""
    import io
    conn = psycopg2.connect(DSN)
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS cp")
    cur.execute("CREATE TABLE cp (id int PRIMARY KEY, name text, price numeric(8,2))")
    cur.copy_expert("COPY cp FROM STDIN", io.StringIO("1\tpen\t1.50\n2\ttab\\there\t\\N\n"))
    cur.copy_expert("COPY cp FROM STDIN WITH (FORMAT csv)", io.StringIO('3,"a, b",2\n'))
    conn.commit()
    out = io.StringIO()
    cur.copy_expert("COPY cp TO STDOUT WITH (FORMAT csv)", out)
    check(out.getvalue() == '1,pen,1.50\n2,tab\there,\n3,"a, b",2.00\n', repr(out.getvalue()))
    # a bad row fails the whole COPY and the session goes on
    try:
        cur.copy_expert("COPY cp FROM STDIN", io.StringIO("4\tok\t1\n5\tbad\tnot-a-number\n"))
        check(False, "bad COPY accepted")
    except psycopg2.Error as e:
        check(e.pgcode == "22P02", e.pgcode)
    conn.rollback()
    cur.execute("SELECT count(*) FROM cp")
    check(cur.fetchone()[0] == 3, "COPY is atomic")
    conn.close()
    with psycopg.connect(DSN, autocommit=True) as conn3:
        with conn3.cursor().copy("COPY cp (id, name) FROM STDIN") as copy:
            for i in range(10, 1010):
                copy.write_row((i, f"row {i}"))
        check(conn3.execute("SELECT count(*) FROM cp").fetchone() == (1003,), "psycopg 3 copy")
        with conn3.cursor().copy("COPY (SELECT id, name FROM cp WHERE id < 3 ORDER BY id) TO STDOUT") as copy:
            rows = [r for r in copy.rows()]
        check(rows == [("1", "pen"), ("2", "tab\there")], rows)


def test_arrays():
    """Arrays both ways: Python lists as parameters, int[]/text[] columns back as lists, and
    parameter types declared in Parse (psycopg 3 sends int2/int8/text OIDs)."""
    conn = psycopg2.connect(DSN)
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS arr")
    cur.execute("CREATE TABLE arr (id int PRIMARY KEY, tags text[], nums int[])")
    cur.execute("INSERT INTO arr VALUES (%s, %s, %s)", (1, ["a b", None, 'q"t'], [1, 2]))
    conn.commit()
    cur.execute("SELECT tags, nums, %s = ANY(nums) FROM arr", (2,))
    check(cur.fetchone() == (["a b", None, 'q"t'], [1, 2], True), "psycopg2 arrays")
    conn.close()
    with psycopg.connect(DSN, autocommit=True) as conn3:
        row = conn3.execute("SELECT nums || %s, array_agg(id) OVER (), %s::int[] FROM arr WHERE id = %s",
                            (3, [7, 8], 1), prepare=True).fetchone()
        check(row == ([1, 2, 3], [1], [7, 8]), row)
        # a declared int8 parameter keeps its type ($1 alone is int8, not text)
        check(conn3.execute("SELECT %s", (2**40,), prepare=True).fetchone() == (2**40,), "declared type")


def test_server_cursors():
    """Server-side cursors: psycopg2 named cursors (DECLARE/FETCH over the simple protocol) and
    psycopg 3 server cursors (DECLARE, Describe of the cursor as a portal, FETCH, pg_cursors)."""
    conn = psycopg2.connect(DSN)
    cur = conn.cursor(name="big")
    cur.itersize = 3
    cur.execute("SELECT g, g * 2 FROM generate_series(1, 10) g")
    rows = list(cur)
    check(len(rows) == 10 and rows[9] == (10, 20), rows)
    conn.close()
    with psycopg.connect(DSN) as conn3:
        with conn3.cursor(name="srv") as cur3:
            cur3.execute("SELECT g FROM generate_series(1, %s) g", (7,))
            check(cur3.fetchmany(3) == [(1,), (2,), (3,)], "fetchmany")
            check(cur3.fetchall() == [(4,), (5,), (6,), (7,)], "fetchall")
        check(conn3.execute("SELECT setting FROM pg_settings WHERE name = 'timezone'").fetchone() == ("UTC",), "pg_settings")


def test_cancel():
    """CancelRequest (with the BackendKeyData secret) stops a running query with 57014; the
    session goes on."""
    import threading
    import time
    with psycopg.connect(DSN, autocommit=True) as conn3:
        timer = threading.Timer(0.3, conn3.cancel)
        timer.start()
        start = time.monotonic()
        try:
            conn3.execute("SELECT count(*) FROM generate_series(1, 2000000000) g")
            check(False, "query was not cancelled")
        except psycopg.errors.QueryCanceled as e:
            check(e.sqlstate == "57014", e.sqlstate)
        check(time.monotonic() - start < 10, "cancel took too long")
        check(conn3.execute("SELECT 1").fetchone() == (1,), "session after cancel")


test_psycopg2()
test_psycopg3()
test_arrays()
test_server_cursors()
test_cancel()
test_copy()
test_malformed_input()
print("clients ok")
