"""Shared by the Python e2e scripts: the server options every one takes (parser), and for notify.py
and prepared.py autocommit psycopg2 connections, named checks and the verdict."""
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
