"""Real PostgreSQL drivers against `kanto serve`: psycopg2 (simple protocol, client-side
parameters) and psycopg 3 (extended protocol: Parse/Bind/Describe/Execute, text and binary
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


test_psycopg2()
test_psycopg3()
print("clients ok")
