#!/usr/bin/python3
"""LISTEN / NOTIFY between real connections, with psycopg2 (conn.poll / conn.notifies) and psycopg 3
(conn.notifies() generator), stepping in a fixed order.

usage: notify.py --port N [--host H] [--user U] [--dbname D]

Every expectation holds on PostgreSQL 15 too (test/e2e/notify.sh --postgresql HOST PORT USER DB):
notifications arrive at commit, in commit order, with payload and the sender's backend pid (the
BackendKeyData pid), never from a rolled-back transaction or savepoint; duplicates within one
transaction are folded; a listener gets its own; a listener inside a transaction block gets them
only after its block ends; an idle listener gets them without sending anything.
"""
import select
import signal
import time

import psycopg
import psycopg2
import psycopg2.extensions

from steps import arguments, check, connect, finish

def run(c, sql):
    with c.cursor() as cur:
        cur.execute(sql)
        return cur.fetchall() if cur.description else None


def wait_notifies(c, n, timeout=3.0):
    """psycopg2: the first n notifications received (fewer after the timeout), from the socket alone."""
    deadline = time.time() + timeout
    while len(c.notifies) < n and time.time() < deadline:
        if select.select([c], [], [], max(0.0, deadline - time.time())) != ([], [], []):
            c.poll()
    got = [(x.channel, x.payload, x.pid) for x in c.notifies[:n]]
    del c.notifies[:n]
    return got


def quiet(c, pause=0.3):
    """psycopg2: nothing arrives within `pause`."""
    return wait_notifies(c, 1, pause)


