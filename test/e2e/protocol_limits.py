"""Malformed and oversized protocol messages against `kanto serve` (started by protocol_limits.sh with
--auth scram-sha-256 and --authentication-timeout 1s), from raw sockets: each gets PostgreSQL's answer
(SQLSTATE, or a closed connection), the server's memory stays small, and another session goes on
working. Usage: protocol_limits.py PORT PID PASSWORD"""
import os
import socket
import struct
import sys
import time

import psycopg

port, pid, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
PROTOCOL_3 = 196608


def status_kb(field):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise SystemExit(f"no {field} for server pid {pid}")


def connect():
    return psycopg.connect(host="127.0.0.1", port=port, user="kanto", password=password, dbname="kanto",
                           sslmode="disable", autocommit=True)


def raw():
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(5)
    return s


def read_until_close(s):
    """Everything the server sends until it closes the connection (fails if it keeps it open)."""
    out = b""
    while True:
        try:
            data = s.recv(65536)
        except ConnectionResetError:
            return out
        except socket.timeout:
            raise SystemExit(f"server kept the connection open; got {out!r}")
        if not data:
            return out
        out += data


def error_fields(data):
    """The fields of the first ErrorResponse in `data`, as {code: text}."""
    pos = 0
    while pos + 5 <= len(data):
        kind, length = data[pos:pos + 1], struct.unpack("!i", data[pos + 1:pos + 5])[0]
        if kind == b"E":
            fields = {}
            for part in data[pos + 5:pos + 1 + length].split(b"\0"):
                if part:
                    fields[chr(part[0])] = part[1:].decode()
            return fields
        pos += 1 + length
    raise SystemExit(f"no ErrorResponse in {data!r}")


def expect_error(data, severity, sqlstate, message, what):
    f = error_fields(data)
    got = (f.get("S"), f.get("C"), f.get("M"))
    if got != (severity, sqlstate, message):
        raise SystemExit(f"{what}: expected {(severity, sqlstate, message)}, got {got}")
    print(f"{what}: {severity} {sqlstate} {message}")


def startup_packet(user="kanto"):
    body = struct.pack("!i", PROTOCOL_3) + b"user\0" + user.encode() + b"\0database\0kanto\0\0"
    return struct.pack("!i", len(body) + 4) + body


def until_sasl(s):
    s.sendall(startup_packet())
    data = b""
    while len(data) < 9 or struct.unpack("!i", data[5:9])[0] != 10:
        chunk = s.recv(65536)
        if not chunk:
            raise SystemExit(f"no AuthenticationSASL: {data!r}")
        data += chunk


def logged_in_socket():
    """A raw socket on a session that psycopg has logged in (SCRAM) and left idle."""
    conn = connect()
    s = socket.socket(fileno=os.dup(conn.pgconn.socket))
    s.settimeout(5)
    return conn, s


other = connect()  # must outlive every test below, the authentication timeout included


def other_still_works(what):
    assert other.execute("SELECT 40 + 2").fetchone() == (42,), what


rss_start = status_kb("VmRSS")

# --- before authentication -------------------------------------------------------------------------
# The startup packet: at most 10,000 bytes after its length word (PostgreSQL logs "invalid length of
# startup packet" and closes; Kanto also tells the client, FATAL 08P01).
for length in (10005, 0x40000000, 7, 3, -1):
    s = raw()
    s.sendall(struct.pack("!i", length) + struct.pack("!i", PROTOCOL_3) + b"user\0kanto\0")
    expect_error(read_until_close(s), "FATAL", "08P01", "invalid length of startup packet", f"startup length {length}")
other_still_works("after bad startup packets")

# A SASL message longer than PostgreSQL's 1,024 bytes (or shorter than its length word) fails the
# authentication at once, before any of it is read: 28P01, as PostgreSQL answers.
for length in (0x40000000, 1025, 3):
    s = raw()
    until_sasl(s)
    s.sendall(b"p" + struct.pack("!i", length) + b"SCRAM-SHA-256\0")
    expect_error(read_until_close(s), "FATAL", "28P01", 'password authentication failed for user "kanto"',
                 f"SASL length {length}")
other_still_works("after bad SASL messages")

# --- after authentication --------------------------------------------------------------------------
# Over 1 GB (PQ_LARGE_MESSAGE_LIMIT), under 4, or a small message over 10,000 bytes: 08P01, closed.
for kind, length in ((b"Q", 0x40000000), (b"Q", 3), (b"Q", -5), (b"P", 0x7fffffff), (b"D", 10001), (b"S", 20000)):
    conn, s = logged_in_socket()
    s.sendall(kind + struct.pack("!i", length) + b"SELECT")
    expect_error(read_until_close(s), "FATAL", "08P01", "invalid message length", f"{kind.decode()} length {length}")
    s.close()
    conn.close()
conn, s = logged_in_socket()
s.sendall(b"Z" + struct.pack("!i", 100))
expect_error(read_until_close(s), "FATAL", "08P01", "invalid frontend message type 90", "message type Z")
s.close()
conn.close()
other_still_works("after bad messages")

# A Query that claims 900 MB and sends 10 bytes costs the server what arrived, not what was claimed.
before = status_kb("VmRSS")
held = []
for _ in range(5):
    conn, s = logged_in_socket()
    s.sendall(b"Q" + struct.pack("!i", 900 << 20) + b"SELECT 1; ")
    held.append((conn, s))
time.sleep(0.3)
other_still_works("while 900 MB queries are pending")
grown = status_kb("VmRSS") - before
print(f"5 sessions claiming 900 MB each, 10 bytes sent: server RSS +{grown} kB")
assert grown < 10 * 1024, f"server RSS grew {grown} kB"
for conn, s in held:
    s.close()
    conn.close()

# --- authentication_timeout (1 s here) --------------------------------------------------------------
# Silent clients are dropped without a word, as PostgreSQL does: one that sends nothing, one that
# stops after the startup packet (mid-SCRAM), one that sends half a startup packet.
start = time.monotonic()
silent = [raw(), raw(), raw()]
until_sasl(silent[1])
silent[2].sendall(startup_packet()[:6])
for i, s in enumerate(silent):
    data = read_until_close(s)
    assert data == b"", (i, data)
waited = time.monotonic() - start
print(f"authentication_timeout 1s: 3 silent clients dropped after {waited:.1f} s")
assert 0.9 < waited < 4, waited
# a session that logged in long before keeps working past the timeout
time.sleep(0.2)
other_still_works("after the authentication timeout")

print(f"server RSS {rss_start // 1024} MB at start, {status_kb('VmRSS') // 1024} MB at the end")
assert status_kb("VmHWM") < 200 * 1024, f"server peak RSS {status_kb('VmHWM')} kB"
print("protocol limits ok")
