#include "types/datetime.hpp"

#include <algorithm>
#include <iterator>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kanto/error.hpp"
#include "types/datetime_internal.hpp"

namespace kanto::datetime {

namespace {

[[noreturn]] void OutOfRange(std::string_view text) {
  throw Error(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: \"" + std::string(text) + "\"");
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Parses digits at s[*i..]; returns count of digits read.
int ReadInt(std::string_view s, size_t* i, int64_t* out) {
  int n = 0;
  int64_t v = 0;
  while (*i < s.size() && std::isdigit(static_cast<unsigned char>(s[*i]))) {
    if (n < 18) v = v * 10 + (s[*i] - '0');
    (*i)++;
    n++;
  }
  *out = v;
  return n;
}

struct Parsed {
  int64_t year = 0;
  unsigned month = 1, day = 1;
  int64_t time_micros = 0;
  bool has_zone = false;
  int32_t zone_seconds = 0;
  bool special = false;
  int64_t special_value = 0;
};

const char* kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

bool ParseZone(std::string_view s, size_t* i, int32_t* seconds) {
  if (*i >= s.size()) return false;
  std::string rest = Lower(Trim(s.substr(*i)));
  if (rest == "z" || rest == "utc" || rest == "gmt") {
    *seconds = 0;
    *i = s.size();
    return true;
  }
  size_t j = *i;
  while (j < s.size() && s[j] == ' ') j++;
  if (j >= s.size() || (s[j] != '+' && s[j] != '-')) return false;
  bool neg = s[j] == '-';
  j++;
  int64_t hh = 0, mm = 0, ss = 0;
  size_t start = j;
  int n = ReadInt(s, &j, &hh);
  if (n == 0) return false;
  if (n == 4) {
    mm = hh % 100;
    hh /= 100;
  } else if (j < s.size() && s[j] == ':') {
    j++;
    ReadInt(s, &j, &mm);
    if (j < s.size() && s[j] == ':') {
      j++;
      ReadInt(s, &j, &ss);
    }
  }
  (void)start;
  if (hh > 15 || mm > 59 || ss > 59) return false;
  *seconds = static_cast<int32_t>((hh * 3600 + mm * 60 + ss) * (neg ? -1 : 1));
  *i = j;
  return true;
}

Parsed ParseDateTime(std::string_view text, const char* type, bool allow_time, int64_t now_micros) {
  std::string_view s = Trim(text);
  Parsed p;
  std::string low = Lower(s);
  auto special = [&](int64_t v) {
    p.special = true;
    p.special_value = v;
    return p;
  };
  if (low == "infinity" || low == "+infinity") return special(INT64_MAX);
  if (low == "-infinity") return special(INT64_MIN);
  if (low == "epoch") return special(0);
  if (low == "now") return special(now_micros);
  int64_t today = FloorDiv(now_micros, kMicrosPerDay) * kMicrosPerDay;
  if (low == "today") return special(today);
  if (low == "tomorrow") return special(today + kMicrosPerDay);
  if (low == "yesterday") return special(today - kMicrosPerDay);
  size_t i = 0;
  int64_t a;
  int na = ReadInt(s, &i, &a);
  if (na == 0) {
    // "Jan 5 2024" / "January 5, 2024"
    size_t j = 0;
    while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) j++;
    std::string mon = Lower(s.substr(0, std::min<size_t>(j, 3)));
    int month = 0;
    for (int k = 0; k < 12; k++) {
      if (mon == kMonthNames[k]) month = k + 1;
    }
    if (!month || j < 3) BadSyntax(type, text);
    i = j;
    while (i < s.size() && s[i] == ' ') i++;
    int64_t d, y;
    if (!ReadInt(s, &i, &d)) BadSyntax(type, text);
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) i++;
    if (!ReadInt(s, &i, &y)) BadSyntax(type, text);
    p.year = y;
    p.month = static_cast<unsigned>(month);
    p.day = static_cast<unsigned>(d);
  } else if (i < s.size() && (s[i] == '-' || s[i] == '/')) {
    char sep = s[i++];
    int64_t b, c;
    bool month_named = i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]));
    if (month_named) {
      std::string mon = Lower(s.substr(i, 3));
      int month = 0;
      for (int k = 0; k < 12; k++) {
        if (mon == kMonthNames[k]) month = k + 1;
      }
      if (!month) BadSyntax(type, text);
      while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) i++;
      b = month;
    } else if (!ReadInt(s, &i, &b)) {
      BadSyntax(type, text);
    }
    if (i >= s.size() || s[i] != sep) BadSyntax(type, text);
    i++;
    int nc = ReadInt(s, &i, &c);
    if (!nc) BadSyntax(type, text);
    if (na >= 3) {  // Y-M-D
      p.year = a;
      p.month = static_cast<unsigned>(b);
      p.day = static_cast<unsigned>(c);
    } else if (month_named) {  // D-Mon-Y: a named month says which field is the month
      p.day = static_cast<unsigned>(a);
      p.month = static_cast<unsigned>(b);
      p.year = nc <= 2 ? (c < 70 ? 2000 + c : 1900 + c) : c;
    } else {  // M/D/Y (DateStyle MDY)
      p.month = static_cast<unsigned>(a);
      p.day = static_cast<unsigned>(b);
      p.year = nc <= 2 ? (c < 70 ? 2000 + c : 1900 + c) : c;
    }
  } else if (na == 8) {  // YYYYMMDD
    p.year = a / 10000;
    p.month = static_cast<unsigned>(a / 100 % 100);
    p.day = static_cast<unsigned>(a % 100);
  } else {
    BadSyntax(type, text);
  }
  // Time part
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    size_t save = i;
    i++;
    while (i < s.size() && s[i] == ' ') i++;
    if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (!allow_time) {
        // PostgreSQL accepts and ignores a time in date input.
      }
      ParseTime(s, &i, &p.time_micros, text, type);
    } else {
      i = save;
    }
  }
  int32_t zone = 0;
  if (ParseZone(s, &i, &zone)) {
    p.has_zone = true;
    p.zone_seconds = zone;
  }
  while (i < s.size() && s[i] == ' ') i++;
  bool year_zero = p.year == 0;  // there is no year 0 (0001 BC is the year before 0001)
  if (i < s.size()) {
    std::string rest = Lower(s.substr(i));
    if (rest == "bc") {
      p.year = 1 - p.year;
      i = s.size();
    } else if (rest == "ad") {
      i = s.size();
    } else {
      BadSyntax(type, text);
    }
  }
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31) {
    // A month or day no calendar has: perhaps the fields were meant in another order.
    throw Error(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: \"" + std::string(text) + "\"")
        .WithHint("Perhaps you need a different \"datestyle\" setting.");
  }
  if (p.day > DaysInMonth(p.year, p.month) || year_zero) OutOfRange(text);
  return p;
}

