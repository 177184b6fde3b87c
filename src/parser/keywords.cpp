#include "parser/keywords.hpp"

#include <pg_query.h>

#include <mutex>
#include <unordered_map>

#include "common/sql_text.hpp"
#include "pg_query/pg_query.pb-c.h"

namespace kanto {

namespace {

// The scanner's keyword kind of a single word (NO_KEYWORD when it scans as anything else).
PgQuery__KeywordKind ScanKeywordKind(const std::string& word) {
  PgQueryScanResult result = pg_query_scan(word.c_str());
  PgQuery__KeywordKind kind = PG_QUERY__KEYWORD_KIND__NO_KEYWORD;
  if (!result.error) {
    PgQuery__ScanResult* scan = pg_query__scan_result__unpack(
        nullptr, result.pbuf.len, reinterpret_cast<const uint8_t*>(result.pbuf.data));
    if (scan) {
      if (scan->n_tokens == 1 && scan->tokens[0]->start == 0 &&
          static_cast<size_t>(scan->tokens[0]->end) == word.size()) {
        kind = scan->tokens[0]->keyword_kind;
      }
      pg_query__scan_result__free_unpacked(scan, nullptr);
    }
  }
  pg_query_free_scan_result(result);
  return kind;
}

}  // namespace

bool IsNonUnreservedKeyword(const std::string& word) {
  static std::mutex mu;
  static std::unordered_map<std::string, bool> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(word);
    if (it != cache.end()) return it->second;
  }
  PgQuery__KeywordKind kind = ScanKeywordKind(word);
  bool quote = kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD && kind != PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD;
  std::lock_guard<std::mutex> lock(mu);
  if (cache.size() < 4096) cache.emplace(word, quote);
  return quote;
}

std::string QuoteIdentifier(const std::string& s) {
  std::string quoted = QuoteIdent(s);
  if (quoted.size() != s.size() || !IsNonUnreservedKeyword(s)) return quoted;
  return "\"" + s + "\"";
}

}  // namespace kanto
