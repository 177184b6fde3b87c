#!/usr/bin/python3
"""PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED between real connections.

usage: prepared.py --port N [--host H] [--user U] [--dbname D] --phase main|before-crash|after-crash

The server must run with max_prepared_transactions = 10 (PostgreSQL's reference instance has it);
every expectation holds on PostgreSQL 15 (test/e2e/prepared.sh --postgresql HOST PORT USER DB).
`main`: errors (42710, 42704, 25001, 22023, 53200, 0A000), row locks held by a prepared transaction
(another session's UPDATE waits, and after COMMIT PREPARED applies its SET to the committed row),
pg_prepared_xacts. `before-crash` leaves prepared transactions behind; after the server was killed
(kill -9) or stopped and restarted, `after-crash` finds them, with their row locks (another
session's UPDATE waits for them), and finishes them.
"""
import threading
import time

import psycopg2
import psycopg2.extensions

from steps import arguments, check, connect, finish

def run(c, sql):
    """Rows (or the status message) of one statement, or the SQLSTATE it fails with."""
    try:
        with c.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall() if cur.description else cur.statusmessage
    except psycopg2.Error as e:
        return e.pgcode


class Waiting:
    """A statement on its own thread, which must still be waiting (for a lock) after 0.3 s (the
    check `name`); result() gives what it answered once it went on."""

    def __init__(self, c, sql, name):
        self.out = {}
        self.thread = threading.Thread(target=lambda: self.out.update(r=run(c, sql)))
        self.thread.start()
        time.sleep(0.3)
        check(name, self.thread.is_alive(), True)

    def result(self):
        self.thread.join(5)
        return self.out.get("r")


def error_text(c, sql):
    """The message and detail `sql` fails with."""
    try:
        with c.cursor() as cur:
            cur.execute(sql)
        return None
    except psycopg2.Error as e:
        return (e.diag.message_primary, e.diag.message_detail)


def prepared(c, prefix):
    return run(c, "SELECT gid FROM pg_prepared_xacts WHERE gid LIKE '%s%%' ORDER BY gid" % prefix)


