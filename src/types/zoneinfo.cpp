#include "types/zoneinfo.hpp"

#include <dirent.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace kanto::datetime {

namespace {

constexpr const char* kZoneDirectory = "/usr/share/zoneinfo";

uint32_t Be32(const unsigned char* p) { return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3]; }
uint64_t Be64(const unsigned char* p) { return (uint64_t{Be32(p)} << 32) | Be32(p + 4); }

// The file of zone `name` under the zone directory, each path component matched without regard to
// letter case; "" when there is none. Names are letters, digits, / _ - + only (no "..", no "/..").
// `canonical`: the name as the directory spells it ("Europe/Paris" for "europe/paris").
std::string ZonePath(const std::string& name, std::string* canonical) {
  if (name.empty() || name.size() > 100 || name[0] == '/' || name.find("..") != std::string::npos) return "";
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+') return "";
  }
  std::string path = kZoneDirectory;
  size_t begin = 0;
  while (begin <= name.size()) {
    size_t end = name.find('/', begin);
    if (end == std::string::npos) end = name.size();
    std::string part = name.substr(begin, end - begin);
    if (part.empty()) return "";
    DIR* d = opendir(path.c_str());
    if (!d) return "";
    std::string found;
    while (dirent* entry = readdir(d)) {
      if (part == entry->d_name) {
        found = entry->d_name;
        break;
      }
      if (found.empty() && strcasecmp(part.c_str(), entry->d_name) == 0) found = entry->d_name;
    }
    closedir(d);
    if (found.empty()) return "";
    path += "/" + found;
    *canonical += (canonical->empty() ? "" : "/") + found;
    begin = end + 1;
  }
  return path;
}

// Reads a non-negative number of at most 3 digits in [lo, hi] at text[*i].
bool RuleNumber(std::string_view text, size_t* i, int lo, int hi, int* out) {
  size_t start = *i;
  int v = 0;
  while (*i < text.size() && std::isdigit(static_cast<unsigned char>(text[*i])) && *i - start < 3) v = v * 10 + (text[(*i)++] - '0');
  if (*i == start || v < lo || v > hi) return false;
  *out = v;
  return true;
}

// [+|-]hh[:mm[:ss]] with hours up to 167 (tzcode's limit), as seconds in the text's sign.
bool RuleSeconds(std::string_view text, size_t* i, int32_t* out) {
  int sign = 1;
  if (*i < text.size() && (text[*i] == '+' || text[*i] == '-')) sign = text[(*i)++] == '-' ? -1 : 1;
  int h = 0, m = 0, sec = 0;
  if (!RuleNumber(text, i, 0, 167, &h)) return false;
  if (*i < text.size() && text[*i] == ':') {
    ++*i;
    if (!RuleNumber(text, i, 0, 59, &m)) return false;
    if (*i < text.size() && text[*i] == ':') {
      ++*i;
      if (!RuleNumber(text, i, 0, 60, &sec)) return false;  // 60: a leap second
    }
  }
  *out = sign * (h * 3600 + m * 60 + sec);
  return true;
}

// A zone name: three or more letters, or <...> of letters, digits, + and - (the brackets dropped).
bool RuleName(std::string_view text, size_t* i, std::string* out) {
  size_t start = *i;
  if (*i < text.size() && text[*i] == '<') {
    ++*i;
    while (*i < text.size() && (std::isalnum(static_cast<unsigned char>(text[*i])) || text[*i] == '+' || text[*i] == '-')) ++*i;
    if (*i >= text.size() || text[*i] != '>' || *i == start + 1) return false;
    *out = std::string(text.substr(start + 1, *i - start - 1));
    ++*i;
    return true;
  }
  while (*i < text.size() && std::isalpha(static_cast<unsigned char>(text[*i]))) ++*i;
  if (*i - start < 3) return false;
  *out = std::string(text.substr(start, *i - start));
  return true;
}

