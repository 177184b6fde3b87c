#include "types/json.hpp"

#include <cstdio>
#include <vector>

#include "common/stack_depth.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

bool IsDelimiter(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' || c == '[' || c == ']' ||
         c == '{' || c == '}' || c == '"';
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

enum class Token { kEnd, kString, kScalar, kObjectStart, kObjectEnd, kArrayStart, kArrayEnd, kComma, kColon };

// A lexer over the input, with the error wording of PostgreSQL's json parser.
class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  // The next token; its text is s_[start_, pos_).
  Token Next() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) pos_++;
    start_ = pos_;
    if (pos_ == s_.size()) return Token::kEnd;
    char c = s_[pos_];
    switch (c) {
      case '{': pos_++; return Token::kObjectStart;
      case '}': pos_++; return Token::kObjectEnd;
      case '[': pos_++; return Token::kArrayStart;
      case ']': pos_++; return Token::kArrayEnd;
      case ',': pos_++; return Token::kComma;
      case ':': pos_++; return Token::kColon;
      case '"': String(); return Token::kString;
      default: break;
    }
    // A number or a word (true, false, null): the run up to the next delimiter must be exactly one.
    size_t end = pos_;
    while (end < s_.size() && !IsDelimiter(s_[end])) end++;
    std::string_view word = s_.substr(pos_, end - pos_);
    pos_ = end;
    if (word == "true" || word == "false" || word == "null" || IsJsonNumber(word)) return Token::kScalar;
    Fail("Token \"" + std::string(word) + "\" is invalid.");
  }

  std::string Text() const { return std::string(s_.substr(start_, pos_ - start_)); }
  std::string_view View() const { return s_.substr(start_, pos_ - start_); }
  size_t start() const { return start_; }
  size_t end() const { return pos_; }
  std::string_view Slice(size_t from, size_t to) const { return s_.substr(from, to - from); }

  [[noreturn]] void Fail(const std::string& detail) const {
    throw Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type json").WithDetail(detail);
  }
  [[noreturn]] void Expected(const char* what, Token got) const {
    if (got == Token::kEnd) Fail("The input string ended unexpectedly.");
    Fail(std::string("Expected ") + what + ", but found \"" + Text() + "\".");
  }

 private:
  void String() {
    pos_++;  // the opening quote
    while (true) {
      if (pos_ >= s_.size()) Fail("The input string ended unexpectedly.");
      auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') { pos_++; return; }
      if (c < 0x20) {
        char hex[8];
        std::snprintf(hex, sizeof(hex), "0x%02x", c);
        Fail(std::string("Character with value ") + hex + " must be escaped.");
      }
      if (c != '\\') { pos_++; continue; }
      if (++pos_ >= s_.size()) Fail("The input string ended unexpectedly.");
      char e = s_[pos_];
      if (e == 'u') {
        for (int i = 1; i <= 4; i++) {
          if (pos_ + i >= s_.size() || !IsHex(s_[pos_ + i])) Fail("\"\\u\" must be followed by four hexadecimal digits.");
        }
        pos_ += 5;
        continue;
      }
      if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
        // PostgreSQL names the escape with the character after the backslash (a whole UTF-8 sequence).
        size_t len = 1;
        while (pos_ + len < s_.size() && (static_cast<unsigned char>(s_[pos_ + len]) & 0xC0) == 0x80) len++;
        Fail("Escape sequence \"\\" + std::string(s_.substr(pos_, len)) + "\" is invalid.");
      }
      pos_++;
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  size_t start_ = 0;
};

void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The string a (lexed, so well-formed) JSON string literal stands for.
std::string DecodeString(std::string_view lit, const Lexer& lex) {
  std::string out;
  uint32_t high = 0;  // a pending high surrogate
  auto surrogate_error = [&](const char* detail) { lex.Fail(detail); };
  for (size_t i = 1; i + 1 < lit.size(); i++) {
    char c = lit[i];
    if (c != '\\') {
      if (high) surrogate_error("Unicode low surrogate must follow a high surrogate.");
      out.push_back(c);
      continue;
    }
    char e = lit[++i];
    if (e == 'u') {
      uint32_t cp = static_cast<uint32_t>(std::stoul(std::string(lit.substr(i + 1, 4)), nullptr, 16));
      i += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (high) surrogate_error("Unicode high surrogate must not follow a high surrogate.");
        high = cp;
        continue;
      }
      if (cp >= 0xDC00 && cp <= 0xDFFF) {
        if (!high) surrogate_error("Unicode low surrogate must follow a high surrogate.");
        cp = 0x10000 + ((high - 0xD800) << 10) + (cp - 0xDC00);
        high = 0;
      } else if (high) {
        surrogate_error("Unicode low surrogate must follow a high surrogate.");
      }
      if (cp == 0) {
        throw Error(sqlstate::kUntranslatableCharacter, "unsupported Unicode escape sequence")
            .WithDetail("\\u0000 cannot be converted to text.");
      }
      AppendUtf8(&out, cp);
      continue;
    }
    if (high) surrogate_error("Unicode low surrogate must follow a high surrogate.");
    switch (e) {
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      default: out.push_back(e); break;  // " \\ /
    }
  }
  if (high) surrogate_error("Unicode low surrogate must follow a high surrogate.");
  return out;
}

