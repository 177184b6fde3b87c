// libFuzzer target for the SQL path: parser -> binder -> optimizer -> execution, through the public
// embedding API, on a database with a small schema created once. Each input is SQL text. Its
// statements run one at a time on a fresh connection inside a transaction that is rolled back at
// the end, each behind a savepoint so that one failing statement does not hide the next; nothing an
// input does is seen by the next one. Statements that would escape the transaction or touch the
// machine (transaction control, COPY, VACUUM, roles) are skipped. A crash, a sanitizer report or an
// internal error (XX000) is a bug. Build and run: scripts/fuzz-sql [SECONDS]; replay inputs:
// kanto_sql_replay FILE|DIR... (fuzz/replay_main.cpp).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "kanto/kanto.hpp"
#include "parser/parser.hpp"

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE t1 (a int PRIMARY KEY, b text, c numeric(8,2), d date, e int[]);
CREATE TABLE t2 (x bigint, y float8, z timestamptz, w boolean, v varchar(10), u interval, bin bytea, k char(3));
INSERT INTO t1 SELECT i, 'b' || i, i * 1.25, DATE '2020-01-01' + i, ARRAY[i, NULL, i * 2] FROM generate_series(1, 20) g(i);
INSERT INTO t1 VALUES (0, NULL, NULL, NULL, NULL);
INSERT INTO t2 SELECT i % 5, i / 4.0, TIMESTAMPTZ '2024-01-01 00:00+00' + i * INTERVAL '7 hours', i % 3 = 0,
  'v' || i, i * INTERVAL '1 day 2 minutes', ('\x00ff' || lpad(to_hex(i), 2, '0'))::bytea, 'k' || i % 2
  FROM generate_series(1, 15) g(i);
INSERT INTO t2 VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE INDEX t2_x ON t2 (x);
CREATE UNIQUE INDEX t1_b ON t1 (b);
CREATE VIEW v1 AS SELECT a, b, x, y FROM t1 JOIN t2 ON t1.a = t2.x WHERE y > 0;
)sql";

std::string* g_dir = nullptr;

std::shared_ptr<kanto::Database> OpenDatabase() {
  std::string templ = (std::filesystem::temp_directory_path() / "kanto-sql-fuzz-XXXXXX").string();
  if (!mkdtemp(templ.data())) {
    std::perror("mkdtemp");
    std::abort();
  }
  g_dir = new std::string(templ);
  std::atexit([] { std::filesystem::remove_all(*g_dir); });
  kanto::Options options;
  options.sync_commit = false;
  options.query_memory_limit = 256ull << 20;
  kanto::Error error("00000", "");
  auto db = kanto::Database::Open(*g_dir + "/db", options, &error);
  if (!db) {
    std::fprintf(stderr, "cannot open the fuzz database: %s\n", error.message().c_str());
    std::abort();
  }
  kanto::Connection conn(db);
  for (auto& r : conn.ExecuteAll(kSchema)) {
    if (!r.ok()) {
      std::fprintf(stderr, "fuzz schema: %s\n", r.error().message().c_str());
      std::abort();
    }
  }
  return db;
}

// The harness's statement timeout bounds every statement (a slow query is not a bug, but it would
// stall the run), so an input may not change it: RESET ALL and SET/RESET statement_timeout are skipped.
bool ChangesTimeout(const kanto::ast::Statement& stmt) {
  if (stmt.kind != kanto::ast::StmtKind::kSet) return false;
  const auto& set = static_cast<const kanto::ast::SetStmt&>(stmt);
  return set.type == kanto::ast::SetStmt::Type::kResetAll || set.name == "statement_timeout";
}

bool Skipped(const kanto::ast::Statement& stmt) {
  using kanto::ast::StmtKind;
  return stmt.kind == StmtKind::kTransaction || stmt.kind == StmtKind::kCopy || stmt.kind == StmtKind::kVacuum ||
         stmt.kind == StmtKind::kRole || ChangesTimeout(stmt);
}

void Run(kanto::Connection& conn, std::string_view sql) {
  kanto::QueryResult r = conn.Execute(sql);
  if (!r.ok() && r.error().sqlstate() == "XX000") {
    std::fprintf(stderr, "internal error (XX000): %s\nstatement: %.*s\n", r.error().message().c_str(),
                 static_cast<int>(sql.size()), sql.data());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::shared_ptr<kanto::Database> db = OpenDatabase();
  std::string text(reinterpret_cast<const char*>(data), size);
  if (text.find('\0') != std::string::npos) return 0;  // not SQL text
  std::vector<kanto::ast::StatementPtr> statements;
  try {
    statements = kanto::ParseSql(text);
  } catch (const kanto::Error&) {
    return 0;  // rejected by the parser (the parser's own errors are covered right here)
  }
  kanto::Connection conn(db);
  Run(conn, "SET statement_timeout = '2s'");
  Run(conn, "BEGIN");
  for (const auto& stmt : statements) {
    if (Skipped(*stmt)) continue;
    size_t begin = static_cast<size_t>(stmt->location);
    size_t length = stmt->length > 0 ? static_cast<size_t>(stmt->length) : text.size() - begin;
    Run(conn, "SAVEPOINT fuzz");
    Run(conn, std::string_view(text).substr(begin, length));
    Run(conn, "ROLLBACK TO SAVEPOINT fuzz");
  }
  Run(conn, "ROLLBACK");
  return 0;
}