std::string TimeOfDay(int64_t micros_of_day) {
  int64_t secs = micros_of_day / kMicrosPerSecond;
  int64_t frac = micros_of_day % kMicrosPerSecond;
  std::string out = Two(secs / 3600) + ":" + Two(secs / 60 % 60) + ":" + Two(secs % 60);
  if (frac) {
    char b[16];
    std::snprintf(b, sizeof(b), ".%06lld", static_cast<long long>(frac));
    std::string f = b;
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out;
}

std::string YearText(int64_t y) {
  bool bc = y <= 0;
  char b[32];
  std::snprintf(b, sizeof(b), "%04lld", static_cast<long long>(bc ? 1 - y : y));
  return b;
}
}  // namespace

[[noreturn]] void BadSyntax(const char* type, std::string_view text) {
  throw Error(sqlstate::kInvalidDatetimeFormat,
              std::string("invalid input syntax for type ") + type + ": \"" + std::string(text) + "\"");
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string Lower(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

unsigned DaysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Parses "HH:MM[:SS[.ffffff]]" at s[*i..].
bool ParseTime(std::string_view s, size_t* i, int64_t* micros, std::string_view whole, const char* type) {
  int64_t h, m = 0, sec = 0, frac = 0;
  if (!ReadInt(s, i, &h)) return false;
  if (*i >= s.size() || s[*i] != ':') BadSyntax(type, whole);
  (*i)++;
  if (ReadInt(s, i, &m) == 0) BadSyntax(type, whole);
  if (*i < s.size() && s[*i] == ':') {
    (*i)++;
    if (ReadInt(s, i, &sec) == 0) BadSyntax(type, whole);
    if (*i < s.size() && s[*i] == '.') {
      (*i)++;
      int digits = 0;
      int64_t f = 0;
      while (*i < s.size() && std::isdigit(static_cast<unsigned char>(s[*i]))) {
        if (digits < 7) {
          f = f * 10 + (s[*i] - '0');
          digits++;
        }
        (*i)++;
      }
      while (digits < 7) {
        f *= 10;
        digits++;
      }
      frac = (f + 5) / 10;  // round to microseconds
    }
  }
  // An interval's hours are not bounded by a day ('27:00:00').
  bool day_bound = std::string_view(type) != "interval";
  if (m > 59 || sec > 60 || (day_bound && (h > 24 || (h == 24 && (m || sec || frac))))) OutOfRange(whole);
  *micros = ((h * 60 + m) * 60 + sec) * kMicrosPerSecond + frac;
  return true;
}

void CheckTimestampRange(int64_t micros) {
  // PostgreSQL's range: 4713 BC .. 294276 AD.
  if (micros < -211813488000000000LL || micros == INT64_MAX) {
    throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
}

std::string Two(int64_t v) {
  char b[24];
  std::snprintf(b, sizeof(b), "%02lld", static_cast<long long>(v));
  return b;
}

TimeZone TimeZone::Load(std::string_view raw) {
  std::string name(Trim(raw));
  std::string low = Lower(name);
  TimeZone tz;
  tz.name_ = name;
  if (low == "utc" || low == "gmt" || low == "z" || low == "etc/utc" || low == "etc/gmt" || low == "zulu" ||
      low == "universal" || low == "uct") {
    return tz;
  }
  // A plain number of hours ("+3", "-7") is an ISO offset (east of UTC), as PostgreSQL's
  // check_timezone reads it; anything else is a POSIX zone, positive WEST of UTC: "UTC+3", "GMT-2",
  // and "+05:30" (five and a half hours west).
  std::string buf = low;
  bool plain_number = !buf.empty() && buf.find_first_not_of("+-0123456789") == std::string::npos;
  int sign = plain_number ? 1 : -1;
  if (buf.rfind("utc", 0) == 0 || buf.rfind("gmt", 0) == 0) buf = buf.substr(3);
  if (!buf.empty() && std::isdigit(static_cast<unsigned char>(buf[0]))) buf = "+" + buf;
  size_t i = 0;
  int32_t seconds = 0;
  if (!buf.empty() && ParseZone(buf, &i, &seconds) && i == buf.size()) {
    tz.offset_seconds_ = seconds * sign;
    return tz;
  }
  throw Error(sqlstate::kInvalidParameterValue, "invalid value for parameter \"TimeZone\": \"" + name + "\"");
}

TimeZone TimeZone::FromTransitions(std::string name, int32_t initial_offset,
                                   std::vector<std::pair<int64_t, int32_t>> transitions) {
  TimeZone tz;
  tz.name_ = std::move(name);
  tz.offset_seconds_ = initial_offset;
  tz.transitions_ = std::move(transitions);
  return tz;
}

size_t TimeZone::TransitionsUpTo(int64_t utc_micros) const {
  int64_t seconds = utc_micros >= 0 ? utc_micros / 1000000 : -((-utc_micros + 999999) / 1000000);
  constexpr int64_t kCycle = 146097LL * 86400;  // 400 Gregorian years
  if (seconds > repeat_from_ && seconds - repeat_from_ >= kCycle) seconds -= (seconds - repeat_from_) / kCycle * kCycle;
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), seconds,
                             [](int64_t t, const std::pair<int64_t, int32_t>& x) { return t < x.first; });
  return static_cast<size_t>(it - transitions_.begin());
}

int32_t TimeZone::OffsetAt(int64_t utc_micros) const {
  if (transitions_.empty()) return offset_seconds_;
  size_t n = TransitionsUpTo(utc_micros);
  return n == 0 ? offset_seconds_ : transitions_[n - 1].second;
}

const std::string& TimeZone::AbbreviationAt(int64_t utc_micros) const {
  if (abbreviations_.empty()) return initial_abbreviation_;
  size_t n = TransitionsUpTo(utc_micros);
  return n == 0 ? initial_abbreviation_ : abbreviations_[n - 1];
}

void TimeZone::SetAbbreviations(std::string initial, std::vector<std::string> per_transition) {
  initial_abbreviation_ = std::move(initial);
  if (per_transition.size() == transitions_.size()) abbreviations_ = std::move(per_transition);
}

int32_t TimeZone::OffsetForLocal(int64_t local_micros) const {
  if (transitions_.empty()) return offset_seconds_;
  // Candidate offsets: the ones in force a day before and a day after. As in PostgreSQL, a repeated
  // local time takes the offset after the change, a skipped one the offset before it.
  constexpr int64_t kDay = 86400LL * 1000000;
  int32_t before = OffsetAt(local_micros - kDay), after = OffsetAt(local_micros + kDay);
  for (int32_t o : {after, before}) {
    if (OffsetAt(local_micros - static_cast<int64_t>(o) * 1000000) == o) return o;
  }
  return before;  // inside a skipped hour
}

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

int64_t ParseDate(std::string_view text, int64_t now_micros) {
  Parsed p = ParseDateTime(text, "date", false, now_micros);
  if (p.special) {
    if (p.special_value == INT64_MAX) return kDateInfinity;
    if (p.special_value == INT64_MIN) return -kDateInfinity;
    return FloorDiv(p.special_value, kMicrosPerDay);
  }
  if (p.year < -4713 || p.year > 5874897) throw Error(sqlstate::kDatetimeFieldOverflow, "date out of range: \"" + std::string(text) + "\"");
  return DaysFromCivil(p.year, p.month, p.day);
}

std::string FormatDate(int64_t days) {
  if (days >= kDateInfinity) return "infinity";
  if (days <= -kDateInfinity) return "-infinity";
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  std::string out = YearText(y) + "-" + Two(m) + "-" + Two(d);
  if (y <= 0) out += " BC";
  return out;
}

namespace {

[[noreturn]] void TimestampTextOutOfRange(std::string_view text) {
  throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range: \"" + std::string(text) + "\"");
}

// The parsed date and time as microseconds since 1970 (no zone applied); a year too far out for
// int64 microseconds is 22008, as PostgreSQL reports it, not a wrapped value.
int64_t LocalMicrosOf(const Parsed& p, std::string_view text) {
  int64_t v;
  if (__builtin_mul_overflow(DaysFromCivil(p.year, p.month, p.day), kMicrosPerDay, &v) ||
      __builtin_add_overflow(v, p.time_micros, &v)) {
    TimestampTextOutOfRange(text);
  }
  return v;
}

}  // namespace

