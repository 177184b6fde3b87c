// Translation of a PostgreSQL advanced regular expression (ARE) into the Perl-style syntax that
// RE2 and PCRE2 both read, with PostgreSQL's errors ("invalid regular expression: ...", 2201B) for
// what PostgreSQL rejects. The translation is one left-to-right pass with an explicit stack of open
// groups (no recursion, so no pattern can exhaust the stack).
//
// What is translated: the ***= and ***: directors and leading embedded options (?bceimnpqstwx);
// bracket expressions with ranges, [:class:], [=x=], [.x.], [[:<:]] and [[:>:]]; the class
// shorthands \d \s \w \D \S \W with PostgreSQL's (Unicode) classes; the constraints ^ $ \A \Z
// \m \M \y \Y and lookahead/lookbehind; escapes \a \b \B \cX \e \f \n \r \t \v \uXXXX \UXXXXXXXX
// \xHH \0nn; quantifiers incl. non-greedy ones and {m,n} up to 255; back references \N; the
// newline-sensitive modes and expanded syntax (x).
#pragma once

#include <string>
#include <string_view>

#include "function/regex/regex_options.hpp"

namespace kanto {

struct RegexTranslation {
  std::string pattern;           // for the engine
  int captures = 0;              // capturing groups, numbered as PostgreSQL numbers them
  bool backtracking = false;     // needs back references, lookaround or word constraints (PCRE2)
  bool non_greedy = false;       // the RE as a whole prefers the shortest match (PostgreSQL's rules)
};

// Throws Error 2201B with PostgreSQL's message for patterns PostgreSQL rejects.
RegexTranslation TranslateRegex(std::string_view pattern, RegexOptions options);

// The Error PostgreSQL gives for a pattern it cannot compile: "invalid regular expression: <what>".
[[noreturn]] void ThrowInvalidRegex(const std::string& what);

}  // namespace kanto
