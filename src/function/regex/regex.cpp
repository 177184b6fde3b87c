#include "function/regex/regex.hpp"

#include "function/regex/regex_translate.hpp"

namespace kanto {

std::shared_ptr<const Regex> Regex::Compile(std::string_view pattern, const RegexOptions& options) {
  RegexTranslation t = TranslateRegex(pattern, options);
  return t.backtracking ? CompilePcre2(t) : CompileRe2(t);
}

}  // namespace kanto
