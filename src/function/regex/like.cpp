#include "function/regex/like.hpp"

#include <locale.h>
#include <wctype.h>

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

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// ILIKE lowers both sides first, as PostgreSQL does, with the C.UTF-8 locale's towlower (what
// PostgreSQL uses for a C.UTF-8 database); ASCII only where that locale is missing.
std::string LowerForIlike(std::string_view s) {
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = CharLen(s, i);
    if (c < 0x80 || !utf8 || len < 2 || len > 4) {
      out += c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
      if (c >= 0x80) out.append(s.substr(i + 1, len - 1));
      i += len;
      continue;
    }
    uint32_t cp = c & (0x3F >> (len - 1));
    for (size_t k = 1; k < len; k++) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    AppendUtf8(out, static_cast<uint32_t>(towlower_l(static_cast<wint_t>(cp), utf8)));
    i += len;
  }
  return out;
}

bool Match(std::string_view s, std::string_view p);

}  // namespace

bool LikeMatch(std::string_view s, std::string_view p, bool icase) {
  if (!icase) return Match(s, p);
  return Match(LowerForIlike(s), LowerForIlike(p));
}

namespace {

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
    star_s += CharLen(s, star_s);
    si = star_s;
  }
  while (pi < p.size() && p[pi] == '%') pi++;
  if (pi + 1 == p.size() && p[pi] == '\\') EndsWithEscape();
  return pi == p.size();
}

}  // namespace

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
