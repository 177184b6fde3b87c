// A compiled PostgreSQL regular expression. Compile() translates the ARE (regex_translate) and
// picks an engine that cannot exhaust the stack or run without bound:
//   - RE2 (automata, time linear in the text, memory bounded by kRe2MaxMemory) for every pattern
//     it can express;
//   - PCRE2 (heap-based backtracking) only for back references, lookahead/lookbehind and the word
//     constraints \m \M \y \Y, with kPcre2MatchLimit / kPcre2HeapLimitKiB per search. A search
//     that reaches a limit fails with 2201B "regular expression failed: ..." (PostgreSQL's SQLSTATE
//     and wording for a regex that fails while matching; the pattern is valid, the text too
//     costly for it), never a crash.
//
// Matching follows PostgreSQL: the match starts at the leftmost possible position and, from there,
// is the longest match when the RE as a whole is greedy and the shortest when it is non-greedy;
// within that match, groups are placed by PostgreSQL's rules (regex_dissect). PCRE2 patterns use
// Perl's rules for the whole match and its groups.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "function/regex/regex_options.hpp"

namespace kanto {

inline constexpr int64_t kRe2MaxMemory = 64 << 20;        // bytes per compiled pattern (DFA cache)
inline constexpr uint32_t kPcre2MatchLimit = 10'000'000;  // backtracking steps per search
inline constexpr uint32_t kPcre2HeapLimitKiB = 64 * 1024; // backtracking memory per search

// Byte offsets of a match and its groups; a group that did not take part has start == npos.
struct RegexMatch {
  static constexpr size_t npos = static_cast<size_t>(-1);
  std::vector<size_t> start, end;  // [0] is the whole match, [k] group k
};

class Regex {
 public:
  // Throws Error 2201B (invalid pattern) or 0A000 (a feature PostgreSQL has and Kanto does not).
  static std::shared_ptr<const Regex> Compile(std::string_view pattern, const RegexOptions& options);
  virtual ~Regex() = default;

  int captures() const { return captures_; }
  // The first match at or after byte offset `start` of `text` (the text before `start` is still
  // seen by ^, lookbehind and word constraints). Fills `m` (groups included) when given.
  virtual bool Search(std::string_view text, size_t start, RegexMatch* m) const = 0;
  bool Matches(std::string_view text) const { return Search(text, 0, nullptr); }

 protected:
  explicit Regex(int captures) : captures_(captures) {}

 private:
  int captures_;
};

// The two engines (regex_re2.cpp, regex_pcre2.cpp), given a translated pattern.
struct RegexTranslation;
std::shared_ptr<const Regex> CompileRe2(const RegexTranslation& t);
std::shared_ptr<const Regex> CompilePcre2(const RegexTranslation& t);

}  // namespace kanto