def main_phase(args):
    a, b, c = connect(args), connect(args), connect(args)
    run(a, "DROP TABLE IF EXISTS px")
    run(a, "CREATE TABLE px (id int PRIMARY KEY, v int)")
    run(a, "INSERT INTO px VALUES (1, 10), (2, 20)")

    check("PREPARE outside a block", run(a, "PREPARE TRANSACTION 'px_none'"), "ROLLBACK")
    run(a, "BEGIN")
    run(a, "INSERT INTO px VALUES (3, 30)")
    run(a, "UPDATE px SET v = 11 WHERE id = 1")
    check("PREPARE TRANSACTION", run(a, "PREPARE TRANSACTION 'px_1'"), "PREPARE TRANSACTION")
    check("the session is out of the transaction", a.get_transaction_status(), psycopg2.extensions.TRANSACTION_STATUS_IDLE)
    check("prepared writes are not visible", run(b, "SELECT id, v FROM px ORDER BY id"), [(1, 10), (2, 20)])
    check("pg_prepared_xacts", run(b, "SELECT gid, owner = current_user, database = current_database(), "
                                      "prepared <= now() FROM pg_prepared_xacts WHERE gid = 'px_1'"),
          [("px_1", True, True, True)])

    run(a, "BEGIN")
    run(a, "INSERT INTO px VALUES (4, 40)")
    check("duplicate gid", run(a, "PREPARE TRANSACTION 'px_1'"), "42710")
    check("the failed PREPARE rolled back", run(a, "SELECT count(*) FROM px WHERE id = 4"), [(0,)])
    check("gid too long", run(a, "BEGIN") and run(a, "PREPARE TRANSACTION '%s'" % ("g" * 200)), "22023")
    check("gid of 199 bytes", run(a, "BEGIN") and run(a, "PREPARE TRANSACTION '%s'" % ("px_" + "g" * 196)),
          "PREPARE TRANSACTION")
    check("ROLLBACK PREPARED", run(a, "ROLLBACK PREPARED '%s'" % ("px_" + "g" * 196)), "ROLLBACK PREPARED")

    # Row locks stay held: an UPDATE of a row the prepared transaction updated waits for it.
    run(c, "SET lock_timeout = '300ms'")
    check("lock timeout on a prepared transaction's row", run(c, "UPDATE px SET v = v + 1 WHERE id = 1"), "55P03")
    check("lock timeout on its inserted key", run(c, "INSERT INTO px VALUES (3, 0)"), "55P03")
    run(c, "SET lock_timeout = 0")
    waiting = Waiting(c, "UPDATE px SET v = v + 1 WHERE id = 1", "UPDATE waits for the prepared transaction")
    check("COMMIT PREPARED inside a block", run(b, "BEGIN") and run(b, "COMMIT PREPARED 'px_1'"), "25001")
    check("the block failed", run(b, "SELECT 1"), "25P02")
    run(b, "ROLLBACK")
    check("unknown gid (COMMIT)", run(b, "COMMIT PREPARED 'px_unknown'"), "42704")
    check("unknown gid (ROLLBACK)", run(b, "ROLLBACK PREPARED 'px_unknown'"), "42704")
    check("COMMIT PREPARED from another session", run(b, "COMMIT PREPARED 'px_1'"), "COMMIT PREPARED")
    check("the waiting UPDATE applies to the committed row", waiting.result(), "UPDATE 1")
    check("committed rows", run(b, "SELECT id, v FROM px ORDER BY id"), [(1, 12), (2, 20), (3, 30)])
    check("finished twice", run(b, "COMMIT PREPARED 'px_1'"), "42704")

    # ROLLBACK PREPARED discards the writes and releases the locks.
    run(a, "BEGIN")
    run(a, "DELETE FROM px WHERE id = 2")
    run(a, "PREPARE TRANSACTION 'px_2'")
    check("ROLLBACK PREPARED", run(b, "ROLLBACK PREPARED 'px_2'"), "ROLLBACK PREPARED")
    check("row back, lock free", run(c, "UPDATE px SET v = 21 WHERE id = 2"), "UPDATE 1")

    # LISTEN / NOTIFY cannot be prepared; a failed block's PREPARE rolls back.
    run(a, "BEGIN")
    run(a, "NOTIFY px_channel")
    check("NOTIFY then PREPARE", run(a, "PREPARE TRANSACTION 'px_3'"), "0A000")
    check("not prepared", prepared(b, "px_3"), [])
    run(a, "BEGIN")
    run(a, "SELECT 1 / 0")
    check("PREPARE of a failed block", run(a, "PREPARE TRANSACTION 'px_4'"), "ROLLBACK")
    check("not prepared either", prepared(b, "px_4"), [])

    # Table locks and transaction-level advisory locks stay with the prepared transaction (pg_locks
    # shows them without a pid) until COMMIT PREPARED; session-level ones stay with the session.
    run(a, "BEGIN")
    run(a, "LOCK TABLE px IN SHARE MODE")
    run(a, "SELECT pg_advisory_xact_lock(71)")
    run(a, "SELECT pg_advisory_xact_lock_shared(7, 2)")
    check("PREPARE with table and advisory locks", run(a, "PREPARE TRANSACTION 'px_locks'"), "PREPARE TRANSACTION")
    check("pg_locks shows them, held by no session",
          run(b, "SELECT locktype, mode, granted, pid IS NULL FROM pg_locks WHERE (locktype = 'relation' AND "
                 "relation = 'px'::regclass) OR (locktype = 'advisory' AND objid IN (71, 2)) ORDER BY 1, 2"),
          [("advisory", "ExclusiveLock", True, True), ("advisory", "ShareLock", True, True),
           ("relation", "ShareLock", True, True)])
    run(c, "SET lock_timeout = '300ms'")
    check("its SHARE table lock blocks an INSERT", run(c, "INSERT INTO px VALUES (9, 9)"), "55P03")
    check("its advisory lock is held", run(c, "SELECT pg_try_advisory_lock(71)"), [(False,)])
    check("not by the session that prepared it", run(a, "SELECT pg_try_advisory_xact_lock(71)"), [(False,)])
    check("its shared advisory lock is held", run(c, "SELECT pg_try_advisory_lock(7, 2)"), [(False,)])
    check("a shared one can join it", run(c, "SELECT pg_try_advisory_xact_lock_shared(7, 2)"), [(True,)])
    run(c, "SET lock_timeout = 0")
    waiting = Waiting(c, "INSERT INTO px VALUES (9, 9)", "the INSERT waits for the prepared transaction's table lock")
    check("COMMIT PREPARED with locks", run(b, "COMMIT PREPARED 'px_locks'"), "COMMIT PREPARED")
    check("the INSERT goes on", waiting.result(), "INSERT 0 1")
    check("the advisory lock is free", run(c, "SELECT pg_try_advisory_lock(71), pg_advisory_unlock(71)"),
          [(True, True)])
    check("no locks left", run(b, "SELECT count(*) FROM pg_locks WHERE pid IS NULL AND locktype IN "
                                  "('relation', 'advisory')"), [(0,)])
    run(a, "SELECT pg_advisory_lock(72)")
    run(a, "BEGIN")
    run(a, "SELECT pg_advisory_xact_lock(72)")
    check("session and transaction lock on one object", run(a, "PREPARE TRANSACTION 'px_both'"), "0A000")
    check("not prepared (both scopes)", prepared(b, "px_both"), [])
    check("the session keeps its session lock", run(c, "SELECT pg_try_advisory_lock(72)"), [(False,)])
    run(a, "SELECT pg_advisory_unlock_all()")
    run(a, "BEGIN")
    run(a, "SELECT pg_advisory_lock(73)")
    check("PREPARE with a session lock", run(a, "PREPARE TRANSACTION 'px_session'"), "PREPARE TRANSACTION")
    check("ROLLBACK PREPARED (session lock)", run(b, "ROLLBACK PREPARED 'px_session'"), "ROLLBACK PREPARED")
    check("the session lock stays with the session", run(c, "SELECT pg_try_advisory_lock(73)"), [(False,)])
    check("and the session can unlock it", run(a, "SELECT pg_advisory_unlock(73)"), [(True,)])

    # COMMIT / ROLLBACK PREPARED belong to the database that prepared it.
    run(a, "DROP DATABASE IF EXISTS px_other")
    run(a, "CREATE DATABASE px_other")
    other = psycopg2.connect(host=args.host, port=args.port, user=args.user, dbname="px_other")
    other.set_isolation_level(psycopg2.extensions.ISOLATION_LEVEL_AUTOCOMMIT)
    run(a, "BEGIN")
    run(a, "SELECT pg_advisory_xact_lock(74)")
    run(a, "PREPARE TRANSACTION 'px_db'")
    check("COMMIT PREPARED from another database", run(other, "COMMIT PREPARED 'px_db'"), "0A000")
    check("ROLLBACK PREPARED from another database", run(other, "ROLLBACK PREPARED 'px_db'"), "0A000")
    check("still prepared", prepared(b, "px_db"), [("px_db",)])
    run(other, "BEGIN")
    run(other, "PREPARE TRANSACTION 'px_db2'")
    check("pg_prepared_xacts names each one's database",
          run(b, "SELECT gid, database = current_database() FROM pg_prepared_xacts WHERE gid LIKE 'px_db%' ORDER BY 1"),
          [("px_db", True), ("px_db2", False)])
    check("px_db2's", run(other, "SELECT database FROM pg_prepared_xacts WHERE gid = 'px_db2'"), [("px_other",)])
    other.close()
    check("DROP DATABASE of a database prepared transactions use", run(a, "DROP DATABASE px_other"), "55006")
    check("its message", error_text(a, "DROP DATABASE px_other"),
          ('database "px_other" is being accessed by other users',
           "There is 1 prepared transaction using the database."))
    check("WITH (FORCE) too", error_text(a, "DROP DATABASE px_other WITH (FORCE)"),
          ('database "px_other" is being used by prepared transactions',
           "There is 1 prepared transaction using the database."))
    check("CREATE DATABASE from it", run(a, "CREATE DATABASE px_copy TEMPLATE px_other"), "55006")
    other = psycopg2.connect(host=args.host, port=args.port, user=args.user, dbname="px_other")
    other.set_isolation_level(psycopg2.extensions.ISOLATION_LEVEL_AUTOCOMMIT)
    check("ROLLBACK PREPARED px_db2", run(other, "ROLLBACK PREPARED 'px_db2'"), "ROLLBACK PREPARED")
    check("still holding its lock", run(c, "SELECT pg_try_advisory_lock(74)"), [(False,)])
    check("COMMIT PREPARED from its database", run(b, "COMMIT PREPARED 'px_db'"), "COMMIT PREPARED")
    check("its lock is free", run(c, "SELECT pg_try_advisory_xact_lock(74)"), [(True,)])
    other.close()
    run(a, "DROP DATABASE px_other")

    # The limit: max_prepared_transactions = 10.
    have = run(b, "SELECT count(*) FROM pg_prepared_xacts")[0][0]
    for i in range(10 - have):
        run(a, "BEGIN")
        run(a, "PREPARE TRANSACTION 'px_fill_%02d'" % i)
    run(a, "BEGIN")
    check("limit reached", run(a, "PREPARE TRANSACTION 'px_over'"), "53200")
    for (gid,) in prepared(b, "px_fill_"):
        run(b, "ROLLBACK PREPARED '%s'" % gid)
    check("all finished", prepared(b, "px_"), [])
    run(a, "DROP TABLE px")

    # Row lock strengths across PREPARE: a prepared DELETE of a parent holds FOR UPDATE (a child's
    # insert waits), a prepared non-key UPDATE holds FOR NO KEY UPDATE (a child's insert goes on).
    run(a, "DROP TABLE IF EXISTS pkc")
    run(a, "DROP TABLE IF EXISTS pkp")
    run(a, "CREATE TABLE pkp (id int PRIMARY KEY, v int)")
    run(a, "CREATE TABLE pkc (id int PRIMARY KEY, pid int REFERENCES pkp)")
    run(a, "INSERT INTO pkp VALUES (1, 10), (2, 20)")
    run(a, "BEGIN")
    run(a, "DELETE FROM pkp WHERE id = 1")
    run(a, "UPDATE pkp SET v = 21 WHERE id = 2")
    check("PREPARE of a parent's DELETE and UPDATE", run(a, "PREPARE TRANSACTION 'pk_1'"), "PREPARE TRANSACTION")
    run(c, "SET lock_timeout = '300ms'")
    check("a child's insert waits for the prepared DELETE", run(c, "INSERT INTO pkc VALUES (1, 1)"), "55P03")
    check("a child's insert does not wait for the prepared non-key UPDATE", run(c, "INSERT INTO pkc VALUES (2, 2)"),
          "INSERT 0 1")
    check("FOR KEY SHARE NOWAIT of the deleted row", run(c, "SELECT id FROM pkp WHERE id = 1 FOR KEY SHARE NOWAIT"),
          "55P03")
    check("FOR KEY SHARE NOWAIT of the updated row", run(c, "SELECT id FROM pkp WHERE id = 2 FOR KEY SHARE NOWAIT"),
          [(2,)])
    run(c, "SET lock_timeout = 0")
    check("ROLLBACK PREPARED of the parent's DELETE", run(a, "ROLLBACK PREPARED 'pk_1'"), "ROLLBACK PREPARED")
    check("then the child's insert goes on", run(c, "INSERT INTO pkc VALUES (1, 1)"), "INSERT 0 1")
    run(a, "DROP TABLE pkc")
    run(a, "DROP TABLE pkp")

    # SERIALIZABLE: a prepared transaction keeps taking part in conflict detection. It read row 1
    # and wrote row 2; a transaction that reads row 2 and writes row 1 closes a cycle through it.
    run(a, "DROP TABLE IF EXISTS pser")
    run(a, "CREATE TABLE pser (id int PRIMARY KEY, v int)")
    run(a, "INSERT INTO pser VALUES (1, 10), (2, 20)")
    run(a, "BEGIN ISOLATION LEVEL SERIALIZABLE")
    run(a, "SELECT v FROM pser WHERE id = 1")
    run(a, "UPDATE pser SET v = 21 WHERE id = 2")
    check("PREPARE of a SERIALIZABLE transaction", run(a, "PREPARE TRANSACTION 'px_ser'"), "PREPARE TRANSACTION")
    run(b, "BEGIN ISOLATION LEVEL SERIALIZABLE")
    check("SERIALIZABLE read of the prepared write", run(b, "SELECT v FROM pser WHERE id = 2"), [(20,)])
    check("then a write of its read: a pivot", run(b, "UPDATE pser SET v = 11 WHERE id = 1"), "40001")
    run(b, "ROLLBACK")
    run(b, "BEGIN ISOLATION LEVEL SERIALIZABLE")
    check("a write of its read alone", run(b, "UPDATE pser SET v = 12 WHERE id = 1"), "UPDATE 1")
    check("commits", run(b, "COMMIT"), "COMMIT")
    check("COMMIT PREPARED of the SERIALIZABLE one", run(c, "COMMIT PREPARED 'px_ser'"), "COMMIT PREPARED")
    check("pser", run(c, "SELECT id, v FROM pser ORDER BY id"), [(1, 12), (2, 21)])
    run(a, "DROP TABLE pser")
    for x in (a, b, c):
        x.close()


