#include "function/regex/like.hpp"

#include <locale.h>
#include <wctype.h>

#include <cctype>

#include "function/regex/utf8.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

[[noreturn]] void EndsWithEscape() {
  throw Error("22025", "LIKE pattern must not end with escape character");
}

// ILIKE lowers both sides first, as PostgreSQL does, with the C.UTF-8 locale's towlower (what
// PostgreSQL uses for a C.UTF-8 database); ASCII only where that locale is missing.
std::string LowerForIlike(std::string_view s) {
  static const locale_t c_utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = utf8::Decode(s, i);
    if (cp < 0x80) {
      out += static_cast<char>(std::tolower(static_cast<int>(cp)));
    } else {
      utf8::Append(out, c_utf8 ? static_cast<uint32_t>(towlower_l(static_cast<wint_t>(cp), c_utf8)) : cp);
    }
  }
  return out;
}

bool Match(std::string_view s, std::string_view p) {
  size_t si = 0, pi = 0, star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '%') {
      star_p = ++pi;
      star_s = si;
      continue;
    }
    if (pi < p.size()) {
      if (p[pi] == '_') {  // one character
        si += utf8::CharLen(s, si);
        pi++;
        continue;
      }
      size_t lit = pi;
      if (p[pi] == '\\') {
        if (pi + 1 >= p.size()) EndsWithEscape();
        lit = pi + 1;
      }
      size_t len = utf8::CharLen(p, lit);
      bool same = si + len <= s.size();
      for (size_t k = 0; same && k < len; k++) {
        same = s[si + k] == p[lit + k];
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
    star_s += utf8::CharLen(s, star_s);
    si = star_s;
  }
  while (pi < p.size() && p[pi] == '%') pi++;
  if (pi + 1 == p.size() && p[pi] == '\\') EndsWithEscape();
  return pi == p.size();
}

}  // namespace

bool LikeMatch(std::string_view s, std::string_view p, bool icase) {
  if (!icase) return Match(s, p);
  return Match(LowerForIlike(s), LowerForIlike(p));
}

std::string LikeEscape(std::string_view p, std::string_view e) {
  if (!e.empty() && utf8::CharLen(e, 0) != e.size()) {
    throw Error(sqlstate::kInvalidEscapeSequence, "invalid escape string").WithHint("Escape string must be empty or one character.");
  }
  std::string out;
  for (size_t i = 0; i < p.size();) {
    size_t len = utf8::CharLen(p, i);
    std::string_view c = p.substr(i, len);
    if (!e.empty() && c == e) {
      i += len;
      if (i >= p.size()) EndsWithEscape();
      len = utf8::CharLen(p, i);
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
