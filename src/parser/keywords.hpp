// PostgreSQL's keyword categories, for printing identifiers the way quote_ident() does.
#pragma once

#include <string>

namespace kanto {

// True when `word` (lower case) is a keyword that cannot be used as a bare column name
// (reserved, type/function-name or column-name keywords: "any", "select", "between", ...).
bool IsNonUnreservedKeyword(const std::string& word);

// quote_ident(): `s` as is when it is a plain lower-case name that is not such a keyword, else in
// double quotes with embedded quotes doubled.
std::string QuoteIdentifier(const std::string& s);

}  // namespace kanto