def before_crash(args):
    a = connect(args)
    run(a, "DROP TABLE IF EXISTS pc")
    run(a, "CREATE TABLE pc (id int PRIMARY KEY, v int)")
    run(a, "INSERT INTO pc VALUES (1, 10)")
    run(a, "DROP TABLE IF EXISTS pcc")
    run(a, "DROP TABLE IF EXISTS pcp")
    run(a, "CREATE TABLE pcp (id int PRIMARY KEY, v int)")
    run(a, "CREATE TABLE pcc (id int PRIMARY KEY, pid int REFERENCES pcp)")
    run(a, "INSERT INTO pcp VALUES (1), (2)")
    run(a, "BEGIN")
    run(a, "DELETE FROM pcp WHERE id = 1")
    check("prepare pc_parent", run(a, "PREPARE TRANSACTION 'pc_parent'"), "PREPARE TRANSACTION")
    for gid, sql in [("pc_commit", "INSERT INTO pc VALUES (2, 20)"), ("pc_rollback", "UPDATE pc SET v = 0 WHERE id = 1"),
                     ("pc_empty", "SELECT 1")]:
        run(a, "BEGIN")
        run(a, sql)
        check("prepare " + gid, run(a, "PREPARE TRANSACTION '%s'" % gid), "PREPARE TRANSACTION")
    # A non-key UPDATE of a parent (FOR NO KEY UPDATE strength); row locks of SELECT ... FOR without a
    # write, a table lock and transaction-level advisory locks; a SERIALIZABLE transaction.
    run(a, "DROP TABLE IF EXISTS pl")
    run(a, "CREATE TABLE pl (id int PRIMARY KEY, v int)")
    run(a, "INSERT INTO pl VALUES (1, 1), (2, 2), (3, 3), (4, 4)")
    run(a, "DROP TABLE IF EXISTS pt")
    run(a, "CREATE TABLE pt (id int)")
    run(a, "DROP TABLE IF EXISTS ps")
    run(a, "CREATE TABLE ps (id int PRIMARY KEY, v int)")
    run(a, "INSERT INTO ps VALUES (1, 10), (2, 20), (3, 30)")
    run(a, "BEGIN")
    run(a, "UPDATE pcp SET v = 2 WHERE id = 2")
    check("prepare pc_nokey", run(a, "PREPARE TRANSACTION 'pc_nokey'"), "PREPARE TRANSACTION")
    run(a, "BEGIN")
    for sql in ["SELECT id FROM pl WHERE id = 1 FOR UPDATE", "SELECT id FROM pl WHERE id = 2 FOR SHARE",
                "SELECT id FROM pl WHERE id = 3 FOR KEY SHARE", "SELECT id FROM pl WHERE id = 4 FOR NO KEY UPDATE",
                "LOCK TABLE pt IN SHARE MODE", "SELECT pg_advisory_xact_lock(81)",
                "SELECT pg_advisory_xact_lock_shared(82)"]:
        run(a, sql)
    check("prepare pc_lockonly", run(a, "PREPARE TRANSACTION 'pc_lockonly'"), "PREPARE TRANSACTION")
    run(a, "BEGIN ISOLATION LEVEL SERIALIZABLE")
    run(a, "SELECT v FROM ps WHERE id = 1")
    run(a, "UPDATE ps SET v = 21 WHERE id = 2")
    check("prepare pc_serializable", run(a, "PREPARE TRANSACTION 'pc_serializable'"), "PREPARE TRANSACTION")
    # A row of a table without a primary key: its hidden row id is above every stored one.
    run(a, "DROP TABLE IF EXISTS pr")
    run(a, "CREATE TABLE pr (a int)")
    run(a, "INSERT INTO pr VALUES (0)")
    run(a, "BEGIN")
    run(a, "INSERT INTO pr VALUES (1)")
    check("prepare pc_rowid", run(a, "PREPARE TRANSACTION 'pc_rowid'"), "PREPARE TRANSACTION")
    a.close()


