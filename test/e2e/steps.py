"""Shared by the Python e2e scripts: the server options every one takes (parser), for notify.py
and prepared.py autocommit psycopg2 connections, named checks and the verdict, and for the driver
comparisons (uuid_clients.py, time_clients.py) the same steps run on Kanto and PostgreSQL."""
import argparse
import sys

import psycopg2
import psycopg2.extensions

failures = []


def check(name, got, want):
    if got != want:
        failures.append(name)
        print("FAIL %s: got %r, want %r" % (name, got, want))
    else:
        print("ok   %s" % name)


def connect(args):
    c = psycopg2.connect(host=args.host, port=args.port, user=args.user, dbname=args.dbname)
    c.set_isolation_level(psycopg2.extensions.ISOLATION_LEVEL_AUTOCOMMIT)
    return c


def parser():
    """An argument parser with the server to test: --host, --port, --user, --dbname, and --target
    (kanto or postgresql: which server's expectations apply where the two are known to differ)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", choices=["kanto", "postgresql"], default="kanto")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--user", default="kanto")
    ap.add_argument("--dbname", default="kanto")
    return ap


def arguments(extra=None):
    """parser()'s arguments (and what `extra` adds to the parser)."""
    ap = parser()
    if extra:
        extra(ap)
    return ap.parse_args()


def finish():
    if failures:
        print("%d failed: %s" % (len(failures), ", ".join(failures)))
        sys.exit(1)
    print("all passed")


def same_as_postgresql(tag, drivers, kanto_dsn, postgresql_dsn):
    """Runs each (name, fn) of `drivers` against both servers (fn(dsn) returns the answers) and exits
    with both answers at the first driver whose answers differ."""
    for name, fn in drivers:
        got, want = fn(kanto_dsn), fn(postgresql_dsn)
        if got != want:
            sys.exit(f"{tag}: {name}: Kanto gave\n  {got!r}\nPostgreSQL 15 gave\n  {want!r}")
        print(f"{tag}: {name} agrees with PostgreSQL ({len(got)} steps)")
