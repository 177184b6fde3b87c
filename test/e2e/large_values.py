"""A 100 MB text value through `kanto serve`: inserted as a literal in a simple Query and as a
parameter of the extended protocol (psycopg 3), read back in text and binary format. The server's
peak RSS (VmHWM, reset through /proc/PID/clear_refs before each step) must stay under 600 MB per
step, as PostgreSQL's (473 MB) does. Usage: large_values.py PORT PID PASSWORD"""
import sys
import time

import psycopg

port, pid, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
LIMIT_MB = 600
SIZE = 100 << 20


def status_mb(field):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    raise SystemExit(f"no {field} for server pid {pid}")


def step(what, fn):
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")  # VmHWM := VmRSS
    before = status_mb("VmRSS")
    start = time.monotonic()
    fn()
    peak = status_mb("VmHWM")
    print(f"{what}: server RSS {before} MB before, peak {peak} MB, {time.monotonic() - start:.1f} s")
    assert peak < LIMIT_MB, f"{what}: server peak RSS {peak} MB (limit {LIMIT_MB} MB)"


conn = psycopg.connect(host="127.0.0.1", port=port, user="kanto", password=password, dbname="kanto",
                       sslmode="disable", autocommit=True)
conn.execute("CREATE TABLE big (id int PRIMARY KEY, t text)")
value = ("0123456789abcdef" * (SIZE // 16))
middle = value[SIZE // 2:SIZE // 2 + 40]
literal = ("INSERT INTO big VALUES (1, '" + value + "')").encode()


def simple_insert():
    r = conn.pgconn.exec_(literal)
    assert r.status == psycopg.pq.ExecStatus.COMMAND_OK, r.error_message


def check(id_):
    got = conn.execute("SELECT length(t), substr(t, %s, 40) FROM big WHERE id = %s", (SIZE // 2 + 1, id_)).fetchone()
    assert got == (SIZE, middle), got


step("INSERT of a 100 MB literal (simple query)", simple_insert)
del literal
check(1)
step("INSERT of a 100 MB parameter (extended query)",
     lambda: conn.execute("INSERT INTO big VALUES (2, %s)", (value,)))
check(2)


def select_text():
    r = conn.pgconn.exec_(b"SELECT t FROM big WHERE id = 1")
    assert r.status == psycopg.pq.ExecStatus.TUPLES_OK, r.error_message
    assert r.get_value(0, 0) == value.encode()


def select_binary():
    row = conn.execute("SELECT t FROM big WHERE id = 2", binary=True).fetchone()
    assert row[0] == value


step("SELECT of the 100 MB value (text)", select_text)
step("SELECT of the 100 MB value (binary, extended query)", select_binary)
print("large values ok")
