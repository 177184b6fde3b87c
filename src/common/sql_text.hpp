// Small helpers for SQL text: quoting literals and identifiers the way PostgreSQL prints them,
// and attaching a statement position to an error.
#pragma once

#include <cctype>
#include <string>

#include "kanto/error.hpp"

namespace kanto {

inline std::string QuoteLiteral(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// Quotes an identifier unless it is a plain lower-case name.
inline std::string QuoteIdent(const std::string& s) {
  bool plain = !s.empty() && (std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_');
  for (char c : s) {
    plain = plain && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  }
  if (plain) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Sets the error's 1-based position from a 0-based statement offset, unless it has one.
inline Error At(Error e, int location) {
  if (location >= 0 && e.position() == 0) e.WithPosition(location + 1);
  return e;
}

}  // namespace kanto