int64_t ParseTimestamp(std::string_view text, int64_t now_micros) {
  Parsed p = ParseDateTime(text, "timestamp", true, now_micros);
  if (p.special) return p.special_value;
  int64_t v = LocalMicrosOf(p, text);
  CheckTimestampRange(v);
  return v;
}

std::string FormatTimestamp(int64_t micros) {
  if (micros == INT64_MAX) return "infinity";
  if (micros == INT64_MIN) return "-infinity";
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t rem = micros - days * kMicrosPerDay;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  std::string out = YearText(y) + "-" + Two(m) + "-" + Two(d) + " " + TimeOfDay(rem);
  if (y <= 0) out += " BC";
  return out;
}

int64_t ParseTimestampTz(std::string_view text, const TimeZone& tz, int64_t now_micros) {
  Parsed p = ParseDateTime(text, "timestamp with time zone", true, now_micros);
  if (p.special) return p.special_value;
  int64_t local = LocalMicrosOf(p, text);
  int32_t offset = p.has_zone ? p.zone_seconds : tz.OffsetForLocal(local);
  int64_t v;
  if (__builtin_sub_overflow(local, static_cast<int64_t>(offset) * kMicrosPerSecond, &v)) TimestampTextOutOfRange(text);
  CheckTimestampRange(v);
  return v;
}

