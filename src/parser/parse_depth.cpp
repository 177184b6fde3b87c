#include "parser/parse_depth.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <vector>

namespace kanto::parser {

namespace {

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80); }

bool IsOneOf(std::string_view word, std::initializer_list<const char*> words) {
  for (const char* w : words) {
    std::string_view k(w);
    if (word.size() != k.size()) continue;
    bool same = true;
    for (size_t i = 0; i < k.size() && same; i++) {
      same = std::tolower(static_cast<unsigned char>(word[i])) == k[i];
    }
    if (same) return true;
  }
  return false;
}

struct Level {
  size_t run = 0;    // tokens since the last comma
  size_t chain = 0;  // set operations and joins
};

}  // namespace

size_t ParseDepthBound(std::string_view sql) {
  std::vector<Level> levels(1);
  size_t depth = 0;  // sum over the levels, kept up to date
  size_t best = 0;
  auto token = [&](size_t weight) {
    levels.back().run += weight;
    depth += weight;
    best = std::max(best, depth + levels.size());
  };
  size_t i = 0, n = sql.size();
  while (i < n) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      i++;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') i++;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      int nesting = 0;
      do {
        if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') {
          nesting++;
          i += 2;
        } else if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/') {
          nesting--;
          i += 2;
        } else {
          i++;
        }
      } while (i < n && nesting > 0);
    } else if (c == '\'' || c == '"') {
      // 'text' (E'..' may escape quotes with a backslash) or "identifier"; doubled quotes escape.
      bool backslash = c == '\'' && i > 0 && (sql[i - 1] == 'e' || sql[i - 1] == 'E');
      i++;
      while (i < n) {
        if (backslash && sql[i] == '\\') {
          i += 2;
        } else if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) {
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          i++;
        }
      }
      token(1);
    } else if (c == '$' && i + 1 < n && !std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      // $tag$ ... $tag$ (a lone $ or $1 parameter falls through to a word below)
      size_t end = i + 1;
      while (end < n && (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) end++;
      if (end < n && sql[end] == '$') {
        std::string_view tag = sql.substr(i, end - i + 1);
        size_t close = sql.find(tag, end + 1);
        i = close == std::string_view::npos ? n : close + tag.size();
      } else {
        i++;
      }
      token(1);
    } else if (IsWordChar(c)) {
      size_t start = i;
      while (i < n && IsWordChar(sql[i])) i++;
      std::string_view word = sql.substr(start, i - start);
      if (IsOneOf(word, {"union", "intersect", "except", "join"})) {
        // One more level of the left-deep chain; the next operand starts afresh.
        depth -= levels.back().run;
        levels.back().run = 0;
        levels.back().chain++;
        depth++;
        best = std::max(best, depth + levels.size());
      } else if (IsOneOf(word, {"and", "or", "when", "then", "else"})) {
        // Operands of one flat list (PostgreSQL's grammar flattens AND and OR chains).
        depth -= levels.back().run;
        levels.back().run = 0;
      } else {
        token(1);
      }
    } else if (c == '(' || c == '[') {
      token(1);
      levels.emplace_back();
      best = std::max(best, depth + levels.size());
      i++;
    } else if (c == ')' || c == ']') {
      if (levels.size() > 1) {
        depth -= levels.back().run + levels.back().chain;
        levels.pop_back();
      }
      i++;
    } else if (c == ',') {
      depth -= levels.back().run;
      levels.back().run = 0;
      i++;
    } else if (c == ';') {
      levels.assign(1, Level{});
      depth = 0;
      i++;
    } else {
      token(1);  // every operator character: prefix operators nest one level each
      i++;
    }
  }
  return best;
}

}  // namespace kanto::parser
