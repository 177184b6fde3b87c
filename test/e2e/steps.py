"""Shared by notify.py and prepared.py: autocommit psycopg2 connections, named checks, the verdict."""
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


def arguments(extra=None):
    """--host, --port, --user, --dbname (and what `extra` adds to the parser)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--user", default="kanto")
    ap.add_argument("--dbname", default="kanto")
    if extra:
        extra(ap)
    return ap.parse_args()


def finish():
    if failures:
        print("%d failed: %s" % (len(failures), ", ".join(failures)))
        sys.exit(1)
    print("all passed")
