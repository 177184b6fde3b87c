#!/usr/bin/python3
"""Times the TPC-H queries on PostgreSQL and Kanto (psycopg, text results) and checks that both
give the same answer (numbers compared to 1e-6 relative, order kept where the query orders).

usage: compare.py PG_PORT KANTO_PORT ROUNDS TIMEOUT DUCKDB_JSON
Prints one table row per query: median seconds per system, Kanto/PostgreSQL, Kanto/DuckDB, answer.
"""
import json
import os
import statistics
import sys
import threading
import time

import psycopg

pg_port, kanto_port, rounds, timeout = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
duck = {}
for line in open(sys.argv[5]):
    d = json.loads(line)
    if "query" in d:
        duck[d["query"]] = statistics.median(d["seconds"])
here = os.path.dirname(os.path.abspath(__file__))
queries = sorted(f for f in os.listdir(os.path.join(here, "queries")) if f.endswith(".sql"))


def connect(port):
    return psycopg.connect(host="127.0.0.1", port=port, user="kanto", dbname="kanto", autocommit=True)


def run(conn, sql):
    """(seconds, rows) or (None, error text); cancelled after `timeout` seconds."""
    timer = threading.Timer(timeout, conn.cancel)
    timer.start()
    start = time.perf_counter()
    try:
        rows = conn.execute(sql).fetchall()
        return time.perf_counter() - start, rows
    except psycopg.Error as e:
        return None, ("timeout" if isinstance(e, psycopg.errors.QueryCanceled) else f"error {e.sqlstate}: {e}".splitlines()[0])
    finally:
        timer.cancel()


def same(a, b):
    if len(a) != len(b):
        return False
    for ra, rb in zip(a, b):
        for x, y in zip(ra, rb):
            if isinstance(x, str):
                x = x.rstrip()
            if isinstance(y, str):
                y = y.rstrip()
            if x == y:
                continue
            try:
                fx, fy = float(x), float(y)
            except (TypeError, ValueError):
                return False
            if abs(fx - fy) > 1e-6 * max(1.0, abs(fx), abs(fy)):
                return False
    return True


pg, kanto = connect(pg_port), connect(kanto_port)
print(f"{'query':5} | {'PostgreSQL':>10} | {'Kanto':>10} | {'DuckDB':>10} | {'Kanto/PG':>8} | {'Kanto/Duck':>10} | answer")
totals = {"pg": 0.0, "kanto": 0.0, "duck": 0.0}
for f in queries:
    name = f[:-4]
    sql = open(os.path.join(here, "queries", f)).read()
    times = {"pg": [], "kanto": []}
    answers = {}
    failed = {}
    for _ in range(rounds):
        for key, conn in (("pg", pg), ("kanto", kanto)):
            if key in failed:
                continue  # timed out or failed once: not run again
            t, rows = run(conn, sql)
            if t is None:
                failed[key] = rows
                continue
            times[key].append(t)
            answers[key] = rows
    med = {k: statistics.median(v) if v else None for k, v in times.items()}
    if "kanto" in failed:
        verdict = failed["kanto"]
    elif "pg" in failed:
        verdict = "PostgreSQL: " + failed["pg"]
    else:
        verdict = "same" if same(answers["pg"], answers["kanto"]) else f"DIFFERENT ({len(answers['kanto'])} vs {len(answers['pg'])} rows)"
    d = duck.get(name)
    for k, v in (("pg", med["pg"]), ("kanto", med["kanto"]), ("duck", d)):
        totals[k] += v or 0
    fmt = lambda v: f"{v:10.3f}" if v is not None else f"{'-':>10}"
    ratio = lambda a, b: f"{a / b:8.2f}" if a and b else f"{'-':>8}"
    print(f"{name:5} | {fmt(med['pg'])} | {fmt(med['kanto'])} | {fmt(d)} | {ratio(med['kanto'], med['pg'])} | "
          f"{ratio(med['kanto'], d):>10} | {verdict}", flush=True)
print(f"{'total':5} | {totals['pg']:10.3f} | {totals['kanto']:10.3f} | {totals['duck']:10.3f} | "
      f"{totals['kanto'] / totals['pg']:8.2f} | {totals['kanto'] / max(totals['duck'], 1e-9):10.2f} |")
