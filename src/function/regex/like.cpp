#include "function/regex/like.hpp"

#include <cctype>

#include "kanto/error.hpp"

namespace kanto {

namespace {

size_t CharLen(std::string_view s, size_t i) {
  size_t j = i + 1;
  while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) j++;
  return j - i;
}

[[noreturn]] void EndsWithEscape() {
  throw Error("22025", "LIKE pattern must not end with escape character");
}

}  // namespace

bool LikeMatch(std::string_view s, std::string_view p, bool icase) {
  auto fold = [icase](unsigned char c) { return icase ? static_cast<unsigned char>(std::tolower(c)) : c; };
  size_t si = 0, pi = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '%') {
      star_p = ++pi;
      star_s = si;
      continue;
    }
    if (pi < p.size()) {
      if (p[pi] == '_') {  // one character
        si += CharLen(s, si);
        pi++;
        continue;
      }
      size_t lit = pi;
      if (p[pi] == '\\') {
        if (pi + 1 >= p.size()) EndsWithEscape();
        lit = pi + 1;
      }
      size_t len = CharLen(p, lit);
      bool same = si + len <= s.size();
      for (size_t k = 0; same && k < len; k++) {
        same = fold(static_cast<unsigned char>(s[si + k])) == fold(static_cast<unsigned char>(p[lit + k]));
      }
      if (same) {
        si += len;
        pi = lit + len;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    // Resume after the last %: it takes one more character of the text.
    pi = star_p;
    star_s += CharLen(s, star_s);
    si = star_s;
  }
  while (pi < p.size() && p[pi] == '%') pi++;
  if (pi + 1 == p.size() && p[pi] == '\\') EndsWithEscape();
  return pi == p.size();
}

std::string LikeEscape(std::string_view p, std::string_view e) {
  if (!e.empty() && CharLen(e, 0) != e.size()) {
    throw Error(sqlstate::kInvalidEscapeSequence, "invalid escape string").WithHint("Escape string must be empty or one character.");
  }
  std::string out;
  for (size_t i = 0; i < p.size();) {
    size_t len = CharLen(p, i);
    std::string_view c = p.substr(i, len);
    if (!e.empty() && c == e) {
      i += len;
      if (i >= p.size()) EndsWithEscape();
      len = CharLen(p, i);
      out += '\\';
      out += p.substr(i, len);
    } else if (c == "\\") {
      out += "\\\\";
    } else {
      out += c;
    }
    i += len;
  }
  return out;
}

}  // namespace kanto
