// How a PostgreSQL regular expression is to be read: the compile options that flags strings
// ('i', 'n', 'x', ...) and embedded options ((?i) ...) set, as PostgreSQL's regex library has them.
#pragma once

#include <string>
#include <string_view>

namespace kanto {

struct RegexOptions {
  bool icase = false;      // i / c
  bool nl_stop = false;    // . and [^...] do not match a newline (n, p)
  bool nl_anchor = false;  // ^ and $ also match at newlines (n, w)
  bool expanded = false;   // x: white space and #-comments are ignored
  bool quote = false;      // q: the whole pattern is a literal string

  // A short key that tells option sets apart (for the compiled-pattern cache).
  char Key() const { return static_cast<char>('A' + icase + 2 * nl_stop + 4 * nl_anchor + 8 * expanded + 16 * quote); }
};

// Applies one option letter, as PostgreSQL's flags strings and embedded options both spell them.
// Returns false for a letter that is not an option. BRE and ERE ('b', 'e') are refused with 0A000.
bool ApplyRegexOption(char letter, RegexOptions& options);

struct RegexFlags {
  RegexOptions options;
  bool global = false;  // g
};

// Parses the flags argument of the regexp functions. `function` names the caller in the error for
// 'g' when `allow_global` is false (regexp_match, regexp_split_to_array, ...), as PostgreSQL words it.
RegexFlags ParseRegexFlags(std::string_view flags, const char* function = nullptr, bool allow_global = true);

}  // namespace kanto
