// The RE2 engine: linear-time automata for every pattern without back references or lookaround.
#include <re2/re2.h>

#include "function/regex/regex.hpp"
#include "function/regex/regex_dissect.hpp"
#include "function/regex/regex_translate.hpp"

namespace kanto {

namespace {

RE2::Options EngineOptions(bool longest) {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_log_errors(false);
  o.set_max_mem(kRe2MaxMemory);
  o.set_longest_match(longest);
  return o;
}

class Re2Regex : public Regex {
 public:
  explicit Re2Regex(const RegexTranslation& t)
      : Regex(t.captures), non_greedy_(t.non_greedy), perl_(t.pattern, EngineOptions(false)), dissector_(t) {
    if (!perl_.ok()) Fail(perl_);
    if (!non_greedy_) {
      longest_ = std::make_unique<RE2>(t.pattern, EngineOptions(true));
      if (!longest_->ok()) Fail(*longest_);
    }
  }

  bool Search(std::string_view text, size_t start, RegexMatch* m) const override {
    re2::StringPiece subject(text.data(), text.size());
    if (!m) return perl_.Match(subject, start, text.size(), RE2::UNANCHORED, nullptr, 0);
    re2::StringPiece whole;
    if (!perl_.Match(subject, start, text.size(), RE2::UNANCHORED, &whole, 1)) return false;
    size_t s = static_cast<size_t>(whole.data() - text.data());
    size_t e = s + whole.size();
    if (!non_greedy_) {
      // Leftmost-longest from the same start.
      if (longest_->Match(subject, s, text.size(), RE2::ANCHOR_START, &whole, 1)) e = s + whole.size();
    } else {
      // Shortest: the least end at which some match from s ends (monotone, so a binary search).
      size_t lo = s, hi = e;
      while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        while (mid < hi && (static_cast<unsigned char>(text[mid]) & 0xC0) == 0x80) mid++;
        if (mid < hi && perl_.Match(subject, s, mid, RE2::ANCHOR_START, nullptr, 0)) {
          hi = mid;
        } else if (mid == hi) {
          break;
        } else {
          lo = mid + 1;
        }
      }
      e = hi;
    }
    int n = captures() + 1;
    std::vector<re2::StringPiece> groups(static_cast<size_t>(n));
    m->start.assign(static_cast<size_t>(n), RegexMatch::npos);
    m->end.assign(static_cast<size_t>(n), RegexMatch::npos);
    if (n > 1 && dissector_.Assign(text, s, e, m)) {
      // PostgreSQL's assignment of the groups.
    } else if (n > 1 && perl_.Match(subject, s, e, RE2::ANCHOR_BOTH, groups.data(), n)) {
      m->start.assign(static_cast<size_t>(n), RegexMatch::npos);
      m->end.assign(static_cast<size_t>(n), RegexMatch::npos);
      for (size_t k = 1; k < groups.size(); k++) {
        if (!groups[k].data()) continue;
        m->start[k] = static_cast<size_t>(groups[k].data() - text.data());
        m->end[k] = m->start[k] + groups[k].size();
      }
    }
    m->start[0] = s;
    m->end[0] = e;
    return true;
  }

 private:
  [[noreturn]] static void Fail(const RE2& re) {
    switch (re.error_code()) {
      case RE2::ErrorPatternTooLarge:
      case RE2::ErrorRepeatSize:
        ThrowInvalidRegex("regular expression is too complex");
      default:
        ThrowInvalidRegex(re.error());
    }
  }

  bool non_greedy_;
  RE2 perl_;                       // Perl preferences: the leftmost start, groups, the shortest end
  std::unique_ptr<RE2> longest_;   // leftmost-longest (greedy REs)
  RegexDissector dissector_;       // the groups within the match
};

}  // namespace

std::shared_ptr<const Regex> CompileRe2(const RegexTranslation& t) { return std::make_shared<Re2Regex>(t); }

}  // namespace kanto
