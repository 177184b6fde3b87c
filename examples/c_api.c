/* The C API in use: create, insert with parameters, query. Usage: example_c_api [DIR] */
#include <stdio.h>
#include <stdlib.h>

#include "kanto/kanto.h"

int main(int argc, char** argv) {
  const char* dir = argc > 1 ? argv[1] : "c-api-data";
  char* err = NULL;
  kanto_db* db = kanto_open(dir, &err);
  if (!db) {
    fprintf(stderr, "open: %s\n", err);
    free(err);
    return 1;
  }
  kanto_conn* conn = kanto_connect(db);
  kanto_result* r = kanto_exec(conn, "DROP TABLE IF EXISTS kv; CREATE TABLE kv (k text PRIMARY KEY, v bigint)");
  int ok = kanto_result_ok(r);
  kanto_result_free(r);
  const char* params[2] = {"answer", "42"};
  r = kanto_exec_params(conn, "INSERT INTO kv VALUES ($1, $2)", 2, params);
  ok = ok && kanto_result_ok(r);
  kanto_result_free(r);
  r = kanto_exec(conn, "SELECT k, v * 2 AS doubled FROM kv");
  if (!kanto_result_ok(r) || kanto_result_row_count(r) != 1 || kanto_result_int64(r, 0, 1) != 84) {
    fprintf(stderr, "unexpected: %s %s\n", kanto_result_sqlstate(r), kanto_result_message(r));
    ok = 0;
  } else {
    printf("%s = %s\n", kanto_result_text(r, 0, 0), kanto_result_text(r, 0, 1));
  }
  kanto_result_free(r);
  kanto_disconnect(conn);
  kanto_close(db);
  return ok ? 0 : 1;
}
