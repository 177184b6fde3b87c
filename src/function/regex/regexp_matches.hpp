// regexp_matches(string, pattern [, flags]), the set-returning one: its rows, computed at once.
#pragma once

#include <string_view>
#include <vector>

#include "types/value.hpp"

namespace kanto {

// Each match's text[] (its groups, or the whole match when the pattern has none): every match
// with the g flag, else the first. Throws PostgreSQL's errors for a bad pattern or flag.
std::vector<Value> RegexpMatches(std::string_view text, std::string_view pattern, std::string_view flags);

}  // namespace kanto
