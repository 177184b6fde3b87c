// bench/embedded: Kanto's embedding API against SQLite 3, with a raw RocksDB baseline, on the same
// work in one run. Prints one table: seconds per engine and the ratio Kanto/SQLite (> 1: Kanto is
// slower). Not a test: timings vary with the machine; see docs/performance.md.
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "kanto/kanto.hpp"

namespace {

struct Config {
  int64_t rows = 1'000'000;   // bulk insert and the table the reads use
  int64_t txns = 10'000;      // durable single-row transactions
  int64_t lookups = 100'000;  // point selects
  int64_t scans = 20;         // range aggregates over 10% of the table
  std::string dir;
};

double Seconds(const std::function<void()>& work) {
  auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "bench failed: %s\n", what.c_str());
  std::exit(1);
}

std::vector<int64_t> RandomKeys(int64_t count, int64_t max, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int64_t> dist(1, max);
  std::vector<int64_t> out(static_cast<size_t>(count));
  for (auto& k : out) k = dist(rng);
  return out;
}

std::string Text(int64_t i) { return "name-" + std::to_string(i * 7919 % 100000); }

// The shared schema: t(id, v, s); regions(5) <- customers(10k) <- orders(rows / 10).
constexpr int64_t kRegions = 5;
constexpr int64_t kCustomers = 10'000;

// ---------------------------------------------------------------- Kanto
class KantoBench {
 public:
  explicit KantoBench(const std::string& dir) {
    kanto::Error error("00000", "");
    db_ = kanto::Database::Open(dir, {}, &error);
    if (!db_) Fail("kanto open: " + error.message());
    conn_ = std::make_unique<kanto::Connection>(db_);
  }
  void Exec(const std::string& sql) {
    auto r = conn_->Execute(sql);
    if (!r.ok()) Fail("kanto: " + sql + ": " + r.error().message());
  }
  std::unique_ptr<kanto::PreparedStatement> Prepare(const std::string& sql) {
    kanto::Error error("00000", "");
    auto stmt = conn_->Prepare(sql, &error);
    if (!stmt) Fail("kanto prepare: " + sql + ": " + error.message());
    return stmt;
  }
  static void Run(kanto::PreparedStatement& stmt, const std::vector<kanto::Param>& params) {
    auto r = stmt.Execute(params);
    if (!r.ok()) Fail("kanto execute: " + r.error().message());
  }

  void Schema() {
    Exec("CREATE TABLE t (id bigint PRIMARY KEY, v bigint, s text)");
    Exec("CREATE TABLE durable (id bigint PRIMARY KEY, v bigint)");
    Exec("CREATE TABLE regions (id bigint PRIMARY KEY, name text)");
    Exec("CREATE TABLE customers (id bigint PRIMARY KEY, region bigint, name text)");
    Exec("CREATE TABLE orders (id bigint PRIMARY KEY, cust bigint, amount bigint)");
  }
  void Bulk(int64_t rows) {
    auto ins = Prepare("INSERT INTO t VALUES ($1, $2, $3)");
    Exec("BEGIN");
    for (int64_t i = 1; i <= rows; i++) Run(*ins, {kanto::Param(i), kanto::Param(i % 1000), kanto::Param(Text(i))});
    Exec("COMMIT");
  }
  void Durable(int64_t txns) {
    auto ins = Prepare("INSERT INTO durable VALUES ($1, $2)");
    for (int64_t i = 1; i <= txns; i++) Run(*ins, {kanto::Param(i), kanto::Param(i)});
  }
  void Lookups(const std::vector<int64_t>& keys) {
    auto sel = Prepare("SELECT v, s FROM t WHERE id = $1");
    for (int64_t k : keys) {
      auto r = sel->Execute({kanto::Param(k)});
      if (!r.ok() || r.row_count() != 1) Fail("kanto lookup");
    }
  }
  void Scans(int64_t rows, int64_t scans) {
    auto agg = Prepare("SELECT count(*), sum(v) FROM t WHERE id BETWEEN $1 AND $2");
    for (int64_t i = 0; i < scans; i++) {
      int64_t lo = 1 + (i * rows / scans) % (rows - rows / 10);
      Run(*agg, {kanto::Param(lo), kanto::Param(lo + rows / 10 - 1)});
    }
  }
  void LoadJoin(int64_t orders) {
    Exec("BEGIN");
    auto r = Prepare("INSERT INTO regions VALUES ($1, $2)");
    for (int64_t i = 1; i <= kRegions; i++) Run(*r, {kanto::Param(i), kanto::Param("region-" + std::to_string(i))});
    auto c = Prepare("INSERT INTO customers VALUES ($1, $2, $3)");
    for (int64_t i = 1; i <= kCustomers; i++) Run(*c, {kanto::Param(i), kanto::Param(i % kRegions + 1), kanto::Param(Text(i))});
    auto o = Prepare("INSERT INTO orders VALUES ($1, $2, $3)");
    for (int64_t i = 1; i <= orders; i++) Run(*o, {kanto::Param(i), kanto::Param(i % kCustomers + 1), kanto::Param(i % 500)});
    Exec("COMMIT");
  }
  void Join() {
    auto r = conn_->Execute(
        "SELECT r.name, count(*), sum(o.amount) FROM orders o JOIN customers c ON o.cust = c.id "
        "JOIN regions r ON c.region = r.id GROUP BY r.name");
    if (!r.ok() || r.row_count() != kRegions) Fail("kanto join");
  }

