#include "function/regex/regex_cache.hpp"

#include <algorithm>
#include <atomic>
#include <string>
#include <utility>
#include <vector>

namespace kanto {

namespace {
std::atomic<uint64_t> compilations{0};
}

std::shared_ptr<const Regex> CachedRegex(std::string_view pattern, const RegexOptions& options) {
  thread_local std::vector<std::pair<std::string, std::shared_ptr<const Regex>>> cache;  // MRU first
  char key = options.Key();
  for (size_t k = 0; k < cache.size(); k++) {
    const std::string& entry = cache[k].first;
    if (entry.size() == pattern.size() + 1 && entry[0] == key && std::string_view(entry).substr(1) == pattern) {
      if (k > 0) std::rotate(cache.begin(), cache.begin() + static_cast<std::ptrdiff_t>(k), cache.begin() + static_cast<std::ptrdiff_t>(k) + 1);
      return cache[0].second;
    }
  }
  auto re = Regex::Compile(pattern, options);
  compilations++;
  if (cache.size() >= kRegexCacheSize) cache.pop_back();
  std::string entry(1, key);
  entry += pattern;
  cache.insert(cache.begin(), {std::move(entry), re});
  return re;
}

uint64_t RegexCompilations() { return compilations.load(); }

}  // namespace kanto