def psycopg2_scenarios(args):
    lis, s1, s2 = connect(args), connect(args), connect(args)
    p1, p2, pl = s1.get_backend_pid(), s2.get_backend_pid(), lis.get_backend_pid()
    check("backend pids differ", len({p1, p2, pl}), 3)
    check("the sender pid is pg_backend_pid()", run(s1, "SELECT pg_backend_pid()"), [(p1,)])
    run(lis, "LISTEN ch")
    run(lis, 'LISTEN "Mixed"')

    run(s1, "NOTIFY ch, 'hello'")
    check("idle listener gets a notification with payload and sender pid", wait_notifies(lis, 1), [("ch", "hello", p1)])

    run(s1, "NOTIFY ch")
    check("empty payload", wait_notifies(lis, 1), [("ch", "", p1)])

    run(s2, "SELECT pg_notify('Mixed', 'by function')")
    check("pg_notify, a quoted channel keeps its case", wait_notifies(lis, 1), [("Mixed", "by function", p2)])
    run(s2, "NOTIFY mixed, 'folded name'")
    check("NOTIFY mixed does not reach \"Mixed\"", quiet(lis), [])

    # Delivered at commit, in commit order.
    run(s1, "BEGIN")
    run(s1, "NOTIFY ch, 'a1'")
    run(s2, "BEGIN")
    run(s2, "NOTIFY ch, 'b1'")
    check("nothing before commit", quiet(lis), [])
    run(s2, "COMMIT")
    run(s1, "NOTIFY ch, 'a2'")
    check("second transaction's notification at its commit", wait_notifies(lis, 1), [("ch", "b1", p2)])
    run(s1, "COMMIT")
    check("first transaction's, in order, at its commit", wait_notifies(lis, 2), [("ch", "a1", p1), ("ch", "a2", p1)])

    # Rolled back: never delivered.
    run(s1, "BEGIN")
    run(s1, "NOTIFY ch, 'rolled back'")
    run(s1, "ROLLBACK")
    run(s1, "BEGIN")
    run(s1, "NOTIFY ch, 'kept'")
    run(s1, "SAVEPOINT sp")
    run(s1, "NOTIFY ch, 'in rolled-back savepoint'")
    run(s1, "ROLLBACK TO SAVEPOINT sp")
    run(s1, "COMMIT")
    try:
        run(s2, "BEGIN")
        run(s2, "NOTIFY ch, 'failed block'")
        run(s2, "SELECT 1 / 0")
    except psycopg2.Error as e:
        check("failing statement", e.pgcode, "22012")
    run(s2, "COMMIT")
    check("only the kept one", wait_notifies(lis, 2, 0.5), [("ch", "kept", p1)])

    # Duplicates folded within a transaction, not across transactions.
    run(s1, "BEGIN")
    for payload in ["d", "d", "e", "d", "e", "f"]:
        run(s1, "NOTIFY ch, '%s'" % payload)
    run(s1, "COMMIT")
    check("duplicates folded, first order kept", wait_notifies(lis, 4, 0.5), [("ch", "d", p1), ("ch", "e", p1), ("ch", "f", p1)])
    run(s1, "NOTIFY ch, 'd'")
    run(s1, "NOTIFY ch, 'd'")
    check("not folded across transactions", wait_notifies(lis, 2), [("ch", "d", p1), ("ch", "d", p1)])

    # A listener's own notifications; LISTEN and NOTIFY in one transaction.
    run(lis, "NOTIFY ch, 'self'")
    check("own notification, with the query", wait_notifies(lis, 1, 0.5), [("ch", "self", pl)])
    run(s2, "BEGIN")
    run(s2, "LISTEN own")
    run(s2, "NOTIFY own, 'same transaction'")
    run(s2, "COMMIT")
    check("LISTEN then NOTIFY in one transaction", wait_notifies(s2, 1), [("own", "same transaction", p2)])

    # A listener inside a transaction block gets them after the block ends.
    run(lis, "BEGIN")
    run(lis, "SELECT 1")
    run(s1, "NOTIFY ch, 'while busy'")
    check("nothing inside the listener's block", quiet(lis), [])
    run(lis, "SELECT 2")
    check("nothing after another statement in the block", quiet(lis), [])
    run(lis, "COMMIT")
    check("delivered after the block", wait_notifies(lis, 1), [("ch", "while busy", p1)])

    # UNLISTEN.
    run(lis, "UNLISTEN ch")
    run(s1, "NOTIFY ch, 'nobody'")
    check("after UNLISTEN", quiet(lis), [])
    run(lis, "UNLISTEN *")
    run(s1, "NOTIFY \"Mixed\", 'nobody'")
    check("after UNLISTEN *", quiet(lis), [])

    # Another session's listening does not depend on this one's.
    run(lis, "LISTEN ch")
    run(s2, "LISTEN ch")
    run(s1, "NOTIFY ch, 'both'")
    check("first listener", wait_notifies(lis, 1), [("ch", "both", p1)])
    check("second listener", wait_notifies(s2, 1), [("ch", "both", p1)])
    for c in (lis, s1, s2):
        c.close()


class Timeout(Exception):
    pass


def psycopg3_scenarios(args):
    conninfo = "host=%s port=%d user=%s dbname=%s" % (args.host, args.port, args.user, args.dbname)
    lis = psycopg.connect(conninfo, autocommit=True)
    snd = psycopg.connect(conninfo, autocommit=True)
    lis.execute("LISTEN jobs")
    sender = snd.info.backend_pid

    def alarm(*_):
        raise Timeout()

    signal.signal(signal.SIGALRM, alarm)
    snd.execute("BEGIN")
    snd.execute("NOTIFY jobs, 'one'")
    snd.execute("SELECT pg_notify('jobs', 'two')")
    snd.execute("COMMIT")
    snd.execute("NOTIFY jobs, 'three'")
    got = []
    signal.alarm(5)
    try:
        for n in lis.notifies():
            got.append((n.channel, n.payload, n.pid))
            if len(got) == 3:
                break
    except Timeout:
        pass
    signal.alarm(0)
    check("psycopg 3 notifies() generator", got,
          [("jobs", "one", sender), ("jobs", "two", sender), ("jobs", "three", sender)])
    lis.close()
    snd.close()


def main():
    args = arguments()
    psycopg2_scenarios(args)
    psycopg3_scenarios(args)
    finish()


if __name__ == "__main__":
    main()