 private:
  std::shared_ptr<kanto::Database> db_;
  std::unique_ptr<kanto::Connection> conn_;
};

// ---------------------------------------------------------------- SQLite
class SqliteBench {
 public:
  explicit SqliteBench(const std::string& dir) {
    if (sqlite3_open((dir + "/bench.db").c_str(), &db_) != SQLITE_OK) Fail("sqlite open");
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=FULL");
  }
  ~SqliteBench() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) Fail("sqlite: " + sql + ": " + err);
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) Fail("sqlite prepare: " + sql);
    return s;
  }
  // Binds integers and texts (in order) and steps to completion; returns the rows seen.
  static int Run(sqlite3_stmt* s, const std::vector<int64_t>& ints, const std::string* text = nullptr) {
    sqlite3_reset(s);
    int i = 1;
    for (int64_t v : ints) sqlite3_bind_int64(s, i++, v);
    if (text) sqlite3_bind_text(s, i, text->c_str(), static_cast<int>(text->size()), SQLITE_TRANSIENT);
    int rows = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) rows++;
    if (rc != SQLITE_DONE) Fail("sqlite step");
    return rows;
  }

  void Schema() {
    Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER, s TEXT)");
    Exec("CREATE TABLE durable (id INTEGER PRIMARY KEY, v INTEGER)");
    Exec("CREATE TABLE regions (id INTEGER PRIMARY KEY, name TEXT)");
    Exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, region INTEGER, name TEXT)");
    Exec("CREATE TABLE orders (id INTEGER PRIMARY KEY, cust INTEGER, amount INTEGER)");
  }
  void Bulk(int64_t rows) {
    auto* ins = Prepare("INSERT INTO t VALUES (?, ?, ?)");
    Exec("BEGIN");
    for (int64_t i = 1; i <= rows; i++) {
      std::string s = Text(i);
      Run(ins, {i, i % 1000}, &s);
    }
    Exec("COMMIT");
    sqlite3_finalize(ins);
  }
  void Durable(int64_t txns) {
    auto* ins = Prepare("INSERT INTO durable VALUES (?, ?)");
    for (int64_t i = 1; i <= txns; i++) Run(ins, {i, i});
    sqlite3_finalize(ins);
  }
  void Lookups(const std::vector<int64_t>& keys) {
    auto* sel = Prepare("SELECT v, s FROM t WHERE id = ?");
    for (int64_t k : keys) {
      if (Run(sel, {k}) != 1) Fail("sqlite lookup");
    }
    sqlite3_finalize(sel);
  }
  void Scans(int64_t rows, int64_t scans) {
    auto* agg = Prepare("SELECT count(*), sum(v) FROM t WHERE id BETWEEN ? AND ?");
    for (int64_t i = 0; i < scans; i++) {
      int64_t lo = 1 + (i * rows / scans) % (rows - rows / 10);
      Run(agg, {lo, lo + rows / 10 - 1});
    }
    sqlite3_finalize(agg);
  }
  void LoadJoin(int64_t orders) {
    Exec("BEGIN");
    auto* r = Prepare("INSERT INTO regions VALUES (?, ?)");
    for (int64_t i = 1; i <= kRegions; i++) {
      std::string s = "region-" + std::to_string(i);
      Run(r, {i}, &s);
    }
    auto* c = Prepare("INSERT INTO customers VALUES (?, ?, ?)");
    for (int64_t i = 1; i <= kCustomers; i++) {
      std::string s = Text(i);
      Run(c, {i, i % kRegions + 1}, &s);
    }
    auto* o = Prepare("INSERT INTO orders VALUES (?, ?, ?)");
    for (int64_t i = 1; i <= orders; i++) Run(o, {i, i % kCustomers + 1, i % 500});
    Exec("COMMIT");
    for (auto* s : {r, c, o}) sqlite3_finalize(s);
  }
  void Join() {
    auto* j = Prepare(
        "SELECT r.name, count(*), sum(o.amount) FROM orders o JOIN customers c ON o.cust = c.id "
        "JOIN regions r ON c.region = r.id GROUP BY r.name");
    if (Run(j, {}) != kRegions) Fail("sqlite join");
    sqlite3_finalize(j);
  }

 private:
  sqlite3* db_ = nullptr;
};

