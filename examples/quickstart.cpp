// A tour of the embedding API: open a database directory, create a table, insert with a prepared
// statement, query, and read typed values. Usage: example_quickstart [DIR]
#include <cstdio>
#include <filesystem>

#include "kanto/kanto.hpp"

static bool Check(const kanto::QueryResult& r) {
  if (!r.ok()) {
    std::fprintf(stderr, "ERROR %s: %s\n", r.error().sqlstate().c_str(), r.error().message().c_str());
    return false;
  }
  return true;
}

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : "quickstart-data";
  std::filesystem::remove_all(dir);
  kanto::Error error("00000", "");
  auto db = kanto::Database::Open(dir, {}, &error);
  if (!db) {
    std::fprintf(stderr, "cannot open %s: %s\n", dir.c_str(), error.message().c_str());
    return 1;
  }
  kanto::Connection conn(db);
  if (!Check(conn.Execute("CREATE TABLE fruit (id integer PRIMARY KEY, name text NOT NULL, price numeric(6,2))"))) {
    return 1;
  }
  auto insert = conn.Prepare("INSERT INTO fruit VALUES ($1, $2, $3)", &error);
  if (!insert) {
    std::fprintf(stderr, "prepare failed: %s\n", error.message().c_str());
    return 1;
  }
  const char* names[] = {"apple", "banana", "cherry"};
  const char* prices[] = {"1.20", "0.5", "7.125"};
  for (int i = 0; i < 3; i++) {
    if (!Check(insert->Execute({kanto::Param(i + 1), kanto::Param(names[i]), kanto::Param(prices[i])}))) return 1;
  }
  auto dup = conn.Execute("INSERT INTO fruit VALUES (1, 'again', 0)");
  if (dup.ok() || dup.error().sqlstate() != "23505") {
    std::fprintf(stderr, "expected a unique violation\n");
    return 1;
  }
  auto r = conn.Execute("SELECT name, price FROM fruit WHERE price > 1 ORDER BY price DESC");
  if (!Check(r)) return 1;
  for (size_t row = 0; row < r.row_count(); row++) {
    std::printf("%s costs %s\n", r.GetText(row, 0).c_str(), r.GetText(row, 1).c_str());
  }
  if (r.row_count() != 2 || r.GetText(0, 0) != "cherry" || r.GetText(0, 1) != "7.13") {
    std::fprintf(stderr, "unexpected result\n");
    return 1;
  }
  auto count = conn.Execute("SELECT count(*) FROM fruit");
  if (!Check(count) || count.GetInt64(0, 0) != 3) return 1;
  std::printf("%s\n", count.command_tag().c_str());
  return 0;
}
