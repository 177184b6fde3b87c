// Intervals: text input and output, arithmetic with timestamps, justify_*, multiplication.
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kanto/error.hpp"
#include "types/datetime.hpp"
#include "types/datetime_internal.hpp"

namespace kanto::datetime {

namespace {
[[noreturn]] void BadInterval(std::string_view text) { BadSyntax("interval", text); }

bool UnitMicros(const std::string& u, int* months, int64_t* micros, int* days) {
  *months = 0;
  *micros = 0;
  *days = 0;
  static const struct {
    const char* names[6];
    int months;
    int days;
    int64_t micros;
  } kUnits[] = {
      {{"microsecond", "microseconds", "us", "usec", "usecs", nullptr}, 0, 0, 1},
      {{"millisecond", "milliseconds", "ms", "msec", "msecs", nullptr}, 0, 0, 1000},
      {{"second", "seconds", "s", "sec", "secs", nullptr}, 0, 0, kMicrosPerSecond},
      {{"minute", "minutes", "m", "min", "mins", nullptr}, 0, 0, 60 * kMicrosPerSecond},
      {{"hour", "hours", "h", "hr", "hrs", nullptr}, 0, 0, 3600 * kMicrosPerSecond},
      {{"day", "days", "d", nullptr}, 0, 1, 0},
      {{"week", "weeks", "w", nullptr}, 0, 7, 0},
      {{"month", "months", "mon", "mons", nullptr}, 1, 0, 0},
      {{"year", "years", "y", "yr", "yrs", nullptr}, 12, 0, 0},
      {{"decade", "decades", nullptr}, 120, 0, 0},
      {{"century", "centuries", nullptr}, 1200, 0, 0},
      {{"millennium", "millennia", "millenniums", nullptr}, 12000, 0, 0},
  };
  for (const auto& unit : kUnits) {
    for (const char* const* n = unit.names; *n; n++) {
      if (u == *n) {
        *months = unit.months;
        *days = unit.days;
        *micros = unit.micros;
        return true;
      }
    }
  }
  return false;
}
}  // namespace

namespace {

// Adds `value` of a unit that is `months` months, `days` days or `micros` microseconds; fractions
// cascade down as in PostgreSQL (1.5 months = 1 month 15 days).
void AddUnits(Interval* iv, double value, int months, int days, int64_t micros) {
  double whole_part = std::trunc(value);
  double frac = value - whole_part;
  if (months) {
    iv->months += static_cast<int32_t>(whole_part * months);
    double fm = frac * months;
    iv->months += static_cast<int32_t>(std::trunc(fm));
    double fd = (fm - std::trunc(fm)) * 30;
    iv->days += static_cast<int32_t>(std::trunc(fd));
    iv->micros += static_cast<int64_t>(std::llround((fd - std::trunc(fd)) * kMicrosPerDay));
  } else if (days) {
    iv->days += static_cast<int32_t>(whole_part * days);
    double fd = frac * days;
    iv->days += static_cast<int32_t>(std::trunc(fd));
    iv->micros += static_cast<int64_t>(std::llround((fd - std::trunc(fd)) * kMicrosPerDay));
  } else {
    iv->micros += static_cast<int64_t>(std::llround(value * static_cast<double>(micros)));
  }
}

// ISO 8601's designator form: P[nY][nM][nW][nD][T[nH][nM][nS]], numbers may be signed or fractional.
Interval ParseIsoInterval(const std::string& s, std::string_view text) {
  Interval iv;
  size_t i = 1;
  bool time = false, any = false;
  while (i < s.size()) {
    if (s[i] == 't') {
      if (time) BadInterval(text);
      time = true;
      i++;
      continue;
    }
    size_t start = i;
    if (s[i] == '-' || s[i] == '+') i++;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) i++;
    if (i == start) BadInterval(text);
    double value = std::strtod(s.substr(start, i - start).c_str(), nullptr);
    // A last number without a designator: years (hours after T), as PostgreSQL reads 'P1'.
    char unit = i < s.size() ? s[i++] : (time ? 'h' : 'y');
    if (!time && unit == 'y') AddUnits(&iv, value, 12, 0, 0);
    else if (!time && unit == 'm') AddUnits(&iv, value, 1, 0, 0);
    else if (!time && unit == 'w') AddUnits(&iv, value, 0, 7, 0);
    else if (!time && unit == 'd') AddUnits(&iv, value, 0, 1, 0);
    else if (time && unit == 'h') AddUnits(&iv, value, 0, 0, 3600 * kMicrosPerSecond);
    else if (time && unit == 'm') AddUnits(&iv, value, 0, 0, 60 * kMicrosPerSecond);
    else if (time && unit == 's') AddUnits(&iv, value, 0, 0, kMicrosPerSecond);
    else BadInterval(text);
    any = true;
  }
  if (!any && !time) BadInterval(text);
  return iv;
}

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

Interval ParseInterval(std::string_view text) {
  std::string s = Lower(Trim(text));
  if (s.size() > 1 && s[0] == 'p') return ParseIsoInterval(s, text);
  Interval iv;
  size_t i = 0;
  bool ago = false, any = false;
  if (!s.empty() && s[0] == '@') i = 1;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') i++;
    if (i >= s.size()) break;
    if (s.compare(i, 3, "ago") == 0) {
      ago = true;
      i += 3;
      continue;
    }
    bool neg = false;
    if (s[i] == '-' || s[i] == '+') neg = s[i++] == '-';
    size_t start = i;
    while (i < s.size() && (IsDigit(s[i]) || s[i] == '.')) i++;
    if (start == i) BadInterval(text);
    std::string num = s.substr(start, i - start);
    if (i < s.size() && s[i] == ':') {
      // time field hh:mm[:ss[.f]]
      size_t j = start;
      int64_t t;
      if (!ParseTime(s, &j, &t, text, "interval")) BadInterval(text);
      i = j;
      iv.micros += neg ? -t : t;
      any = true;
      continue;
    }
    // SQL's year-month literal "Y-M" (1-2 is 1 year 2 months; 1- is 1 year).
    if (i < s.size() && s[i] == '-' && (i + 1 == s.size() || s[i + 1] == ' ' || IsDigit(s[i + 1]))) {
      if (num.find('.') != std::string::npos) BadInterval(text);
      size_t m = i + 1;
      while (m < s.size() && IsDigit(s[m])) m++;
      if (m < s.size() && s[m] != ' ') BadInterval(text);
      int64_t months = std::strtoll(num.c_str(), nullptr, 10) * 12 + std::strtoll(s.substr(i + 1, m - i - 1).c_str(), nullptr, 10);
      if (months > INT32_MAX) BadInterval(text);
      iv.months += static_cast<int32_t>(neg ? -months : months);
      i = m;
      any = true;
      continue;
    }
    double value = std::strtod(num.c_str(), nullptr);
    if (neg) value = -value;
    while (i < s.size() && s[i] == ' ') i++;
    size_t ustart = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) i++;
    std::string unit = s.substr(ustart, i - ustart);
    if (unit.empty()) {
      // A number without a unit is seconds, or days when a time field follows ('1 2:03:04').
      size_t k = i;
      if (k < s.size() && (s[k] == '-' || s[k] == '+')) k++;
      while (k < s.size() && IsDigit(s[k])) k++;
      unit = k > i && k < s.size() && s[k] == ':' ? "day" : "second";
    }
    int months, days;
    int64_t micros;
    if (!UnitMicros(unit, &months, &micros, &days)) BadInterval(text);
    AddUnits(&iv, value, months, days, micros);
    any = true;
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) i++;
  }
  if (!any) BadInterval(text);
  if (ago) {
    iv.months = -iv.months;
    iv.days = -iv.days;
    iv.micros = -iv.micros;
  }
  return iv;
}

