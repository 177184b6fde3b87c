#include "function/regex/regex_options.hpp"

#include "kanto/error.hpp"

namespace kanto {

bool ApplyRegexOption(char letter, RegexOptions& o) {
  switch (letter) {
    case 'b':
    case 'e':
      throw Error(sqlstate::kFeatureNotSupported,
                  std::string("regular expression option \"") + letter + "\" (" +
                      (letter == 'b' ? "basic, BRE" : "extended, ERE") + " syntax) is not supported")
          .WithHint("Advanced regular expressions (the default) are supported.");
    case 'c':
      o.icase = false;
      return true;
    case 'i':
      o.icase = true;
      return true;
    case 'm':
    case 'n':
      o.nl_stop = o.nl_anchor = true;
      return true;
    case 'p':
      o.nl_stop = true;
      o.nl_anchor = false;
      return true;
    case 'q':
      o.quote = true;
      return true;
    case 's':
      o.nl_stop = o.nl_anchor = false;
      return true;
    case 't':
      o.expanded = false;
      return true;
    case 'w':
      o.nl_stop = false;
      o.nl_anchor = true;
      return true;
    case 'x':
      o.expanded = true;
      return true;
    default:
      return false;
  }
}

RegexFlags ParseRegexFlags(std::string_view flags, const char* function, bool allow_global) {
  RegexFlags f;
  for (size_t i = 0; i < flags.size(); i++) {
    char c = flags[i];
    if (c == 'g') {
      if (!allow_global) {
        Error e(sqlstate::kInvalidParameterValue, std::string(function) + "() does not support the \"global\" option");
        if (std::string_view(function) == "regexp_match") e.WithHint("Use the regexp_matches function instead.");
        throw e;
      }
      f.global = true;
      continue;
    }
    if (!ApplyRegexOption(c, f.options)) {
      size_t len = 1;
      while (i + len < flags.size() && (static_cast<unsigned char>(flags[i + len]) & 0xC0) == 0x80) len++;
      throw Error(sqlstate::kInvalidParameterValue,
                  "invalid regular expression option: \"" + std::string(flags.substr(i, len)) + "\"");
    }
  }
  return f;
}

}  // namespace kanto
