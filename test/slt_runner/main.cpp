// kanto_slt: runs sqllogictest files against an embedded Kanto database.
//   kanto_slt [--engine NAME] [--summary] [--fail-fast] [--list-failures N] [--plan-cache MODE] PATH...
// --plan-cache eager runs every cacheable statement through the literal plan cache's plan (the
// setting kanto.plan_cache, main/literal_plan_cache.hpp).
// Prints each failure, then the last line "N passed, N failed[, N skipped]". Exit code 0 iff no
// failure.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "kanto/kanto.hpp"
#include "md5.hpp"
#include "slt_parser.hpp"

namespace fs = std::filesystem;
using kanto::slt::Record;

namespace {

struct Options {
  std::string engine = "kanto";
  bool summary = false;
  bool fail_fast = false;
  bool verbose = false;
  int list_failures = 20;
  std::string plan_cache;  // kanto.plan_cache for each file's session ("": the default)
};

struct Counts {
  int64_t passed = 0, failed = 0, skipped = 0;
};

std::string FormatValue(const kanto::QueryResult& r, size_t row, size_t col, char type) {
  if (r.IsNull(row, col)) return "NULL";
  char buf[64];
  switch (type) {
    case 'I': {
      uint32_t oid = r.column(col).type_oid;
      if (oid == 16) return r.GetBool(row, col) ? "1" : "0";
      std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(r.GetInt64(row, col)));
      return buf;
    }
    case 'R':
      std::snprintf(buf, sizeof(buf), "%.3f", r.GetDouble(row, col));
      return buf;
    default: {
      std::string s = r.GetText(row, col);
      if (s.empty()) return "(empty)";
      for (auto& c : s) {
        if (c < ' ' || c > '~') c = '@';
      }
      return s;
    }
  }
}

std::string Md5Of(const std::vector<std::string>& values) {
  kanto::slt::Md5 md5;
  for (const auto& v : values) md5.Update(v + "\n");
  return md5.HexDigest();
}

bool IsHashLine(const std::string& line, size_t* count, std::string* hash) {
  std::istringstream in(line);
  std::string values, hashing, to;
  if (!(in >> *count >> values >> hashing >> to >> *hash)) return false;
  return values == "values" && hashing == "hashing" && to == "to";
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); i++) out += (i ? sep : "") + v[i];
  return out;
}

// `skipif sanitizer` / `onlyif sanitizer`: records whose answer depends on ASan's larger stack
// frames (how deep a statement fits in max_stack_depth).
#ifdef KANTO_SANITIZE
constexpr bool kSanitizerBuild = true;
#else
constexpr bool kSanitizerBuild = false;
#endif

bool ConditionsSkip(const Record& r, const std::string& engine) {
  for (const auto& c : r.conditions) {
    std::istringstream in(c);
    std::string word, name;
    in >> word >> name;
    if (name == "sanitizer") {
      if ((word == "skipif") == kSanitizerBuild) return true;
      continue;
    }
    if (word == "skipif" && name == engine) return true;
    if (word == "onlyif" && name != engine) return true;
  }
  return false;
}

class FileRunner {
 public:
  FileRunner(const std::string& path, const Options& opts, Counts* counts, int* failures_shown)
      : path_(path), opts_(opts), counts_(counts), failures_shown_(failures_shown) {}

