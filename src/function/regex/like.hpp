// LIKE and ILIKE matching with PostgreSQL's rules: % any run of characters, _ one character, the
// escape character (backslash unless LIKE ... ESCAPE says otherwise, through like_escape) makes the
// next character literal. Iterative, O(text x pattern) at worst: only the last % seen is ever
// resumed, which is enough for patterns with no other operator than % and _.
#pragma once

#include <string>
#include <string_view>

namespace kanto {

// Throws 22025 for a pattern that ends with the escape character, as PostgreSQL does.
bool LikeMatch(std::string_view text, std::string_view pattern, bool icase);

// like_escape(pattern, escape): the pattern rewritten to use backslash as its escape (22019 for an
// escape of more than one character, 22025 for a pattern ending in the escape).
std::string LikeEscape(std::string_view pattern, std::string_view escape);

}  // namespace kanto