std::string FormatTimestampTz(int64_t micros, const TimeZone& tz) {
  if (micros == INT64_MAX) return "infinity";
  if (micros == INT64_MIN) return "-infinity";
  int32_t off = tz.OffsetAt(micros);
  int64_t local = micros + static_cast<int64_t>(off) * kMicrosPerSecond;
  std::string out = FormatTimestamp(local);
  std::string bc;
  if (out.size() > 3 && out.compare(out.size() - 3, 3, " BC") == 0) {
    bc = " BC";
    out.resize(out.size() - 3);
  }
  int32_t a = off < 0 ? -off : off;
  out += (off < 0 ? "-" : "+") + Two(a / 3600);
  if (a % 3600) out += ":" + Two(a / 60 % 60);
  if (a % 60) out += ":" + Two(a % 60);
  return out + bc;
}

int64_t DateToTimestamp(int64_t days) {
  if (days >= kDateInfinity) return INT64_MAX;
  if (days <= -kDateInfinity) return INT64_MIN;
  return days * kMicrosPerDay;
}

int64_t TimestampToDate(int64_t micros) {
  if (micros == INT64_MAX) return kDateInfinity;
  if (micros == INT64_MIN) return -kDateInfinity;
  return FloorDiv(micros, kMicrosPerDay);
}

