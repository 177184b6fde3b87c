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
#include <vector>

#include "function/regex/regex_options.hpp"

namespace kanto {

// The structure of the RE, for assigning groups within a match by PostgreSQL's rules: the whole
// RE and every group are nodes made of branches; a branch is a sequence of items (an atom with its
// quantifier, or a constraint), each a contiguous range of `pattern`.
struct RegexItem {
  size_t begin = 0, end = 0;  // its text in the translated pattern
  bool lazy = false;          // non-greedy (else longest is preferred)
  bool has_greediness = false;  // greedy or non-greedy by PostgreSQL's rules (constraints have none)
  bool quantified = false;
  int child = -1;             // the group's node, -1 for other atoms and for lookaround
  int capture = 0;            // its own group number when it is a capturing group
  int first_capture = 0;      // the groups it contains are first_capture .. first_capture + captures - 1
  int captures = 0;
};

struct RegexNode {
  std::vector<std::vector<RegexItem>> branches{1};
};

struct RegexTranslation {
  std::string pattern;           // for the engine
  int captures = 0;              // capturing groups, numbered as PostgreSQL numbers them
  bool backtracking = false;     // needs back references, lookaround or word constraints (PCRE2)
  bool non_greedy = false;       // the RE as a whole prefers the shortest match (PostgreSQL's rules)
  std::string prefix;            // what every part of `pattern` needs in front ("(?i)")
  std::vector<RegexNode> nodes;  // [0] is the whole RE; empty for literal patterns
};

// Throws Error 2201B with PostgreSQL's message for patterns PostgreSQL rejects.
RegexTranslation TranslateRegex(std::string_view pattern, RegexOptions options);

// The Error PostgreSQL gives for a pattern it cannot compile: "invalid regular expression: <what>".
[[noreturn]] void ThrowInvalidRegex(const std::string& what);

}  // namespace kanto