// Jn, n or Mm.w.d, then an optional /time.
bool RuleChange(std::string_view text, size_t* i, PosixZoneRule::Change* out) {
  if (*i >= text.size()) return false;
  if (text[*i] == 'J') {
    ++*i;
    out->kind = 'J';
    if (!RuleNumber(text, i, 1, 365, &out->day)) return false;
  } else if (text[*i] == 'M') {
    ++*i;
    out->kind = 'M';
    if (!RuleNumber(text, i, 1, 12, &out->month) || *i >= text.size() || text[(*i)++] != '.' ||
        !RuleNumber(text, i, 1, 5, &out->week) || *i >= text.size() || text[(*i)++] != '.' ||
        !RuleNumber(text, i, 0, 6, &out->weekday)) {
      return false;
    }
  } else {
    out->kind = 'D';
    if (!RuleNumber(text, i, 0, 365, &out->day)) return false;
  }
  out->time = 7200;
  if (*i < text.size() && text[*i] == '/') {
    ++*i;
    return RuleSeconds(text, i, &out->time);
  }
  return true;
}

bool IsLeapYear(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

// Days from January 1 of `year` to the day of `c`.
int64_t ChangeDay(const PosixZoneRule::Change& c, int64_t year) {
  if (c.kind == 'J') return c.day - 1 + (IsLeapYear(year) && c.day >= 60 ? 1 : 0);
  if (c.kind == 'D') return c.day;
  static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month_days = kMonthDays[c.month - 1] + (c.month == 2 && IsLeapYear(year) ? 1 : 0);
  int64_t first = DaysFromCivil(year, static_cast<unsigned>(c.month), 1);
  int first_weekday = static_cast<int>(((first % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday
  int d = (c.weekday - first_weekday + 7) % 7;
  for (int w = 1; w < c.week && d + 7 < month_days; w++) d += 7;
  return first + d - DaysFromCivil(year, 1, 1);
}

// Reads a TZif file (the 64-bit data block of version 2+ files). False when it is malformed.
bool LoadTzif(const std::string& path, const std::string& name, TimeZone* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto* d = reinterpret_cast<const unsigned char*>(data.data());
  auto counts = [&](size_t at, uint32_t c[6]) {
    if (at + 44 > data.size() || data.compare(at, 4, "TZif") != 0) return false;
    for (int i = 0; i < 6; i++) c[i] = Be32(d + at + 20 + 4 * i);
    return true;
  };
  uint32_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  if (!counts(0, c) || data[4] < '2') return false;
  size_t v1 = 44 + size_t{c[3]} * 5 + size_t{c[4]} * 6 + c[5] + size_t{c[2]} * 8 + c[1] + c[0];
  if (!counts(v1, c)) return false;
  size_t times = v1 + 44, idx = times + size_t{c[3]} * 8, types = idx + c[3];
  if (c[4] == 0 || types + size_t{c[4]} * 6 > data.size()) return false;
  auto offset_of = [&](uint32_t type) { return static_cast<int32_t>(Be32(d + types + 6 * type)); };
  // Designations (abbreviations): NUL-terminated strings after the types, indexed by byte.
  size_t chars = types + size_t{c[4]} * 6;
  if (chars + c[5] > data.size()) return false;
  auto abbreviation_of = [&](uint32_t type) {
    size_t at = d[types + 6 * type + 5];
    if (at >= c[5]) return std::string();
    size_t end = at;
    while (end < c[5] && d[chars + end] != 0) end++;
    return std::string(data, chars + at, end - at);
  };
  // Before the first transition: the first standard-time type (RFC 8536 3.2), else type 0.
  uint32_t initial_type = 0;
  for (uint32_t t = 0; t < c[4]; t++) {
    if (d[types + 6 * t + 4] == 0) {
      initial_type = t;
      break;
    }
  }
  std::vector<std::pair<int64_t, int32_t>> transitions;
  std::vector<std::string> abbreviations;
  for (uint32_t i = 0; i < c[3]; i++) {
    uint8_t type = d[idx + i];
    if (type >= c[4]) return false;
    transitions.push_back({static_cast<int64_t>(Be64(d + times + 8 * i)), offset_of(type)});
    abbreviations.push_back(abbreviation_of(type));
  }
  // The footer ("\n<POSIX TZ rule>\n") after the leap seconds and indicators governs after the last
  // transition: its changes for 400 years are listed, and the zone repeats from there.
  size_t footer = chars + c[5] + size_t{c[2]} * 12 + c[1] + c[0];
  PosixZoneRule rule;
  int64_t repeat_from = INT64_MAX;
  if (footer < data.size() && data[footer] == '\n') {
    size_t end = data.find('\n', footer + 1);
    if (end != std::string::npos && ParsePosixZoneRule(std::string_view(data).substr(footer + 1, end - footer - 1), &rule) &&
        !rule.dst_name.empty()) {
      int64_t last = transitions.empty() ? INT64_MIN : transitions.back().first;
      int64_t y = 1969;
      unsigned m, day;
      if (!transitions.empty()) CivilFromDays(last >= 0 ? last / 86400 : -((-last + 86399) / 86400), &y, &m, &day);
      int32_t offset = transitions.empty() ? offset_of(initial_type) : transitions.back().second;
      std::string abbreviation = transitions.empty() ? abbreviation_of(initial_type) : abbreviations.back();
      for (int64_t year = y; year <= y + 401; year++) {
        for (const auto& [at, dst] : PosixRuleChanges(rule, year)) {
          int32_t o = dst ? rule.dst_offset : rule.std_offset;
          const std::string& a = dst ? rule.dst_name : rule.std_name;
          if (at <= last || (o == offset && a == abbreviation)) continue;
          transitions.push_back({at, o});
          abbreviations.push_back(a);
          offset = o;
          abbreviation = a;
        }
      }
      repeat_from = DaysFromCivil(y + 1, 1, 1) * 86400;
    }
  }
  *out = TimeZone::FromTransitions(name, offset_of(initial_type), std::move(transitions));
  out->SetAbbreviations(abbreviation_of(initial_type), std::move(abbreviations));
  if (repeat_from != INT64_MAX) out->RepeatFrom(repeat_from);
  return true;
}

}  // namespace

bool ParsePosixZoneRule(std::string_view text, PosixZoneRule* out) {
  PosixZoneRule r;
  size_t i = 0;
  int32_t west = 0;
  if (!RuleName(text, &i, &r.std_name) || !RuleSeconds(text, &i, &west)) return false;
  r.std_offset = -west;
  if (i < text.size()) {
    if (!RuleName(text, &i, &r.dst_name)) return false;
    r.dst_offset = r.std_offset + 3600;
    if (i < text.size() && text[i] != ',') {
      if (!RuleSeconds(text, &i, &west)) return false;
      r.dst_offset = -west;
    }
    if (i == text.size()) {
      // No dates: the United States' rules, as tzcode assumes ("M3.2.0,M11.1.0").
      r.start = {'M', 0, 2, 3, 0, 7200};
      r.end = {'M', 0, 1, 11, 0, 7200};
    } else if (text[i++] != ',' || !RuleChange(text, &i, &r.start) || i >= text.size() || text[i++] != ',' ||
               !RuleChange(text, &i, &r.end) || i != text.size()) {
      return false;
    }
  }
  *out = std::move(r);
  return true;
}

std::vector<std::pair<int64_t, bool>> PosixRuleChanges(const PosixZoneRule& rule, int64_t year) {
  if (rule.dst_name.empty()) return {};
  int64_t january1 = DaysFromCivil(year, 1, 1) * 86400;
  // A change's local time is on the clock in force before it: standard time for the start,
  // daylight time for the end.
  std::vector<std::pair<int64_t, bool>> changes = {
      {january1 + ChangeDay(rule.start, year) * 86400 + rule.start.time - rule.std_offset, true},
      {january1 + ChangeDay(rule.end, year) * 86400 + rule.end.time - rule.dst_offset, false}};
  std::sort(changes.begin(), changes.end());
  return changes;
}

const TimeZone* FindZoneFile(const std::string& name) {
  static std::mutex mu;
  // Only zones found are kept (the pointers live as long as the process): as many as there are files.
  static std::map<std::string, std::unique_ptr<TimeZone>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second.get();
  std::string canonical;
  std::string path = ZonePath(name, &canonical);
  if (path.empty()) return nullptr;
  auto zone = std::make_unique<TimeZone>();
  if (!LoadTzif(path, canonical, zone.get())) return nullptr;
  return cache.emplace(name, std::move(zone)).first->second.get();
}

}  // namespace kanto::datetime
