#include "parser/literal_scan.hpp"

#include <cerrno>
#include <cstdlib>

namespace kanto {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentChar(char c) { return IsIdentStart(c) || IsDigit(c) || c == '$'; }

// The end of the quoted token at `start` ("..." or '...', a doubled quote inside), or npos when
// it is not closed or holds a backslash or a control character other than white space.
size_t QuotedEnd(std::string_view text, size_t start) {
  char quote = text[start];
  for (size_t i = start + 1; i < text.size(); i++) {
    char c = text[i];
    if (c == '\\' || (static_cast<unsigned char>(c) < 0x20 && !IsSpace(c))) return std::string_view::npos;
    if (c != quote) continue;
    if (i + 1 < text.size() && text[i + 1] == quote) {
      i++;
      continue;
    }
    return i + 1;
  }
  return std::string_view::npos;
}

// Marker bytes of the key: control characters, which a scanned text never holds.
constexpr char kMarker = '\x01';

}  // namespace

bool ScanLiterals(std::string_view text, LiteralScan* out) {
  out->key.clear();
  out->literals.clear();
  out->key.reserve(text.size());
  size_t n = text.size();
  size_t i = 0;
  bool ended = false;  // after the statement's ';' only white space may follow
  while (i < n) {
    char c = text[i];
    if (IsSpace(c)) {
      out->key.push_back(c);
      i++;
      continue;
    }
    if (ended) return false;
    if (c == ';') {
      ended = true;
      out->key.push_back(c);
      i++;
      continue;
    }
    if (IsIdentStart(c)) {
      size_t start = i;
      while (i < n && IsIdentChar(text[i])) i++;
      // E'..', B'..', X'..', N'..', U&'..', U&"..", and typed literals written without a space.
      if (i < n && (text[i] == '\'' || text[i] == '&')) return false;
      out->key.append(text.substr(start, i - start));
      continue;
    }
    if (c == '"') {
      size_t start = i;
      i = QuotedEnd(text, i);
      if (i == std::string_view::npos) return false;
      if (i < n && text[i] == '\'') return false;
      out->key.append(text.substr(start, i - start));
      continue;
    }
    if (c == '\'') {
      size_t start = i;
      i = QuotedEnd(text, i);
      if (i == std::string_view::npos) return false;
      // 'a' 'b' across a line break is one literal to PostgreSQL's lexer.
      size_t next = i;
      while (next < n && IsSpace(text[next])) next++;
      if (next < n && text[next] == '\'') return false;
      out->literals.push_back({ScannedLiteral::Kind::kString, static_cast<uint32_t>(start), static_cast<uint32_t>(i - start)});
      out->key.push_back(kMarker);
      out->key.push_back('s');
      continue;
    }
    if (IsDigit(c) || (c == '.' && i + 1 < n && IsDigit(text[i + 1]))) {
      size_t start = i;
      auto kind = ScannedLiteral::Kind::kInteger;
      while (i < n && IsDigit(text[i])) i++;
      if (i < n && text[i] == '.') {
        if (i + 1 < n && text[i + 1] == '.') return false;
        kind = ScannedLiteral::Kind::kDecimal;
        i++;
        while (i < n && IsDigit(text[i])) i++;
      }
      if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        size_t e = i + 1;
        if (e < n && (text[e] == '+' || text[e] == '-')) e++;
        if (e >= n || !IsDigit(text[e])) return false;
        while (e < n && IsDigit(text[e])) e++;
        kind = ScannedLiteral::Kind::kDecimal;
        i = e;
      }
      if (i < n && (IsIdentChar(text[i]) || text[i] == '.')) return false;
      out->literals.push_back({kind, static_cast<uint32_t>(start), static_cast<uint32_t>(i - start)});
      out->key.push_back(kMarker);
      char cls = 'n';
      if (kind == ScannedLiteral::Kind::kInteger) {
        // int4-sized integers apart from larger ones (int8, numeric), so that both stay cached.
        std::string_view digits = text.substr(start, i - start);
        while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
        cls = digits.size() < 10 || (digits.size() == 10 && digits <= "2147483647") ? 'i' : 'l';
      }
      out->key.push_back(cls);
      continue;
    }
    if (c == '-' && i + 1 < n && text[i + 1] == '-') return false;
    if (c == '/' && i + 1 < n && text[i + 1] == '*') return false;
    if (c == '$' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    out->key.push_back(c);
    i++;
  }
  return true;
}

ast::Constant LiteralConstant(std::string_view text, const ScannedLiteral& lit, bool negate) {
  ast::Constant c;
  c.location = static_cast<int>(lit.pos);
  std::string_view token = text.substr(lit.pos, lit.len);
  if (lit.kind == ScannedLiteral::Kind::kString) {
    c.type = ast::Constant::Type::kString;
    c.str.reserve(token.size() - 2);
    for (size_t i = 1; i + 1 < token.size(); i++) {
      c.str.push_back(token[i]);
      if (token[i] == '\'') i++;  // '' is one quote
    }
    return c;
  }
  std::string digits = negate ? "-" : "";
  digits.append(token);
  if (lit.kind == ScannedLiteral::Kind::kInteger) {
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(digits.c_str(), &end, 10);
    if (errno != ERANGE && end && *end == '\0') {
      c.type = ast::Constant::Type::kInteger;
      c.ival = v;
      return c;
    }
  }
  c.type = ast::Constant::Type::kNumeric;
  c.str = std::move(digits);
  return c;
}

}  // namespace kanto
