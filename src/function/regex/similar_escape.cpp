#include "function/regex/similar_escape.hpp"

#include "function/regex/utf8.hpp"
#include "kanto/error.hpp"

namespace kanto {

std::string SimilarToRegex(std::string_view pattern, const std::string_view* escape, bool shortest_prefix) {
  std::string_view esc = escape ? *escape : std::string_view("\\");
  if (!esc.empty() && utf8::CharLen(esc, 0) != esc.size()) {
    throw Error(sqlstate::kInvalidEscapeSequence, "invalid escape string").WithHint("Escape string must be empty or one character.");
  }
  // ^(?:part1){1,1}?(part2){1,1}(?:part3)$ when escape-double-quotes divide the pattern in three.
  std::string out = "^(?:";
  bool after_escape = false, in_class = false;
  int quotes = 0;
  for (size_t i = 0; i < pattern.size();) {
    size_t len = utf8::CharLen(pattern, i);
    std::string_view c = pattern.substr(i, len);
    i += len;
    bool lazy = shortest_prefix && quotes == 0;
    if (after_escape) {
      if (c == "\"" && !in_class) {
        if (quotes >= 2) {
          throw Error(sqlstate::kInvalidUseOfEscapeCharacter,
                      "SQL regular expression may not contain more than two escape-double-quote separators");
        }
        out += quotes == 0 ? "){1,1}?(" : "){1,1}(?:";
        quotes++;
      } else {
        out += '\\';
        out += c;
      }
      after_escape = false;
    } else if (!esc.empty() && c == esc) {
      after_escape = true;
    } else if (in_class) {
      if (c == "\\") out += '\\';
      out += c;
      if (c == "]") in_class = false;
    } else if (c == "[") {
      out += c;
      in_class = true;
    } else if (c == "%") {
      out += lazy ? ".*?" : ".*";
    } else if (c == "_") {
      out += '.';
    } else if (c == "(") {
      out += "(?:";
    } else if (c == "\\" || c == "." || c == "^" || c == "$") {
      out += '\\';
      out += c;
    } else {
      out += c;
      if (lazy && (c == "*" || c == "+" || c == "?" || c == "}")) out += '?';
    }
  }
  return out + ")$";
}

}  // namespace kanto