// ---------------------------------------------------------------- RocksDB
class RocksBench {
 public:
  explicit RocksBench(const std::string& dir) {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    auto s = rocksdb::DB::Open(options, dir, &db);
    if (!s.ok()) Fail("rocksdb open: " + s.ToString());
    db_.reset(db);
  }
  static std::string Key(char table, int64_t id) {
    std::string k(1, table);
    for (int i = 7; i >= 0; i--) k.push_back(static_cast<char>((static_cast<uint64_t>(id) >> (i * 8)) & 0xff));
    return k;
  }
  void Bulk(int64_t rows) {
    rocksdb::WriteBatch batch;
    for (int64_t i = 1; i <= rows; i++) batch.Put(Key('t', i), std::to_string(i % 1000) + "|" + Text(i));
    rocksdb::WriteOptions wo;
    wo.sync = true;
    if (!db_->Write(wo, &batch).ok()) Fail("rocksdb bulk");
  }
  void Durable(int64_t txns) {
    rocksdb::WriteOptions wo;
    wo.sync = true;
    for (int64_t i = 1; i <= txns; i++) {
      if (!db_->Put(wo, Key('d', i), std::to_string(i)).ok()) Fail("rocksdb put");
    }
  }
  void Lookups(const std::vector<int64_t>& keys) {
    std::string value;
    for (int64_t k : keys) {
      if (!db_->Get(rocksdb::ReadOptions(), Key('t', k), &value).ok()) Fail("rocksdb get");
    }
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
};

struct Row {
  std::string name;
  double kanto = 0, sqlite = 0, rocks = -1;
};

void Print(const std::vector<Row>& rows) {
  std::printf("\n%-44s %10s %10s %10s %14s\n", "workload", "kanto s", "sqlite s", "rocksdb s", "kanto/sqlite");
  for (const auto& r : rows) {
    char rocks[32] = "-";
    if (r.rocks >= 0) std::snprintf(rocks, sizeof(rocks), "%.3f", r.rocks);
    std::printf("%-44s %10.3f %10.3f %10s %13.2fx\n", r.name.c_str(), r.kanto, r.sqlite, rocks, r.kanto / r.sqlite);
  }
  std::printf("(ratio > 1: Kanto is slower than SQLite)\n");
}

Config ParseArgs(int argc, char** argv) {
  Config c;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Fail("missing value for " + a);
      return argv[++i];
    };
    if (a == "--rows") {
      c.rows = std::stoll(next());
    } else if (a == "--txns") {
      c.txns = std::stoll(next());
    } else if (a == "--lookups") {
      c.lookups = std::stoll(next());
    } else if (a == "--dir") {
      c.dir = next();
    } else {
      std::printf("usage: kanto_bench_embedded [--rows N] [--txns N] [--lookups N] [--dir DIR]\n");
      std::exit(a == "--help" ? 0 : 2);
    }
  }
  if (c.rows < 100) Fail("--rows must be at least 100");
  if (c.dir.empty()) {
    char tmpl[] = "/tmp/kanto-bench-XXXXXX";
    if (!mkdtemp(tmpl)) Fail("mkdtemp");
    c.dir = tmpl;
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  Config c = ParseArgs(argc, argv);
  std::filesystem::create_directories(c.dir + "/kanto");
  std::filesystem::create_directories(c.dir + "/sqlite");
  KantoBench kanto(c.dir + "/kanto");
  SqliteBench sqlite(c.dir + "/sqlite");
  RocksBench rocks(c.dir + "/rocksdb");
  kanto.Schema();
  sqlite.Schema();
  auto keys = RandomKeys(c.lookups, c.rows, 42);
  int64_t orders = std::max<int64_t>(c.rows / 10, 1000);
  std::printf("rows=%lld txns=%lld lookups=%lld orders=%lld dir=%s\n", static_cast<long long>(c.rows),
              static_cast<long long>(c.txns), static_cast<long long>(c.lookups), static_cast<long long>(orders),
              c.dir.c_str());
  std::vector<Row> rows;
  auto measure = [&](const std::string& name, const std::function<void()>& k, const std::function<void()>& s,
                     const std::function<void()>& r) {
    Row row{name};
    row.kanto = Seconds(k);
    row.sqlite = Seconds(s);
    if (r) row.rocks = Seconds(r);
    rows.push_back(row);
    std::fprintf(stderr, "  %s done\n", name.c_str());
  };
  measure("bulk insert " + std::to_string(c.rows) + " rows, one transaction", [&] { kanto.Bulk(c.rows); },
          [&] { sqlite.Bulk(c.rows); }, [&] { rocks.Bulk(c.rows); });
  measure(std::to_string(c.txns) + " durable single-row transactions", [&] { kanto.Durable(c.txns); },
          [&] { sqlite.Durable(c.txns); }, [&] { rocks.Durable(c.txns); });
  measure(std::to_string(c.lookups) + " point selects by primary key", [&] { kanto.Lookups(keys); },
          [&] { sqlite.Lookups(keys); }, [&] { rocks.Lookups(keys); });
  measure(std::to_string(c.scans) + " range count/sum over 10% of rows", [&] { kanto.Scans(c.rows, c.scans); },
          [&] { sqlite.Scans(c.rows, c.scans); }, nullptr);
  measure("load 3 join tables (" + std::to_string(orders) + " orders)", [&] { kanto.LoadJoin(orders); },
          [&] { sqlite.LoadJoin(orders); }, nullptr);
  measure("3-table join + GROUP BY", [&] { kanto.Join(); }, [&] { sqlite.Join(); }, nullptr);
  Print(rows);
  std::error_code ec;
  std::filesystem::remove_all(c.dir, ec);
  return 0;
}
