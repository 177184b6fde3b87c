// The C API (include/kanto/kanto.h) over the C++ API.
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>

#include "kanto/kanto.h"
#include "kanto/kanto.hpp"

struct kanto_db {
  std::shared_ptr<kanto::Database> db;
};

struct kanto_conn {
  std::unique_ptr<kanto::Connection> conn;
};

struct kanto_result {
  kanto::QueryResult result;
  std::deque<std::string> strings;  // keeps returned C strings alive
};

namespace {

// Accessors given a column or row outside the result answer NULL / 0, as SQLite's do.
bool HasColumn(const kanto_result* r, size_t col) { return r->result.ok() && col < r->result.column_count(); }
bool HasCell(const kanto_result* r, size_t row, size_t col) { return HasColumn(r, col) && row < r->result.row_count(); }

// A typed accessor's answer, or 0 outside the result or when it throws (no exception crosses the C boundary).
template <typename T>
T CellOrZero(const kanto_result* r, size_t row, size_t col, T (kanto::QueryResult::*get)(size_t, size_t) const) {
  if (!HasCell(r, row, col)) return 0;
  try {
    return (r->result.*get)(row, col);
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

extern "C" {

kanto_db* kanto_open(const char* path, char** error) {
  kanto::Error err(kanto::sqlstate::kSuccess, "");
  auto db = kanto::Database::Open(path ? path : "", {}, &err);
  if (!db) {
    if (error) *error = strdup((err.sqlstate() + ": " + err.message()).c_str());
    return nullptr;
  }
  return new kanto_db{std::move(db)};
}

kanto_db* kanto_open_database(kanto_db* db, const char* name, char** error) {
  kanto::Error err(kanto::sqlstate::kSuccess, "");
  auto other = db->db->OpenDatabase(name ? name : "", &err);
  if (!other) {
    if (error) *error = strdup((err.sqlstate() + ": " + err.message()).c_str());
    return nullptr;
  }
  return new kanto_db{std::move(other)};
}

void kanto_close(kanto_db* db) { delete db; }

kanto_conn* kanto_connect(kanto_db* db) { return new kanto_conn{std::make_unique<kanto::Connection>(db->db)}; }

void kanto_disconnect(kanto_conn* conn) { delete conn; }

kanto_result* kanto_exec(kanto_conn* conn, const char* sql) {
  return new kanto_result{conn->conn->Execute(sql ? sql : ""), {}};
}

kanto_result* kanto_exec_params(kanto_conn* conn, const char* sql, int nparams, const char* const* params) {
  std::vector<kanto::Param> ps;
  for (int i = 0; i < nparams; i++) ps.push_back(params[i] ? kanto::Param(params[i]) : kanto::Param());
  return new kanto_result{conn->conn->Execute(sql ? sql : "", ps), {}};
}

int kanto_result_ok(const kanto_result* r) { return r->result.ok() ? 1 : 0; }
const char* kanto_result_sqlstate(const kanto_result* r) {
  return r->result.ok() ? kanto::sqlstate::kSuccess : r->result.error().sqlstate().c_str();
}
const char* kanto_result_message(const kanto_result* r) { return r->result.ok() ? "" : r->result.error().message().c_str(); }
const char* kanto_result_command_tag(const kanto_result* r) { return r->result.ok() ? r->result.command_tag().c_str() : ""; }
uint64_t kanto_result_rows_affected(const kanto_result* r) { return r->result.ok() ? r->result.rows_affected() : 0; }
size_t kanto_result_column_count(const kanto_result* r) { return r->result.ok() ? r->result.column_count() : 0; }
size_t kanto_result_row_count(const kanto_result* r) { return r->result.ok() ? r->result.row_count() : 0; }
const char* kanto_result_column_name(const kanto_result* r, size_t col) {
  return HasColumn(r, col) ? r->result.column(col).name.c_str() : nullptr;
}
uint32_t kanto_result_column_type_oid(const kanto_result* r, size_t col) {
  return HasColumn(r, col) ? r->result.column(col).type_oid : 0;
}
int kanto_result_is_null(const kanto_result* r, size_t row, size_t col) {
  return !HasCell(r, row, col) || r->result.IsNull(row, col) ? 1 : 0;
}
const char* kanto_result_text(kanto_result* r, size_t row, size_t col) {
  if (!HasCell(r, row, col) || r->result.IsNull(row, col)) return nullptr;
  try {
    r->strings.push_back(r->result.GetText(row, col));
  } catch (const std::exception&) {
    return nullptr;  // no C++ exception crosses the C boundary
  }
  return r->strings.back().c_str();
}
int64_t kanto_result_int64(const kanto_result* r, size_t row, size_t col) {
  return CellOrZero(r, row, col, &kanto::QueryResult::GetInt64);
}
double kanto_result_double(const kanto_result* r, size_t row, size_t col) {
  return CellOrZero(r, row, col, &kanto::QueryResult::GetDouble);
}
void kanto_result_free(kanto_result* r) { delete r; }
char kanto_transaction_status(const kanto_conn* conn) { return conn->conn->transaction_status(); }

}  // extern "C"
