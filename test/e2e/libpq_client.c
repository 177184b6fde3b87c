/* libpq (C) against `kanto serve`: simple and parameterized queries (text and binary), prepared
 * statements, transactions, SQLSTATEs, pipeline mode and COPY FROM STDIN.
 * usage: e2e_libpq "host=127.0.0.1 port=N user=kanto dbname=kanto" */
#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static PGconn* conn;

static void fail(const char* what, PGresult* r) {
  fprintf(stderr, "libpq test: %s: %s %s\n", what, r ? PQresultErrorMessage(r) : "", PQerrorMessage(conn));
  exit(1);
}

static PGresult* must(PGresult* r, ExecStatusType want, const char* what) {
  if (PQresultStatus(r) != want) fail(what, r);
  return r;
}

int main(int argc, char** argv) {
  conn = PQconnectdb(argc > 1 ? argv[1] : "");
  if (PQstatus(conn) != CONNECTION_OK) fail("connect", NULL);
  if (strncmp(PQparameterStatus(conn, "server_version"), "15", 2) != 0) fail("server_version", NULL);
  PQclear(must(PQexec(conn, "DROP TABLE IF EXISTS pq_t; CREATE TABLE pq_t (id int PRIMARY KEY, name text, v float8)"),
               PGRES_COMMAND_OK, "create"));

  /* text parameters */
  const char* vals[3] = {"1", "one", "1.5"};
  PQclear(must(PQexecParams(conn, "INSERT INTO pq_t VALUES ($1, $2, $3)", 3, NULL, vals, NULL, NULL, 0),
               PGRES_COMMAND_OK, "insert text params"));
  /* binary parameters and a binary result: int4 42 and float8 2.25 */
  uint32_t id = htobe32(2);
  uint64_t bits;
  double d = 2.25;
  memcpy(&bits, &d, 8);
  bits = htobe64(bits);
  const char* bvals[3] = {(const char*)&id, "two", (const char*)&bits};
  int lens[3] = {4, 3, 8}, fmts[3] = {1, 0, 1};
  Oid types[3] = {23, 25, 701};
  PQclear(must(PQexecParams(conn, "INSERT INTO pq_t VALUES ($1, $2, $3)", 3, types, bvals, lens, fmts, 0),
               PGRES_COMMAND_OK, "insert binary params"));
  PGresult* r = must(PQexecParams(conn, "SELECT id, v FROM pq_t WHERE id = $1", 1, types, bvals, lens, fmts, 1),
                     PGRES_TUPLES_OK, "binary select");
  if (PQntuples(r) != 1 || PQftype(r, 0) != 23 || PQgetlength(r, 0, 0) != 4) fail("binary result shape", r);
  uint32_t got;
  memcpy(&got, PQgetvalue(r, 0, 0), 4);
  if (be32toh(got) != 2) fail("binary int4 value", r);
  PQclear(r);

  /* named prepared statement */
  PQclear(must(PQprepare(conn, "by_id", "SELECT name FROM pq_t WHERE id = $1", 1, NULL), PGRES_COMMAND_OK, "prepare"));
  for (int i = 1; i <= 2; i++) {
    char buf[8];
    snprintf(buf, sizeof buf, "%d", i);
    const char* p[1] = {buf};
    r = must(PQexecPrepared(conn, "by_id", 1, p, NULL, NULL, 0), PGRES_TUPLES_OK, "execute prepared");
    if (strcmp(PQgetvalue(r, 0, 0), i == 1 ? "one" : "two") != 0) fail("prepared value", r);
    PQclear(r);
  }

  /* transaction status and an error's SQLSTATE */
  PQclear(must(PQexec(conn, "BEGIN"), PGRES_COMMAND_OK, "begin"));
  if (PQtransactionStatus(conn) != PQTRANS_INTRANS) fail("in transaction", NULL);
  r = PQexec(conn, "INSERT INTO pq_t VALUES (1, 'dup', 0)");
  if (PQresultStatus(r) != PGRES_FATAL_ERROR || strcmp(PQresultErrorField(r, PG_DIAG_SQLSTATE), "23505") != 0) {
    fail("duplicate key sqlstate", r);
  }
  PQclear(r);
  if (PQtransactionStatus(conn) != PQTRANS_INERROR) fail("failed transaction", NULL);
  PQclear(must(PQexec(conn, "ROLLBACK"), PGRES_COMMAND_OK, "rollback"));

  /* pipeline mode: three queries sent before any result is read */
  if (!PQenterPipelineMode(conn)) fail("enter pipeline", NULL);
  for (int i = 0; i < 3; i++) {
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT %d + 40", i);
    if (!PQsendQueryParams(conn, sql, 0, NULL, NULL, NULL, NULL, 0)) fail("send in pipeline", NULL);
  }
  if (!PQpipelineSync(conn)) fail("pipeline sync", NULL);
  for (int i = 0; i < 3; i++) {
    r = must(PQgetResult(conn), PGRES_TUPLES_OK, "pipeline result");
    if (atoi(PQgetvalue(r, 0, 0)) != i + 40) fail("pipeline value", r);
    PQclear(r);
    if (PQgetResult(conn) != NULL) fail("pipeline end of query", NULL);
  }
  r = must(PQgetResult(conn), PGRES_PIPELINE_SYNC, "pipeline sync result");
  PQclear(r);
  if (!PQexitPipelineMode(conn)) fail("exit pipeline", NULL);

  /* COPY FROM STDIN */
  PQclear(must(PQexec(conn, "COPY pq_t FROM STDIN"), PGRES_COPY_IN, "copy in"));
  const char* data = "3\tthree\t3.5\n4\tfour\t\\N\n";
  if (PQputCopyData(conn, data, (int)strlen(data)) != 1 || PQputCopyEnd(conn, NULL) != 1) fail("copy data", NULL);
  PQclear(must(PQgetResult(conn), PGRES_COMMAND_OK, "copy end"));
  r = must(PQexec(conn, "SELECT count(*), sum(v) FROM pq_t"), PGRES_TUPLES_OK, "count");
  if (strcmp(PQgetvalue(r, 0, 0), "4") != 0 || strcmp(PQgetvalue(r, 0, 1), "7.25") != 0) fail("final contents", r);
  PQclear(r);
  PQfinish(conn);
  puts("libpq ok");
  return 0;
}
