#!/usr/bin/python3
"""Bank transfers under load: the total never changes and every committed transfer is accounted for.

usage: bank_transfer.py --port N [--host H] [--user U] [--dbname D] [--seconds S] [--clients C]
                        [--level "repeatable read"] ...

ACCOUNTS accounts start with 1,000 each. C clients run random transfers (read the source balance,
skip if too low, debit it, credit the destination, commit) at each isolation level for S seconds,
retrying on 40001 and 40P01; a reader sums the balances in its own transactions all the while. Fails
if the reader ever sees a total other than the starting one or a negative balance, if the final
balances differ from the initial ones plus the committed transfers, or on any other error.
Prints, per level: committed transfers per second, retries by SQLSTATE, reads.
"""
import random
import sys
import threading
import time

import psycopg2
from steps import parser as server_parser

ACCOUNTS = 10
START = 1000
RETRY = {"40001", "40P01"}


def connect(args):
    c = psycopg2.connect(host=args.host, port=args.port, user=args.user, dbname=args.dbname)
    c.autocommit = True
    return c


def run_level(args, level):
    admin = connect(args)
    cur = admin.cursor()
    cur.execute("DROP TABLE IF EXISTS bank")
    cur.execute("CREATE TABLE bank (id int PRIMARY KEY, balance int NOT NULL)")
    cur.execute("INSERT INTO bank SELECT g, %d FROM generate_series(1, %d) g" % (START, ACCOUNTS))
    total = START * ACCOUNTS
    deadline = time.time() + args.seconds
    lock = threading.Lock()
    stats = {"commits": 0, "skipped": 0, "reads": 0, "retries": {}}
    transfers = []  # committed (from, to, amount)
    errors = []

    def attempt(conn, fn):
        """Runs fn(cursor) in a transaction at `level`, retrying on serialization failure and deadlock."""
        cur = conn.cursor()
        while time.time() < deadline and not errors:
            started = time.time()
            try:
                cur.execute("BEGIN ISOLATION LEVEL " + level)
                result = fn(cur)
                cur.execute("COMMIT")
                return result
            except psycopg2.Error as e:
                failed_after = time.time() - started
                try:
                    cur.execute("ROLLBACK")
                except psycopg2.Error:
                    pass
                if e.pgcode not in RETRY:
                    errors.append("%s: %s %s (%.1f s into the transaction: %s)" %
                                  (level, e.pgcode, (e.pgerror or "").strip(), failed_after, cur.query))
                    return None
                with lock:
                    stats["retries"][e.pgcode] = stats["retries"].get(e.pgcode, 0) + 1
        return None

    def client(seed):
        rnd = random.Random(seed)
        conn = connect(args)
        while time.time() < deadline and not errors:
            a, b = rnd.sample(range(1, ACCOUNTS + 1), 2)
            amount = rnd.randint(1, 100)

            def transfer(cur):
                cur.execute("SELECT balance FROM bank WHERE id = %s", (a,))
                if cur.fetchone()[0] < amount:
                    return False
                cur.execute("UPDATE bank SET balance = balance - %s WHERE id = %s", (amount, a))
                cur.execute("UPDATE bank SET balance = balance + %s WHERE id = %s", (amount, b))
                return True

            done = attempt(conn, transfer)
            with lock:
                if done:
                    stats["commits"] += 1
                    transfers.append((a, b, amount))
                elif done is False:
                    stats["skipped"] += 1
        conn.close()

    def reader():
        conn = connect(args)
        while time.time() < deadline and not errors:
            def read(cur):
                cur.execute("SELECT sum(balance), min(balance), count(*) FROM bank")
                return cur.fetchone()

            got = attempt(conn, read)
            if got is None:
                continue
            if got[0] != total or got[1] < 0 or got[2] != ACCOUNTS:
                errors.append("%s: reader saw sum %s, min %s, %s accounts" % (level, got[0], got[1], got[2]))
            with lock:
                stats["reads"] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    threads.append(threading.Thread(target=reader))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit("FAIL " + errors[0])
    expected = {i: START for i in range(1, ACCOUNTS + 1)}
    for a, b, amount in transfers:
        expected[a] -= amount
        expected[b] += amount
    cur.execute("SELECT id, balance FROM bank ORDER BY id")
    final = dict(cur.fetchall())
    admin.close()
    if final != expected:
        raise SystemExit("FAIL %s: final balances %r, committed transfers give %r" % (level, final, expected))
    retries = ", ".join("%s %d" % kv for kv in sorted(stats["retries"].items())) or "none"
    print("%-16s %6.0f transfers/s (%d committed, %d skipped), retries: %s; %d consistent reads" %
          (level, stats["commits"] / args.seconds, stats["commits"], stats["skipped"], retries, stats["reads"]))


def main():
    p = server_parser()
    p.add_argument("--seconds", type=float, default=2.0)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--level", action="append", default=[])
    args = p.parse_args()
    for level in args.level or ["REPEATABLE READ", "SERIALIZABLE"]:
        run_level(args, level.upper())
    return 0


if __name__ == "__main__":
    sys.exit(main())
