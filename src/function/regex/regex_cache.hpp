// Compiled patterns are kept per thread, most recently used first (as PostgreSQL keeps a small
// per-backend cache): a constant pattern is compiled once per statement, not once per row, and a
// session running the same pattern again does not compile it again.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "function/regex/regex.hpp"

namespace kanto {

inline constexpr size_t kRegexCacheSize = 32;

std::shared_ptr<const Regex> CachedRegex(std::string_view pattern, const RegexOptions& options);

// How many patterns this process has compiled (for tests of the cache).
uint64_t RegexCompilations();

}  // namespace kanto