def lock_only_after_restart(a, b):
    """After the restart: pc_lockonly's row locks in their strengths, its table and advisory locks;
    pc_nokey's non-key UPDATE blocks no FOR KEY SHARE."""
    check("pg_locks shows the table and advisory locks, held by no session",
          run(b, "SELECT locktype, mode, pid IS NULL FROM pg_locks WHERE (locktype = 'relation' AND "
                 "relation IN ('pt'::regclass, 'pl'::regclass)) OR (locktype = 'advisory' AND objid IN (81, 82)) "
                 "ORDER BY 1, 2"),
          [("advisory", "ExclusiveLock", True), ("advisory", "ShareLock", True),
           ("relation", "RowShareLock", True), ("relation", "ShareLock", True)])
    check("FOR UPDATE row: FOR KEY SHARE waits", run(b, "SELECT id FROM pl WHERE id = 1 FOR KEY SHARE NOWAIT"), "55P03")
    check("FOR SHARE row: FOR SHARE joins it", run(b, "SELECT id FROM pl WHERE id = 2 FOR SHARE NOWAIT"), [(2,)])
    check("FOR SHARE row: FOR NO KEY UPDATE waits",
          run(b, "SELECT id FROM pl WHERE id = 2 FOR NO KEY UPDATE NOWAIT"), "55P03")
    check("FOR KEY SHARE row: FOR NO KEY UPDATE goes", run(b, "SELECT id FROM pl WHERE id = 3 FOR NO KEY UPDATE NOWAIT"),
          [(3,)])
    check("FOR KEY SHARE row: FOR UPDATE waits", run(b, "SELECT id FROM pl WHERE id = 3 FOR UPDATE NOWAIT"), "55P03")
    check("FOR NO KEY UPDATE row: FOR KEY SHARE goes", run(b, "SELECT id FROM pl WHERE id = 4 FOR KEY SHARE NOWAIT"),
          [(4,)])
    check("FOR NO KEY UPDATE row: FOR SHARE waits", run(b, "SELECT id FROM pl WHERE id = 4 FOR SHARE NOWAIT"), "55P03")
    check("FOR NO KEY UPDATE row: UPDATE waits", run(b, "UPDATE pl SET v = 0 WHERE id = 4"), "55P03")
    check("the SHARE table lock: an INSERT waits", run(b, "INSERT INTO pt VALUES (1)"), "55P03")
    check("the advisory lock is held", run(b, "SELECT pg_try_advisory_lock(81)"), [(False,)])
    check("the shared advisory lock is held", run(b, "SELECT pg_try_advisory_lock(82)"), [(False,)])
    check("a shared one joins it", run(b, "SELECT pg_try_advisory_xact_lock_shared(82)"), [(True,)])
    check("non-key UPDATE: FOR KEY SHARE goes", run(b, "SELECT id FROM pcp WHERE id = 2 FOR KEY SHARE NOWAIT"), [(2,)])
    check("non-key UPDATE: FOR SHARE waits", run(b, "SELECT id FROM pcp WHERE id = 2 FOR SHARE NOWAIT"), "55P03")
    run(b, "SET lock_timeout = 0")
    waiting = Waiting(b, "SELECT pg_advisory_lock(81)", "pg_advisory_lock waits for the recovered transaction")
    check("ROLLBACK PREPARED pc_lockonly", run(a, "ROLLBACK PREPARED 'pc_lockonly'"), "ROLLBACK PREPARED")
    check("then it has the lock", waiting.result(), [("",)])
    check("and the others are free", [run(b, "SELECT pg_advisory_unlock(81)"), run(b, "INSERT INTO pt VALUES (1)"),
                                       run(b, "UPDATE pl SET v = 0 WHERE id = 4"),
                                       run(b, "SELECT id FROM pl WHERE id = 1 FOR UPDATE NOWAIT")],
          [[(True,)], "INSERT 0 1", "UPDATE 1", [(1,)]])
    run(b, "SET lock_timeout = '300ms'")
    check("a new row beside a prepared transaction's new row (no primary key)", run(b, "INSERT INTO pr VALUES (2)"),
          "INSERT 0 1")
    check("COMMIT PREPARED of that row", run(a, "COMMIT PREPARED 'pc_rowid'"), "COMMIT PREPARED")
    check("both rows are there", run(a, "SELECT a FROM pr ORDER BY a"), [(0,), (1,), (2,)])
    run(a, "DROP TABLE pr")
    check("COMMIT PREPARED pc_nokey", run(a, "COMMIT PREPARED 'pc_nokey'"), "COMMIT PREPARED")
    run(a, "DROP TABLE pl")
    run(a, "DROP TABLE pt")