int64_t TimestampToTimestampTz(int64_t local, const TimeZone& tz) {
  if (local == INT64_MAX || local == INT64_MIN) return local;
  return local - static_cast<int64_t>(tz.OffsetForLocal(local)) * kMicrosPerSecond;
}

int64_t TimestampTzToTimestamp(int64_t utc, const TimeZone& tz) {
  if (utc == INT64_MAX || utc == INT64_MIN) return utc;
  return utc + static_cast<int64_t>(tz.OffsetAt(utc)) * kMicrosPerSecond;
}

namespace {
std::string Decimal(int64_t value, int scale) {
  // value * 10^-scale as text
  bool neg = value < 0;
  uint64_t a = neg ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits = std::to_string(a);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) digits.insert(0, scale - digits.size() + 1, '0');
    digits.insert(digits.size() - scale, ".");
  }
  return (neg ? "-" : "") + digits;
}

const char* TypeName(char kind) {
  switch (kind) {
    case 'd': return "date";
    case 't': return "timestamp without time zone";
    case 'z': return "timestamp with time zone";
    default: return "interval";
  }
}
}  // namespace

std::string Extract(std::string_view field_raw, int64_t value, char kind, const TimeZone& tz) {
  std::string f = Lower(field_raw);
  if (f.size() > 1 && f.back() == 's' && f != "microseconds" && f != "milliseconds" && f != "seconds") f.pop_back();
  int64_t micros;
  if (kind == 'd') {
    micros = value * kMicrosPerDay;
  } else if (kind == 'z') {
    micros = value + static_cast<int64_t>(tz.OffsetAt(value)) * kMicrosPerSecond;
  } else {
    micros = value;
  }
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t tod = micros - days * kMicrosPerDay;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  bool time_unit = f == "hour" || f == "minute" || f == "second" || f == "millisecond" || f == "microsecond" ||
                   f == "milliseconds" || f == "microseconds" || f == "seconds";
  if (kind == 'd' && time_unit) {
    throw Error(sqlstate::kFeatureNotSupported, "unit \"" + std::string(field_raw) + "\" not supported for type date");
  }
  if (f == "year") return std::to_string(y <= 0 ? y - 1 : y);
  if (f == "month") return std::to_string(m);
  if (f == "day") return std::to_string(d);
  if (f == "quarter") return std::to_string((m - 1) / 3 + 1);
  if (f == "decade") return std::to_string(FloorDiv(y, 10));
  if (f == "century") return std::to_string(y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100));
  if (f == "millennium") return std::to_string(y > 0 ? (y + 999) / 1000 : -((999 - (y - 1)) / 1000));
  if (f == "dow") return std::to_string(((days % 7) + 7 + 4) % 7);
  if (f == "isodow") {
    int64_t dow = ((days % 7) + 7 + 4) % 7;
    return std::to_string(dow == 0 ? 7 : dow);
  }
  if (f == "doy") return std::to_string(days - DaysFromCivil(y, 1, 1) + 1);
  if (f == "week" || f == "isoyear") {
    int64_t dow = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
    int64_t thursday = days - dow + 3;
    int64_t ty;
    unsigned tm, td;
    CivilFromDays(thursday, &ty, &tm, &td);
    if (f == "isoyear") return std::to_string(ty);
    return std::to_string((thursday - DaysFromCivil(ty, 1, 1)) / 7 + 1);
  }
  if (f == "hour") return std::to_string(tod / 3600000000LL);
  if (f == "minute") return std::to_string(tod / 60000000LL % 60);
  if (f == "second") return Decimal(tod % 60000000LL, 6);
  if (f == "millisecond" || f == "milliseconds") return Decimal(tod % 60000000LL, 3);
  if (f == "microsecond" || f == "microseconds") return std::to_string(tod % 60000000LL);
  if (f == "epoch") {
    int64_t epoch = kind == 'z' ? value : micros;
    if (kind == 'd') return std::to_string(days * 86400);
    return Decimal(epoch, 6);
  }
  if (f == "julian") return std::to_string(days + 2440588);
  if (f == "timezone" && kind == 'z') return std::to_string(tz.OffsetAt(value));
  if (f == "timezone_hour" && kind == 'z') return std::to_string(tz.OffsetAt(value) / 3600);
  if (f == "timezone_minute" && kind == 'z') return std::to_string(tz.OffsetAt(value) / 60 % 60);
  throw Error(sqlstate::kInvalidParameterValue,
              "unit \"" + std::string(field_raw) + "\" not recognized for type " + TypeName(kind));
}