// Recursive descent (each level checks the stack budget, as PostgreSQL's parser does); `t` is the
// value's first token, and on return the token after it.
JsonValue ParseValue(Lexer& lex, Token& t) {
  CheckStackDepth();
  JsonValue v;
  size_t from = lex.start();
  size_t to = lex.end();
  switch (t) {
    case Token::kString:
      v.kind = JsonValue::Kind::kString;
      v.text = DecodeString(lex.View(), lex);
      t = lex.Next();
      break;
    case Token::kScalar: {
      std::string_view w = lex.View();
      if (w == "null") {
        v.kind = JsonValue::Kind::kNull;
      } else if (w == "true" || w == "false") {
        v.kind = JsonValue::Kind::kBool;
        v.boolean = w == "true";
      } else {
        v.kind = JsonValue::Kind::kNumber;
        v.text = std::string(w);
      }
      t = lex.Next();
      break;
    }
    case Token::kArrayStart:
      v.kind = JsonValue::Kind::kArray;
      t = lex.Next();
      if (t != Token::kArrayEnd) {
        while (true) {
          v.items.push_back(ParseValue(lex, t));
          if (t == Token::kArrayEnd) break;
          if (t != Token::kComma) lex.Expected("\",\" or \"]\"", t);
          t = lex.Next();
        }
      }
      to = lex.end();
      t = lex.Next();
      break;
    case Token::kObjectStart:
      v.kind = JsonValue::Kind::kObject;
      t = lex.Next();
      if (t != Token::kObjectEnd) {
        while (true) {
          if (t != Token::kString) lex.Expected(v.keys.empty() ? "string or \"}\"" : "string", t);
          v.keys.push_back(DecodeString(lex.View(), lex));
          if ((t = lex.Next()) != Token::kColon) lex.Expected("\":\"", t);
          t = lex.Next();
          v.items.push_back(ParseValue(lex, t));
          if (t == Token::kObjectEnd) break;
          if (t != Token::kComma) lex.Expected("\",\" or \"}\"", t);
          t = lex.Next();
        }
      }
      to = lex.end();
      t = lex.Next();
      break;
    default:
      lex.Expected("JSON value", t);
  }
  v.raw = lex.Slice(from, to);
  return v;
}

}  // namespace

JsonValue ParseJson(std::string_view text) {
  Lexer lex(text);
  Token t = lex.Next();
  JsonValue v = ParseValue(lex, t);
  if (t != Token::kEnd) lex.Expected("end of input", t);
  return v;
}

bool IsJsonNumber(std::string_view s) {
  size_t i = 0, n = s.size();
  auto digits = [&] {
    size_t from = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    return i > from;
  };
  if (i < n && s[i] == '-') i++;
  if (i < n && s[i] == '0') {
    i++;
  } else if (!digits()) {
    return false;
  }
  if (i < n && s[i] == '.') {
    i++;
    if (!digits()) return false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (!digits()) return false;
  }
  return i == n;
}

// Iterative (an explicit stack of open containers), so nesting depth costs no native stack.
void ValidateJson(std::string_view text) {
  Lexer lex(text);
  std::vector<char> open;  // '{' or '['
  Token t = lex.Next();
  while (true) {
    // A value starts here.
    if (t == Token::kObjectStart) {
      t = lex.Next();
      if (t == Token::kObjectEnd) {
        t = lex.Next();
      } else {
        if (t != Token::kString) lex.Expected("string or \"}\"", t);
        if ((t = lex.Next()) != Token::kColon) lex.Expected("\":\"", t);
        open.push_back('{');
        t = lex.Next();
        continue;
      }
    } else if (t == Token::kArrayStart) {
      t = lex.Next();
      if (t == Token::kArrayEnd) {
        t = lex.Next();
      } else {
        open.push_back('[');
        continue;
      }
    } else if (t == Token::kString || t == Token::kScalar) {
      t = lex.Next();
    } else {
      lex.Expected("JSON value", t);
    }
    // After a value: close containers, or a comma and the next member or element.
    while (true) {
      if (open.empty()) {
        if (t != Token::kEnd) lex.Expected("end of input", t);
        return;
      }
      if (open.back() == '{') {
        if (t == Token::kObjectEnd) { open.pop_back(); t = lex.Next(); continue; }
        if (t != Token::kComma) lex.Expected("\",\" or \"}\"", t);
        if ((t = lex.Next()) != Token::kString) lex.Expected("string", t);
        if ((t = lex.Next()) != Token::kColon) lex.Expected("\":\"", t);
        t = lex.Next();
        break;
      }
      if (t == Token::kArrayEnd) { open.pop_back(); t = lex.Next(); continue; }
      if (t != Token::kComma) lex.Expected("\",\" or \"]\"", t);
      t = lex.Next();
      break;
    }
  }
}

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          *out += buf;
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

}  // namespace kanto