  void Run() {
    std::ifstream in(path_);
    std::stringstream ss;
    ss << in.rdbuf();
    auto records = kanto::slt::ParseSlt(ss.str());
    fs::path dir = fs::temp_directory_path() / ("kanto-slt-" + std::to_string(getpid()) + "-" + std::to_string(rand()));
    kanto::Error err("00000", "");
    // Each file runs on a throw-away database: commits need not wait for fsync (durability has its
    // own test, test/e2e/persistence.sh).
    kanto::Options db_options;
    db_options.sync_commit = false;
    auto db = kanto::Database::Open(dir.string(), db_options, &err);
    if (!db) {
      Fail(0, "", "could not open database: " + err.message());
      return;
    }
    {
      kanto::Connection conn(db);
      if (!opts_.plan_cache.empty()) conn.Execute("SET kanto.plan_cache = '" + opts_.plan_cache + "'");
      for (const auto& r : records) {
        if (r.kind == Record::Kind::kHalt) {
          if (!ConditionsSkip(r, opts_.engine)) break;
          continue;
        }
        if (r.kind == Record::Kind::kHashThreshold) {
          hash_threshold_ = r.hash_threshold;
          continue;
        }
        if (r.kind == Record::Kind::kSkipped || ConditionsSkip(r, opts_.engine)) {
          counts_->skipped++;
          continue;
        }
        RunRecord(conn, r);
        if (opts_.fail_fast && counts_->failed) break;
      }
    }
    db.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

 private:
  void Fail(int line, const std::string& sql, const std::string& detail) {
    counts_->failed++;
    if (*failures_shown_ >= opts_.list_failures) return;
    (*failures_shown_)++;
    std::cout << "FAIL " << path_ << ":" << line << "\n  " << sql << "\n" << detail << "\n";
  }

  void RunRecord(kanto::Connection& conn, const Record& r) {
    kanto::QueryResult res = conn.Execute(r.sql);
    if (r.kind == Record::Kind::kStatementError) {
      if (res.ok()) {
        Fail(r.line, r.sql, "  expected an error, but the statement succeeded");
        return;
      }
      std::string got = res.error().sqlstate() + " " + res.error().message();
      if (!r.expected_error.empty() && got.find(r.expected_error) == std::string::npos) {
        Fail(r.line, r.sql, "  expected error matching: " + r.expected_error + "\n  got: " + got);
        return;
      }
      counts_->passed++;
      return;
    }
    if (!res.ok()) {
      Fail(r.line, r.sql, "  error " + res.error().sqlstate() + ": " + res.error().message());
      return;
    }
    if (r.kind == Record::Kind::kStatementOk) {
      if (r.expected_count >= 0 && static_cast<int64_t>(res.rows_affected()) != r.expected_count) {
        Fail(r.line, r.sql, "  expected count " + std::to_string(r.expected_count) + ", got " +
                                std::to_string(res.rows_affected()));
        return;
      }
      counts_->passed++;
      return;
    }
    // Query
    size_t ncols = res.column_count();
    if (!r.types.empty() && r.types.size() != ncols) {
      Fail(r.line, r.sql, "  expected " + std::to_string(r.types.size()) + " columns, got " + std::to_string(ncols));
      return;
    }
    std::vector<std::vector<std::string>> rows;
    for (size_t row = 0; row < res.row_count(); row++) {
      std::vector<std::string> vals;
      for (size_t c = 0; c < ncols; c++) vals.push_back(FormatValue(res, row, c, c < r.types.size() ? r.types[c] : 'T'));
      rows.push_back(std::move(vals));
    }
    if (r.sort == "rowsort") std::sort(rows.begin(), rows.end());
    std::vector<std::string> values;
    for (const auto& row : rows) values.insert(values.end(), row.begin(), row.end());
    if (r.sort == "valuesort") std::sort(values.begin(), values.end());

    size_t count;
    std::string hash;
    if (r.expected.size() == 1 && IsHashLine(r.expected[0], &count, &hash)) {
      std::string got = Md5Of(values);
      if (count != values.size() || got != hash) {
        Fail(r.line, r.sql, "  expected " + r.expected[0] + "\n  got " + std::to_string(values.size()) +
                                " values hashing to " + got);
        return;
      }
      counts_->passed++;
      return;
    }
    bool match = r.expected == values;
    if (!match) {
      std::vector<std::string> row_lines;
      for (const auto& row : rows) row_lines.push_back(Join(row, " "));
      match = r.expected == row_lines;
      if (!match) {
        row_lines.clear();
        for (const auto& row : rows) row_lines.push_back(Join(row, "\t"));
        match = r.expected == row_lines;
      }
    }
    if (!match && hash_threshold_ > 0 && static_cast<int>(values.size()) > hash_threshold_) {
      match = false;
    }
    if (!match) {
      std::string detail = "  expected:\n";
      for (const auto& e : r.expected) detail += "    " + e + "\n";
      detail += "  got:\n";
      for (const auto& row : rows) detail += "    " + Join(row, " ") + "\n";
      Fail(r.line, r.sql, detail);
      return;
    }
    counts_->passed++;
  }

  std::string path_;
  const Options& opts_;
  Counts* counts_;
  int* failures_shown_;
  int hash_threshold_ = 0;
};

std::vector<std::string> CollectFiles(const std::string& path) {
  std::vector<std::string> out;
  if (fs::is_directory(path)) {
    for (const auto& e : fs::recursive_directory_iterator(path)) {
      if (!e.is_regular_file()) continue;
      auto ext = e.path().extension().string();
      if (ext == ".slt" || ext == ".test") out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
  } else {
    out.push_back(path);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  Options opts;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--engine" && i + 1 < argc) opts.engine = argv[++i];
    else if (a == "--summary") opts.summary = true;
    else if (a == "--fail-fast") opts.fail_fast = true;
    else if (a == "--verbose") opts.verbose = true;
    else if (a == "--list-failures" && i + 1 < argc) opts.list_failures = std::atoi(argv[++i]);
    else if (a == "--plan-cache" && i + 1 < argc) opts.plan_cache = argv[++i];
    else if (a == "--help" || a == "-h") {
      std::cout << "usage: kanto_slt [--engine NAME] [--summary] [--fail-fast] [--list-failures N] [--plan-cache on|off|eager] PATH...\n"
                   "Runs sqllogictest files (.slt/.test) on a fresh embedded database per file.\n";
      return 0;
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) {
    std::cerr << "kanto_slt: no test files given (see --help)\n";
    return 2;
  }
  srand(static_cast<unsigned>(time(nullptr)));
  Counts total;
  int shown = 0;
  std::vector<std::string> summary;
  for (const auto& p : paths) {
    for (const auto& file : CollectFiles(p)) {
      Counts c;
      auto start = std::chrono::steady_clock::now();
      FileRunner(file, opts, &c, &shown).Run();
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (opts.summary || opts.verbose) {
        char buf[512];
        std::snprintf(buf, sizeof(buf), "%-60s %8lld %8lld %8lld %8.2f", file.c_str(), static_cast<long long>(c.passed),
                      static_cast<long long>(c.failed), static_cast<long long>(c.skipped), secs);
        summary.push_back(buf);
      }
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
      if (opts.fail_fast && total.failed) break;
    }
  }
  if (!summary.empty()) {
    std::printf("%-60s %8s %8s %8s %8s\n", "file", "passed", "failed", "skipped", "seconds");
    for (const auto& s : summary) std::printf("%s\n", s.c_str());
  }
  std::printf("%lld passed, %lld failed", static_cast<long long>(total.passed), static_cast<long long>(total.failed));
  if (total.skipped) std::printf(", %lld skipped", static_cast<long long>(total.skipped));
  std::printf("\n");
  return total.failed ? 1 : 0;
}
