/* Kanto C API: a thin C layer over the C++ embedding API (kanto.hpp).
 *
 *   kanto_db* db = kanto_open("mydata", &err);        // NULL on failure; err must be freed
 *   kanto_conn* conn = kanto_connect(db);
 *   kanto_result* r = kanto_exec(conn, "SELECT 1");
 *   if (!kanto_result_ok(r)) printf("%s %s\n", kanto_result_sqlstate(r), kanto_result_message(r));
 *   kanto_result_free(r); kanto_disconnect(conn); kanto_close(db);
 *
 * Strings returned by accessors belong to the result and live until kanto_result_free.
 * A row or column outside the result gives NULL (for strings), 1 (is_null) or 0 (numbers).
 */
#ifndef KANTO_H
#define KANTO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kanto_db kanto_db;
typedef struct kanto_conn kanto_conn;
typedef struct kanto_result kanto_result;

/* Opens (creating if missing) the database in `path`. On failure returns NULL and, if `error` is
 * not NULL, stores a malloc'ed "SQLSTATE: message" string the caller frees with free(). */
kanto_db* kanto_open(const char* path, char** error);
/* Another database of the directory `db` came from (CREATE DATABASE made it), by name; NULL on
 * failure ("3D000: database \"x\" does not exist"), as kanto_open. Close each with kanto_close. */
kanto_db* kanto_open_database(kanto_db* db, const char* name, char** error);
void kanto_close(kanto_db* db);

kanto_conn* kanto_connect(kanto_db* db);
void kanto_disconnect(kanto_conn* conn);

/* Runs every statement in `sql`; the result of the last one (or the first error). Never NULL. */
kanto_result* kanto_exec(kanto_conn* conn, const char* sql);
/* Runs one statement with $1..$n text parameters (NULL entries are SQL NULL). */
kanto_result* kanto_exec_params(kanto_conn* conn, const char* sql, int nparams, const char* const* params);

int kanto_result_ok(const kanto_result* r);
const char* kanto_result_sqlstate(const kanto_result* r); /* "00000" when ok */
const char* kanto_result_message(const kanto_result* r);  /* "" when ok */
const char* kanto_result_command_tag(const kanto_result* r);
uint64_t kanto_result_rows_affected(const kanto_result* r);
size_t kanto_result_column_count(const kanto_result* r);
const char* kanto_result_column_name(const kanto_result* r, size_t col);
uint32_t kanto_result_column_type_oid(const kanto_result* r, size_t col);
size_t kanto_result_row_count(const kanto_result* r);
int kanto_result_is_null(const kanto_result* r, size_t row, size_t col);
/* PostgreSQL text form of the value; NULL for SQL NULL. */
const char* kanto_result_text(kanto_result* r, size_t row, size_t col);
int64_t kanto_result_int64(const kanto_result* r, size_t row, size_t col);
double kanto_result_double(const kanto_result* r, size_t row, size_t col);
void kanto_result_free(kanto_result* r);

/* 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
char kanto_transaction_status(const kanto_conn* conn);

#ifdef __cplusplus
}
#endif

#endif /* KANTO_H */