std::string ExtractInterval(std::string_view field_raw, const Interval& iv) {
  std::string f = Lower(field_raw);
  if (f.size() > 1 && f.back() == 's' && f != "microseconds" && f != "milliseconds" && f != "seconds") f.pop_back();
  if (f == "year") return std::to_string(iv.months / 12);
  if (f == "month") return std::to_string(iv.months % 12);
  if (f == "day") return std::to_string(iv.days);
  if (f == "hour") return std::to_string(iv.micros / 3600000000LL);
  if (f == "minute") return std::to_string(iv.micros / 60000000LL % 60);
  if (f == "second") return Decimal(iv.micros % 60000000LL, 6);
  if (f == "millisecond" || f == "milliseconds") return Decimal(iv.micros % 60000000LL, 3);
  if (f == "microsecond" || f == "microseconds") return std::to_string(iv.micros % 60000000LL);
  if (f == "epoch") {
    __int128 total = static_cast<__int128>(iv.months / 12) * 31557600000000LL +
                     static_cast<__int128>(iv.months % 12) * 30 * kMicrosPerDay +
                     static_cast<__int128>(iv.days) * kMicrosPerDay + iv.micros;
    return Decimal(static_cast<int64_t>(total), 6);
  }
  throw Error(sqlstate::kInvalidParameterValue, "unit \"" + std::string(field_raw) + "\" not recognized for type interval");
}

int64_t TruncateTimestamp(std::string_view field_raw, int64_t micros) {
  if (micros == INT64_MAX || micros == INT64_MIN) return micros;
  std::string f = Lower(field_raw);
  if (f.size() > 1 && f.back() == 's' && f != "microseconds" && f != "milliseconds") f.pop_back();
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  int64_t tod = micros - days * kMicrosPerDay;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  if (f == "microsecond" || f == "microseconds") return micros;
  if (f == "millisecond" || f == "milliseconds") return micros - ((micros % 1000) + 1000) % 1000;
  if (f == "second") return days * kMicrosPerDay + tod / kMicrosPerSecond * kMicrosPerSecond;
  if (f == "minute") return days * kMicrosPerDay + tod / 60000000LL * 60000000LL;
  if (f == "hour") return days * kMicrosPerDay + tod / 3600000000LL * 3600000000LL;
  if (f == "day") return days * kMicrosPerDay;
  if (f == "week") return (days - (((days % 7) + 7 + 3) % 7)) * kMicrosPerDay;
  if (f == "month") return DaysFromCivil(y, m, 1) * kMicrosPerDay;
  if (f == "quarter") return DaysFromCivil(y, (m - 1) / 3 * 3 + 1, 1) * kMicrosPerDay;
  if (f == "year") return DaysFromCivil(y, 1, 1) * kMicrosPerDay;
  if (f == "decade") return DaysFromCivil(FloorDiv(y, 10) * 10, 1, 1) * kMicrosPerDay;
  // Centuries and millennia start in their year 1 (2001, 1001), and BC ones in their year 100 or
  // 1000 BC (year 0 is 1 BC, so century 1 BC starts in year -99).
  if (f == "century") return DaysFromCivil(y > 0 ? (y - 1) / 100 * 100 + 1 : -((99 - (y - 1)) / 100) * 100 + 1, 1, 1) * kMicrosPerDay;
  if (f == "millennium")
    return DaysFromCivil(y > 0 ? (y - 1) / 1000 * 1000 + 1 : -((999 - (y - 1)) / 1000) * 1000 + 1, 1, 1) * kMicrosPerDay;
  throw Error(sqlstate::kInvalidParameterValue,
              "unit \"" + std::string(field_raw) + "\" not recognized for type timestamp without time zone");
}

}  // namespace kanto::datetime
