#include "slt_parser.hpp"

#include <sstream>

namespace kanto::slt {

namespace {
std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }
}  // namespace

std::vector<Record> ParseSlt(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string l;
  while (std::getline(in, l)) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(l);
  }
  std::vector<Record> out;
  std::vector<std::string> conditions;
  size_t i = 0;
  while (i < lines.size()) {
    const std::string& line = lines[i];
    if (Blank(line) || line[0] == '#') {
      i++;
      continue;
    }
    auto w = Words(line);
    Record r;
    r.line = static_cast<int>(i + 1);
    if (w[0] == "skipif" || w[0] == "onlyif") {
      conditions.push_back(line);
      i++;
      continue;
    }
    r.conditions = conditions;
    conditions.clear();
    if (w[0] == "halt") {
      r.kind = Record::Kind::kHalt;
      out.push_back(r);
      i++;
      continue;
    }
    if (w[0] == "hash-threshold") {
      r.kind = Record::Kind::kHashThreshold;
      r.hash_threshold = w.size() > 1 ? std::stoi(w[1]) : 0;
      out.push_back(r);
      i++;
      continue;
    }
    bool is_statement = w[0] == "statement";
    bool is_query = w[0] == "query";
    if (!is_statement && !is_query) {
      // Unknown directive: skip its block.
      r.kind = Record::Kind::kSkipped;
      while (i < lines.size() && !Blank(lines[i])) i++;
      out.push_back(r);
      continue;
    }
    if (is_statement) {
      std::string mode = w.size() > 1 ? w[1] : "ok";
      if (mode == "error") {
        r.kind = Record::Kind::kStatementError;
        size_t pos = line.find("error");
        std::string rest = line.substr(pos + 5);
        size_t b = rest.find_first_not_of(" \t");
        r.expected_error = b == std::string::npos ? "" : rest.substr(b);
      } else if (mode == "count") {
        r.kind = Record::Kind::kStatementOk;
        r.expected_count = w.size() > 2 ? std::stoll(w[2]) : -1;
      } else {
        r.kind = Record::Kind::kStatementOk;
      }
    } else {
      r.kind = Record::Kind::kQuery;
      r.types = w.size() > 1 ? w[1] : "";
      if (w.size() > 2) r.sort = w[2];
    }
    i++;
    std::string sql;
    while (i < lines.size() && !Blank(lines[i]) && lines[i] != "----") {
      if (!sql.empty()) sql += "\n";
      sql += lines[i];
      i++;
    }
    r.sql = sql;
    if (i < lines.size() && lines[i] == "----") {
      i++;
      while (i < lines.size() && !Blank(lines[i])) {
        r.expected.push_back(lines[i]);
        i++;
      }
      if (r.kind == Record::Kind::kStatementError && !r.expected.empty() && r.expected_error.empty()) {
        r.expected_error = r.expected[0];
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace kanto::slt
