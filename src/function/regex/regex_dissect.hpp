// Assigning groups within a match the way PostgreSQL's matcher does ("dissect"): for a match already
// chosen, a sequence gives its first item the longest part (the shortest when the item is
// non-greedy) that leaves a match for the rest, then moves on; an alternation takes its first
// branch that matches the part exactly; a quantified group keeps Perl's last iteration. Every test
// is an anchored RE2 match of a piece of the translated pattern, so the work is bounded; past
// kDissectBudget bytes scanned (weighted by the piece's size) the caller falls back to Perl's assignment.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string_view>

#include "function/regex/regex.hpp"
#include "function/regex/regex_translate.hpp"

namespace re2 {
class RE2;
}

namespace kanto {

inline constexpr size_t kDissectBudget = 8 << 20;        // text bytes scanned per match
inline constexpr size_t kDissectPatternBytes = 1 << 20;  // pattern bytes compiled into pieces

class RegexDissector {
 public:
  explicit RegexDissector(RegexTranslation t);
  ~RegexDissector();

  // Fills the groups of `m` (all npos on entry) for the match [b, e] of the whole RE. False when
  // the budget ran out or a piece could not be used; the caller then assigns groups itself.
  bool Assign(std::string_view text, size_t b, size_t e, RegexMatch* m) const;

 private:
  struct Run;
  const re2::RE2* Piece(size_t begin, size_t end) const;

  RegexTranslation t_;
  mutable std::mutex mu_;
  mutable std::map<std::pair<size_t, size_t>, std::unique_ptr<re2::RE2>> pieces_;
  mutable size_t piece_bytes_ = 0;
};

}  // namespace kanto