def serializable_after_restart(a, b):
    """pc_serializable read ps 1 and wrote ps 2. Its rw-conflicts were not kept: as PostgreSQL, a
    SERIALIZABLE read of what it wrote fails (it is taken for a pivot); a write of what it read does
    not, nor does COMMIT PREPARED."""
    run(b, "BEGIN ISOLATION LEVEL SERIALIZABLE")
    check("SERIALIZABLE read of its write", run(b, "SELECT v FROM ps WHERE id = 2"), "40001")
    run(b, "ROLLBACK")
    run(b, "BEGIN ISOLATION LEVEL SERIALIZABLE")
    check("SERIALIZABLE write of its read", run(b, "UPDATE ps SET v = 11 WHERE id = 1"), "UPDATE 1")
    check("and commit", run(b, "COMMIT"), "COMMIT")
    check("a REPEATABLE READ read of its write",
          [run(b, "BEGIN ISOLATION LEVEL REPEATABLE READ"), run(b, "SELECT v FROM ps WHERE id = 2"), run(b, "COMMIT")],
          ["BEGIN", [(20,)], "COMMIT"])
    check("COMMIT PREPARED pc_serializable", run(a, "COMMIT PREPARED 'pc_serializable'"), "COMMIT PREPARED")
    check("ps", run(a, "SELECT id, v FROM ps ORDER BY id"), [(1, 11), (2, 21), (3, 30)])
    run(a, "DROP TABLE ps")