std::string FormatInterval(const Interval& iv) {
  std::string out;
  auto add = [&](int64_t v, const char* unit) {
    if (!v) return;
    if (!out.empty()) out += " ";
    out += std::to_string(v) + " " + unit + (v == 1 ? "" : "s");
  };
  int64_t years = iv.months / 12, months = iv.months % 12;
  add(years, "year");
  if (months) {
    if (!out.empty()) out += " ";
    out += std::to_string(months) + (months == 1 ? " mon" : " mons");
  }
  add(iv.days, "day");
  if (iv.micros || out.empty()) {
    bool neg = iv.micros < 0;
    int64_t a = neg ? -iv.micros : iv.micros;
    if (!out.empty()) out += " ";
    bool prev_neg = iv.days < 0 || (iv.days == 0 && iv.months < 0);
    if (neg) {
      out += "-";
    } else if (!out.empty() && prev_neg) {
      out += "+";
    }
    int64_t secs = a / kMicrosPerSecond;
    std::string t = Two(secs / 3600) + ":" + Two(secs / 60 % 60) + ":" + Two(secs % 60);
    if (a % kMicrosPerSecond) {
      char b[16];
      std::snprintf(b, sizeof(b), ".%06lld", static_cast<long long>(a % kMicrosPerSecond));
      std::string f = b;
      while (f.back() == '0') f.pop_back();
      t += f;
    }
    out += t;
  }
  return out;
}

