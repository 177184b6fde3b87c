// The PCRE2 engine, for back references, lookaround and word constraints only: heap-based
// backtracking with a step limit and a memory limit per search.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "function/regex/regex.hpp"
#include "function/regex/regex_translate.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

std::string Pcre2Message(int code) {
  PCRE2_UCHAR buf[256];
  int n = pcre2_get_error_message(code, buf, sizeof buf);
  return n < 0 ? "error " + std::to_string(code) : std::string(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

class Pcre2Regex : public Regex {
 public:
  explicit Pcre2Regex(const RegexTranslation& t) : Regex(t.captures) {
    pcre2_compile_context* cc = pcre2_compile_context_create(nullptr);
    pcre2_set_parens_nest_limit(cc, 1000);
    int err = 0;
    PCRE2_SIZE offset = 0;
    code_ = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(t.pattern.data()), t.pattern.size(), PCRE2_UTF, &err, &offset, cc);
    pcre2_compile_context_free(cc);
    if (!code_) {
      if (err == PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH) {
        throw Error(sqlstate::kFeatureNotSupported, "lookbehind constraints of variable length are not supported");
      }
      if (err == PCRE2_ERROR_PARENTHESES_NEST_TOO_DEEP || err == PCRE2_ERROR_PATTERN_TOO_COMPLICATED ||
          err == PCRE2_ERROR_PATTERN_TOO_LARGE) {
        ThrowInvalidRegex("regular expression is too complex");
      }
      ThrowInvalidRegex(Pcre2Message(err));
    }
    match_context_ = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(match_context_, kPcre2MatchLimit);
    pcre2_set_depth_limit(match_context_, kPcre2MatchLimit);
    pcre2_set_heap_limit(match_context_, kPcre2HeapLimitKiB);
  }

  ~Pcre2Regex() override {
    pcre2_match_context_free(match_context_);
    pcre2_code_free(code_);
  }

  bool Search(std::string_view text, size_t start, RegexMatch* m) const override {
    std::unique_ptr<pcre2_match_data, void (*)(pcre2_match_data*)> data(pcre2_match_data_create_from_pattern(code_, nullptr),
                                                                         pcre2_match_data_free);
    // The text is checked as UTF-8 once, on the search from its beginning.
    uint32_t flags = start > 0 ? PCRE2_NO_UTF_CHECK : 0;
    int rc = pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), start, flags, data.get(), match_context_);
    if (rc == PCRE2_ERROR_NOMATCH) return false;
    if (rc < 0) {
      std::string why = rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ? "backtracking step limit exceeded"
                        : rc == PCRE2_ERROR_HEAPLIMIT ? "backtracking memory limit exceeded"
                                                      : Pcre2Message(rc);
      throw Error(sqlstate::kInvalidRegularExpression, "regular expression failed: " + why)
          .WithHint("The pattern uses back references or lookaround, which are matched by backtracking with bounded work.");
    }
    if (!m) return true;
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data.get());
    size_t n = static_cast<size_t>(captures()) + 1;
    m->start.assign(n, RegexMatch::npos);
    m->end.assign(n, RegexMatch::npos);
    for (size_t k = 0; k < n && k < static_cast<size_t>(rc); k++) {
      if (ov[2 * k] == PCRE2_UNSET) continue;
      m->start[k] = ov[2 * k];
      m->end[k] = ov[2 * k + 1];
    }
    return true;
  }

 private:
  pcre2_code* code_ = nullptr;
  pcre2_match_context* match_context_ = nullptr;
};

}  // namespace

std::shared_ptr<const Regex> CompilePcre2(const RegexTranslation& t) { return std::make_shared<Pcre2Regex>(t); }

}  // namespace kanto
