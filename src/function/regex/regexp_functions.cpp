// The regular-expression functions: regexp_match, regexp_replace, regexp_split_to_array,
// regexp_count, regexp_instr, regexp_substr, regexp_like, substring(x from pattern) and
// substring(x similar pattern escape e), with PostgreSQL 15's arguments, errors and answers.
// Positions and `start` count characters; the search itself works on UTF-8 byte offsets.
#include "function/kernel_util.hpp"
#include "function/regex/regex_cache.hpp"
#include "function/regex/regexp_matches.hpp"
#include "function/regex/similar_escape.hpp"
#include "function/regex/utf8.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"

namespace kanto {

namespace {

const LogicalType kText = T(TypeId::kText), kInt4 = T(TypeId::kInt4), kBool = T(TypeId::kBool);

int64_t CharPosition(std::string_view s, size_t byte) {
  int64_t n = 0;
  for (size_t i = 0; i < byte && i < s.size(); i++) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n + 1;
}

// Byte offset of the 1-based character `start`, or npos when it lies past the end of the text.
size_t StartOffset(std::string_view s, int64_t start) {
  size_t i = 0;
  for (int64_t c = 1; c < start; c++) {
    if (i >= s.size()) return std::string_view::npos;
    i += utf8::CharLen(s, i);
  }
  return i;
}

[[noreturn]] void BadParameter(const char* name, int64_t value) {
  throw Error(sqlstate::kInvalidParameterValue,
              std::string("invalid value for parameter \"") + name + "\": " + std::to_string(value));
}

int64_t Positive(const char* name, const Value& v) {
  if (v.int_value() <= 0) BadParameter(name, v.int_value());
  return v.int_value();
}

// PostgreSQL's search loop: from `start`, the first match or (global) every one, each next search
// starting where the last match ended, one character later after an empty match. With
// `ignore_degenerate` (split), empty matches at the end or right after the previous match are
// skipped. `fn` returns false to stop.
template <typename F>
void ForEachMatch(const Regex& re, std::string_view text, size_t start, bool global, bool ignore_degenerate, F fn) {
  RegexMatch m;
  size_t prev_end = 0;
  size_t pos = start;
  while (pos <= text.size() && re.Search(text, pos, &m)) {
    if (!ignore_degenerate || (m.start[0] < text.size() && m.end[0] > prev_end)) {
      if (!fn(m)) return;
    }
    prev_end = m.end[0];
    if (!global) return;
    pos = m.end[0];
    if (m.start[0] == m.end[0]) {
      if (pos >= text.size()) return;
      pos += utf8::CharLen(text, pos);
    }
  }
}

std::shared_ptr<const Regex> Compile(const Value& pattern, const RegexOptions& options) {
  return CachedRegex(pattern.str_value(), options);
}

Value Group(std::string_view text, const RegexMatch& m, size_t k) {
  if (k >= m.start.size() || m.start[k] == RegexMatch::npos) return Value::Null(kText);
  return Value::Text(std::string(text.substr(m.start[k], m.end[k] - m.start[k])));
}

// regexp_match's array: the groups, or the whole match when there are none.
Value MatchArray(std::string_view text, const Regex& re, const RegexMatch& m) {
  std::vector<Value> items;
  if (re.captures() == 0) {
    items.push_back(Group(text, m, 0));
  } else {
    for (size_t k = 1; k <= static_cast<size_t>(re.captures()); k++) items.push_back(Group(text, m, k));
  }
  return MakeArrayValue(LogicalType::ArrayOf(kText), items);
}

// The replacement with \1..\9 (groups), \& (whole match) and \\ (a backslash).
void AppendReplacement(std::string& out, std::string_view rep, std::string_view text, const RegexMatch& m) {
  for (size_t i = 0; i < rep.size(); i++) {
    if (rep[i] != '\\' || i + 1 >= rep.size()) {
      out += rep[i];
      continue;
    }
    char c = rep[i + 1];
    size_t k;
    if (c >= '1' && c <= '9') {
      k = static_cast<size_t>(c - '0');
    } else if (c == '&') {
      k = 0;
    } else if (c == '\\') {
      out += '\\';
      i++;
      continue;
    } else {
      out += '\\';
      continue;
    }
    i++;
    if (k < m.start.size() && m.start[k] != RegexMatch::npos) out.append(text.substr(m.start[k], m.end[k] - m.start[k]));
  }
}

// regexp_replace: the n-th match from `start` (n = 0: every match) replaced.
std::string Replace(const Regex& re, std::string_view text, std::string_view rep, size_t start, int64_t n) {
  std::string out;
  size_t copied = 0;
  int64_t count = 0;
  if (start != std::string_view::npos) {
    ForEachMatch(re, text, start, true, false, [&](const RegexMatch& m) {
      count++;
      if (n != 0 && count != n) return true;
      out.append(text.substr(copied, m.start[0] - copied));
      AppendReplacement(out, rep, text, m);
      copied = m.end[0];
      return n == 0;
    });
  }
  out.append(text.substr(copied));
  return out;
}

Value ReplaceRow(const std::vector<Value>& a, int64_t start, int64_t n, const RegexFlags& f) {
  auto re = Compile(a[1], f.options);
  std::string_view text = a[0].str_value();
  return Value::Text(Replace(*re, text, a[2].str_value(), StartOffset(text, start), n));
}

// The n-th match at or after character `start` (1-based), if any.
bool NthMatch(const Regex& re, std::string_view text, int64_t start, int64_t n, RegexMatch* out) {
  size_t from = StartOffset(text, start);
  if (from == std::string_view::npos) return false;
  int64_t count = 0;
  bool found = false;
  ForEachMatch(re, text, from, true, false, [&](const RegexMatch& m) {
    if (++count < n) return true;
    *out = m;
    found = true;
    return false;
  });
  return found;
}

struct InstrArgs {
  int64_t start = 1, n = 1, endoption = 0, subexpr = 0;
  RegexFlags flags;
};

Value Instr(const std::vector<Value>& a, const InstrArgs& args) {
  auto re = Compile(a[1], args.flags.options);
  std::string_view text = a[0].str_value();
  RegexMatch m;
  if (!NthMatch(*re, text, args.start, args.n, &m) || args.subexpr > re->captures()) return Value::Int4(0);
  size_t k = static_cast<size_t>(args.subexpr);
  if (m.start[k] == RegexMatch::npos) return Value::Int4(0);
  return Value::Int4(CharPosition(text, args.endoption ? m.end[k] : m.start[k]));
}

Value Substr(const std::vector<Value>& a, int64_t start, int64_t n, const RegexFlags& flags, int64_t subexpr) {
  auto re = Compile(a[1], flags.options);
  std::string_view text = a[0].str_value();
  RegexMatch m;
  if (!NthMatch(*re, text, start, n, &m) || subexpr > re->captures()) return Value::Null(kText);
  return Group(text, m, static_cast<size_t>(subexpr));
}

// substring(x from pattern): the first group when there is one, else the whole match.
Value RegexSubstring(std::string_view text, const Regex& re) {
  RegexMatch m;
  if (!re.Search(text, 0, &m)) return Value::Null(kText);
  return Group(text, m, re.captures() > 0 ? 1 : 0);
}

}  // namespace

std::vector<Value> RegexpMatches(std::string_view text, std::string_view pattern, std::string_view flags) {
  RegexFlags f = ParseRegexFlags(flags, "regexp_matches", true);
  auto re = CachedRegex(pattern, f.options);
  std::vector<Value> rows;
  ForEachMatch(*re, text, 0, f.global, false, [&](const RegexMatch& m) {
    rows.push_back(MatchArray(text, *re, m));
    return true;
  });
  return rows;
}

void RegisterRegexpFunctions(FunctionRegistry& r) {
  LogicalType text_array = LogicalType::ArrayOf(kText);
  auto flags_of = [](const std::vector<Value>& a, size_t i, const char* fn, bool global = false) {
    return i < a.size() ? ParseRegexFlags(a[i].str_value(), fn, global) : RegexFlags();
  };

  // regexp_match(string, pattern [, flags])
  auto match = [flags_of](const std::vector<Value>& a, FunctionContext&) {
    RegexFlags f = flags_of(a, 2, "regexp_match");
    auto re = Compile(a[1], f.options);
    RegexMatch m;
    std::string_view text = a[0].str_value();
    if (!re->Search(text, 0, &m)) return Value::Null(LogicalType::ArrayOf(kText));
    return MatchArray(text, *re, m);
  };
  AddRowFunction(r, "regexp_match", {kText, kText}, text_array, match);
  AddRowFunction(r, "regexp_match", {kText, kText, kText}, text_array, match);

  // regexp_like(string, pattern [, flags])
  auto like = [flags_of](const std::vector<Value>& a, FunctionContext&) {
    RegexFlags f = flags_of(a, 2, "regexp_like");
    return Value::Bool(Compile(a[1], f.options)->Matches(a[0].str_value()));
  };
  AddRowFunction(r, "regexp_like", {kText, kText}, kBool, like);
  AddRowFunction(r, "regexp_like", {kText, kText, kText}, kBool, like);

  // regexp_split_to_array(string, pattern [, flags])
  auto split = [flags_of](const std::vector<Value>& a, FunctionContext&) {
    RegexFlags f = flags_of(a, 2, "regexp_split_to_array");
    auto re = Compile(a[1], f.options);
    std::string_view text = a[0].str_value();
    std::vector<Value> parts;
    size_t prev = 0;
    ForEachMatch(*re, text, 0, true, true, [&](const RegexMatch& m) {
      parts.push_back(Value::Text(std::string(text.substr(prev, m.start[0] - prev))));
      prev = m.end[0];
      return true;
    });
    parts.push_back(Value::Text(std::string(text.substr(prev))));
    return MakeArrayValue(LogicalType::ArrayOf(kText), parts);
  };
  AddRowFunction(r, "regexp_split_to_array", {kText, kText}, text_array, split);
  AddRowFunction(r, "regexp_split_to_array", {kText, kText, kText}, text_array, split);

  // regexp_replace(string, pattern, replacement [, start [, N]] [, flags])
  AddRowFunction(r, "regexp_replace", {kText, kText, kText}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    return ReplaceRow(a, 1, 1, RegexFlags());
  });
  AddRowFunction(r, "regexp_replace", {kText, kText, kText, kText}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    RegexFlags f = ParseRegexFlags(a[3].str_value());
    return ReplaceRow(a, 1, f.global ? 0 : 1, f);
  });
  AddRowFunction(r, "regexp_replace", {kText, kText, kText, kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    return ReplaceRow(a, Positive("start", a[3]), 1, RegexFlags());
  });
  auto replace_n = [](const std::vector<Value>& a, FunctionContext&) {
    int64_t start = Positive("start", a[3]);
    if (a[4].int_value() < 0) BadParameter("n", a[4].int_value());
    return ReplaceRow(a, start, a[4].int_value(), a.size() > 5 ? ParseRegexFlags(a[5].str_value()) : RegexFlags());
  };
  AddRowFunction(r, "regexp_replace", {kText, kText, kText, kInt4, kInt4}, kText, replace_n);
  AddRowFunction(r, "regexp_replace", {kText, kText, kText, kInt4, kInt4, kText}, kText, replace_n);

  // regexp_count(string, pattern [, start [, flags]])
  auto count = [flags_of](const std::vector<Value>& a, FunctionContext&) {
    int64_t start = a.size() > 2 ? Positive("start", a[2]) : 1;
    RegexFlags f = flags_of(a, 3, "regexp_count");
    auto re = Compile(a[1], f.options);
    std::string_view text = a[0].str_value();
    int64_t n = 0;
    size_t from = StartOffset(text, start);
    if (from != std::string_view::npos) {
      ForEachMatch(*re, text, from, true, false, [&](const RegexMatch&) { return ++n, true; });
    }
    return Value::Int4(n);
  };
  AddRowFunction(r, "regexp_count", {kText, kText}, kInt4, count);
  AddRowFunction(r, "regexp_count", {kText, kText, kInt4}, kInt4, count);
  AddRowFunction(r, "regexp_count", {kText, kText, kInt4, kText}, kInt4, count);

  // regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]])
  auto instr = [flags_of](const std::vector<Value>& a, FunctionContext&) {
    InstrArgs args;
    if (a.size() > 2) args.start = Positive("start", a[2]);
    if (a.size() > 3) args.n = Positive("n", a[3]);
    if (a.size() > 4) {
      args.endoption = a[4].int_value();
      if (args.endoption != 0 && args.endoption != 1) BadParameter("endoption", args.endoption);
    }
    args.flags = flags_of(a, 5, "regexp_instr");
    if (a.size() > 6) {
      args.subexpr = a[6].int_value();
      if (args.subexpr < 0) BadParameter("subexpr", args.subexpr);
    }
    return Instr(a, args);
  };
  std::vector<LogicalType> instr_args = {kText, kText, kInt4, kInt4, kInt4, kText, kInt4};
  for (size_t n = 2; n <= instr_args.size(); n++) {
    AddRowFunction(r, "regexp_instr", std::vector<LogicalType>(instr_args.begin(), instr_args.begin() + static_cast<std::ptrdiff_t>(n)), kInt4, instr);
  }

  // regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]])
  auto substr = [flags_of](const std::vector<Value>& a, FunctionContext&) {
    int64_t start = a.size() > 2 ? Positive("start", a[2]) : 1;
    int64_t n = a.size() > 3 ? Positive("n", a[3]) : 1;
    RegexFlags f = flags_of(a, 4, "regexp_substr");
    int64_t subexpr = a.size() > 5 ? a[5].int_value() : 0;
    if (subexpr < 0) BadParameter("subexpr", subexpr);
    return Substr(a, start, n, f, subexpr);
  };
  std::vector<LogicalType> substr_args = {kText, kText, kInt4, kInt4, kText, kInt4};
  for (size_t n = 2; n <= substr_args.size(); n++) {
    AddRowFunction(r, "regexp_substr", std::vector<LogicalType>(substr_args.begin(), substr_args.begin() + static_cast<std::ptrdiff_t>(n)), kText, substr);
  }

  // substring(string from pattern) and substring(string similar pattern escape e).
  AddRowFunction(r, "substring", {kText, kText}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    return RegexSubstring(a[0].str_value(), *Compile(a[1], RegexOptions()));
  });
  AddRowFunction(r, "substring", {kText, kText, kText}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    std::string_view escape = a[2].str_value();
    auto re = CachedRegex(SimilarToRegex(a[1].str_value(), &escape, /*shortest_prefix=*/true), RegexOptions());
    return RegexSubstring(a[0].str_value(), *re);
  });
}

}  // namespace kanto