int64_t AddInterval(int64_t ts, const Interval& iv) {
  if (ts == INT64_MAX || ts == INT64_MIN) return ts;
  if (iv.months) {
    int64_t days = FloorDiv(ts, kMicrosPerDay);
    int64_t rem = ts - days * kMicrosPerDay;
    int64_t y;
    unsigned m, d;
    CivilFromDays(days, &y, &m, &d);
    int64_t total = y * 12 + (m - 1) + iv.months;
    int64_t ny = FloorDiv(total, 12);
    unsigned nm = static_cast<unsigned>(total - ny * 12 + 1);
    unsigned nd = std::min(d, DaysInMonth(ny, nm));
    ts = DaysFromCivil(ny, nm, nd) * kMicrosPerDay + rem;
  }
  ts += static_cast<int64_t>(iv.days) * kMicrosPerDay + iv.micros;
  CheckTimestampRange(ts);
  return ts;
}

// As PostgreSQL's timestamptz_pl_interval: months and days move the wall clock (a day across a
// daylight-saving change is 23 or 25 hours), the time part is elapsed time.
int64_t AddIntervalTz(int64_t ts, const Interval& iv, const TimeZone& tz) {
  if ((iv.months != 0 || iv.days != 0) && ts != INT64_MAX && ts != INT64_MIN) {
    int64_t local = ts + static_cast<int64_t>(tz.OffsetAt(ts)) * kMicrosPerSecond;
    local = AddInterval(local, Interval{iv.months, iv.days, 0});
    ts = local - static_cast<int64_t>(tz.OffsetForLocal(local)) * kMicrosPerSecond;
  }
  return AddInterval(ts, Interval{0, 0, iv.micros});
}

Interval JustifyHours(const Interval& iv) {
  Interval r = iv;
  int64_t extra = r.micros / kMicrosPerDay;
  r.days += static_cast<int32_t>(extra);
  r.micros -= extra * kMicrosPerDay;
  if (r.days > 0 && r.micros < 0) {
    r.micros += kMicrosPerDay;
    r.days--;
  } else if (r.days < 0 && r.micros > 0) {
    r.micros -= kMicrosPerDay;
    r.days++;
  }
  return r;
}

Interval JustifyDays(const Interval& iv) {
  Interval r = iv;
  int32_t extra = r.days / 30;
  r.months += extra;
  r.days -= extra * 30;
  if (r.months > 0 && r.days < 0) {
    r.days += 30;
    r.months--;
  } else if (r.months < 0 && r.days > 0) {
    r.days -= 30;
    r.months++;
  }
  return r;
}

Interval SubtractTimestamps(int64_t a, int64_t b) {
  Interval iv;
  iv.micros = a - b;
  return JustifyHours(iv);
}

// As PostgreSQL's interval_mul: each field is multiplied on its own and the fractional part of the
// months (30 days each) and of the days (24 hours each) goes down to the next field; the day and
// time fractions are not added first (1 mon -1 day * 0.6 is 18 days -14:24:00, not 17 days 09:36:00).
Interval MultiplyInterval(const Interval& iv, double f) {
  Interval r;
  double months = iv.months * f;
  r.months = static_cast<int32_t>(std::trunc(months));
  double month_days = (months - r.months) * 30;
  double days = iv.days * f;
  r.days = static_cast<int32_t>(std::trunc(days));
  double seconds = (days - r.days + month_days - std::trunc(month_days)) * 86400;
  seconds = std::rint(seconds * 1e6) / 1e6;  // to microseconds
  if (std::fabs(seconds) >= 86400) {
    double whole = std::trunc(seconds / 86400);
    r.days += static_cast<int32_t>(whole);
    seconds -= whole * 86400;
  }
  r.days += static_cast<int32_t>(std::trunc(month_days));
  r.micros = static_cast<int64_t>(std::rint(iv.micros * f + seconds * 1e6));
  return r;
}

}  // namespace kanto::datetime