def after_crash(args):
    a, b = connect(args), connect(args)
    check("prepared transactions survived", prepared(a, "pc_"),
          [("pc_commit",), ("pc_empty",), ("pc_lockonly",), ("pc_nokey",), ("pc_parent",), ("pc_rollback",),
           ("pc_rowid",), ("pc_serializable",)])
    check("owner and database", run(a, "SELECT count(*) FROM pg_prepared_xacts WHERE gid LIKE 'pc_%' AND "
                                       "owner = current_user AND database = current_database()"), [(8,)])
    check("their writes are not visible", run(a, "SELECT id, v FROM pc ORDER BY id"), [(1, 10)])
    run(b, "SET lock_timeout = '300ms'")
    check("a child's insert does not wait for the prepared non-key UPDATE of its parent",
          run(b, "INSERT INTO pcc VALUES (2, 2)"), "INSERT 0 1")
    lock_only_after_restart(a, b)
    serializable_after_restart(a, b)
    check("their row locks are held", run(b, "UPDATE pc SET v = 5 WHERE id = 1"), "55P03")
    check("their inserted keys are locked", run(b, "INSERT INTO pc VALUES (2, 0)"), "55P03")
    check("FOR UPDATE NOWAIT on their row", run(b, "SELECT v FROM pc WHERE id = 1 FOR UPDATE NOWAIT"), "55P03")
    check("a child's insert waits for the prepared DELETE of its parent", run(b, "INSERT INTO pcc VALUES (1, 1)"),
          "55P03")
    check("ROLLBACK PREPARED of the parent's DELETE", run(a, "ROLLBACK PREPARED 'pc_parent'"), "ROLLBACK PREPARED")
    check("then the child's insert goes on", run(b, "INSERT INTO pcc VALUES (1, 1)"), "INSERT 0 1")
    run(a, "DROP TABLE pcc")
    run(a, "DROP TABLE pcp")
    run(b, "SET lock_timeout = 0")
    waiting = Waiting(b, "UPDATE pc SET v = v + 1 WHERE id = 1", "UPDATE waits for the recovered transaction")
    check("COMMIT PREPARED after the restart", run(a, "COMMIT PREPARED 'pc_commit'"), "COMMIT PREPARED")
    check("ROLLBACK PREPARED after the restart", run(a, "ROLLBACK PREPARED 'pc_rollback'"), "ROLLBACK PREPARED")
    check("the waiting UPDATE goes on after ROLLBACK PREPARED", waiting.result(), "UPDATE 1")
    check("COMMIT PREPARED of the empty one", run(a, "COMMIT PREPARED 'pc_empty'"), "COMMIT PREPARED")
    check("data", run(a, "SELECT id, v FROM pc ORDER BY id"), [(1, 11), (2, 20)])
    check("locks released", run(b, "UPDATE pc SET v = 11 WHERE id = 1"), "UPDATE 1")
    check("none left", prepared(a, "pc_"), [])
    run(a, "DROP TABLE pc")
    a.close()
    b.close()


def main():
    def extra(ap):
        ap.add_argument("--phase", required=True, choices=["main", "before-crash", "after-crash"])
    args = arguments(extra)
    {"main": main_phase, "before-crash": before_crash, "after-crash": after_crash}[args.phase](args)
    finish()


if __name__ == "__main__":
    main()
