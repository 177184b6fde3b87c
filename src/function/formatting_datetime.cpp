// to_char over timestamp, timestamp with time zone and interval, as PostgreSQL 15 writes each
// template field (padding, FM, TH, the 12-hour clock, BC years, ISO weeks, Roman months, zones).
#include <cstdio>
#include <cstdlib>

#include "function/formatting.hpp"
#include "function/formatting_calendar.hpp"
#include "function/kernel_util.hpp"
#include "function/time_zone_functions.hpp"
#include "kanto/error.hpp"

namespace kanto::formatting {

namespace {

std::string Printf(const char* fmt, int width, long long v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), fmt, width, v);
  return buf;
}

// "%0*lld": v zero-padded to `width` (0: no padding; the sign counts towards the width).
std::string Padded(long long v, int width) { return Printf("%0*lld", width, v); }

// A name padded with blanks to 9 characters unless FM or TM.
std::string PaddedName(const std::string& name, int suffix) {
  if ((suffix & (kSuffixFM | kSuffixTM)) || name.size() >= 9) return name;
  return name + std::string(9 - name.size(), ' ');
}

std::string Upper(std::string s) {
  for (char& c : s) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The ordinal suffix (st, nd, rd, th) of the number text `num`.
std::string Ordinal(const std::string& num, bool upper) {
  char last = num.empty() ? ' ' : num.back();
  if (last < '0' || last > '9') throw Error(sqlstate::kInvalidTextRepresentation, "\"" + num + "\" is not a number");
  if (num.size() > 1 && num[num.size() - 2] == '1') last = '0';
  const char* s = last == '1' ? "st" : last == '2' ? "nd" : last == '3' ? "rd" : "th";
  return upper ? Upper(s) : s;
}

// PostgreSQL's year for output: BC years count up from 1 (year 0 is 1 BC), interval years as they are.
int64_t OutputYear(int64_t year, bool is_interval) { return is_interval || year > 0 ? year : -(year - 1); }

int64_t IsoYear(const TmToChar& tm) {
  int64_t y = 0, w = 0;
  IsoWeekOf(tm.year, tm.mon, tm.mday, &y, &w);
  return y;
}

void RefuseForInterval(bool is_interval) {
  if (is_interval)
    throw Error(sqlstate::kInvalidDatetimeFormat, "invalid format specification for an interval value")
        .WithHint("Intervals are not tied to specific calendar dates.");
}

}  // namespace

std::string DateTimeToChar(const DateTemplate& tmpl, const TmToChar& tm, bool is_interval) {
  std::string out;
  out.reserve(tmpl.nodes.size() * 2 + 8);
  for (const FormatNode& n : tmpl.nodes) {
    if (n.type != NodeType::kAction) {
      out += n.character;
      continue;
    }
    const int sfx = n.suffix;
    const bool fm = sfx & kSuffixFM;
    const bool pm = tm.hour % 24 >= 12;
    std::string s;         // the field
    bool numeric = true;   // TH / th apply
    auto width = [fm](int64_t v, int w) { return fm ? 0 : (v >= 0 ? w : w + 1); };
    switch (n.dch()) {
      case Dch::kA_M: case Dch::kP_M: s = pm ? "P.M." : "A.M."; numeric = false; break;
      case Dch::kAM: case Dch::kPM: s = pm ? "PM" : "AM"; numeric = false; break;
      case Dch::ka_m: case Dch::kp_m: s = pm ? "p.m." : "a.m."; numeric = false; break;
      case Dch::kam: case Dch::kpm: s = pm ? "pm" : "am"; numeric = false; break;
      case Dch::kHH: case Dch::kHH12:
        s = Padded(tm.hour % 12 == 0 ? 12 : tm.hour % 12, width(tm.hour, 2));
        break;
      case Dch::kHH24: s = Padded(tm.hour, width(tm.hour, 2)); break;
      case Dch::kMI: s = Padded(tm.min, width(tm.min, 2)); break;
      case Dch::kSS: s = Padded(tm.sec, width(tm.sec, 2)); break;
      case Dch::kFF1: s = Padded(tm.usec / 100000, 1); break;
      case Dch::kFF2: s = Padded(tm.usec / 10000, 2); break;
      case Dch::kFF3: case Dch::kMS: s = Padded(tm.usec / 1000, 3); break;
      case Dch::kFF4: s = Padded(tm.usec / 100, 4); break;
      case Dch::kFF5: s = Padded(tm.usec / 10, 5); break;
      case Dch::kFF6: case Dch::kUS: s = Padded(tm.usec, 6); break;
      case Dch::kSSSS: s = std::to_string(tm.hour * 3600 + tm.min * 60 + tm.sec); break;
      case Dch::ktz: RefuseForInterval(is_interval); s = Lower(tm.zone_abbrev); numeric = false; break;
      case Dch::kTZ: RefuseForInterval(is_interval); s = tm.zone_abbrev; numeric = false; break;
      case Dch::kTZH:
        RefuseForInterval(is_interval);
        s = std::string(1, tm.gmtoff >= 0 ? '+' : '-') + Padded(std::abs(tm.gmtoff) / 3600, 2);
        numeric = false;
        break;
      case Dch::kTZM:
        RefuseForInterval(is_interval);
        s = Padded(std::abs(tm.gmtoff) % 3600 / 60, 2);
        numeric = false;
        break;
      case Dch::kOF:
        RefuseForInterval(is_interval);
        s = std::string(1, tm.gmtoff >= 0 ? '+' : '-') + Padded(std::abs(tm.gmtoff) / 3600, fm ? 0 : 2);
        if (std::abs(tm.gmtoff) % 3600 != 0) s += ":" + Padded(std::abs(tm.gmtoff) % 3600 / 60, 2);
        numeric = false;
        break;
      case Dch::kA_D: case Dch::kB_C: RefuseForInterval(is_interval); s = tm.year <= 0 ? "B.C." : "A.D."; numeric = false; break;
      case Dch::kAD: case Dch::kBC: RefuseForInterval(is_interval); s = tm.year <= 0 ? "BC" : "AD"; numeric = false; break;
      case Dch::ka_d: case Dch::kb_c: RefuseForInterval(is_interval); s = tm.year <= 0 ? "b.c." : "a.d."; numeric = false; break;
      case Dch::kad: case Dch::kbc: RefuseForInterval(is_interval); s = tm.year <= 0 ? "bc" : "ad"; numeric = false; break;
      case Dch::kMONTH: case Dch::kMonth: case Dch::kmonth:
      case Dch::kMON: case Dch::kMon: case Dch::kmon: {
        RefuseForInterval(is_interval);
        numeric = false;
        if (tm.mon == 0) break;
        Dch id = n.dch();
        bool full = id == Dch::kMONTH || id == Dch::kMonth || id == Dch::kmonth;
        std::string name = full ? kMonthNames[tm.mon - 1] : kMonthAbbrevs[tm.mon - 1];
        if (id == Dch::kMONTH || id == Dch::kMON) name = Upper(name);
        if (id == Dch::kmonth || id == Dch::kmon) name = Lower(name);
        s = full ? PaddedName(name, sfx) : name;
        break;
      }
      case Dch::kMM: s = Padded(tm.mon, width(tm.mon, 2)); break;
      case Dch::kDAY: case Dch::kDay: case Dch::kday:
      case Dch::kDY: case Dch::kDy: case Dch::kdy: {
        RefuseForInterval(is_interval);
        numeric = false;
        Dch id = n.dch();
        bool full = id == Dch::kDAY || id == Dch::kDay || id == Dch::kday;
        std::string name = full ? kDayNames[tm.wday] : kDayAbbrevs[tm.wday];
        if (id == Dch::kDAY || id == Dch::kDY) name = Upper(name);
        if (id == Dch::kday || id == Dch::kdy) name = Lower(name);
        s = full ? PaddedName(name, sfx) : name;
        break;
      }
      case Dch::kDDD: s = Padded(tm.yday, fm ? 0 : 3); break;
      case Dch::kIDDD: {
        int64_t day = DateToJulian(tm.year, tm.mon, tm.mday) - IsoWeekToJulian(IsoYear(tm), 1) + 1;
        s = Padded(day, fm ? 0 : 3);
        break;
      }
      case Dch::kDD: s = Padded(tm.mday, fm ? 0 : 2); break;
      case Dch::kD: RefuseForInterval(is_interval); s = std::to_string(tm.wday + 1); break;
      case Dch::kID: RefuseForInterval(is_interval); s = std::to_string(tm.wday == 0 ? 7 : tm.wday); break;
      case Dch::kWW: s = Padded((tm.yday - 1) / 7 + 1, fm ? 0 : 2); break;
      case Dch::kIW: {
        int64_t y = 0, w = 0;
        IsoWeekOf(tm.year, tm.mon, tm.mday, &y, &w);
        s = Padded(w, fm ? 0 : 2);
        break;
      }
      case Dch::kQ:
        if (tm.mon == 0) {
          numeric = false;
          break;
        }
        s = std::to_string((tm.mon - 1) / 3 + 1);
        break;
      case Dch::kCC: {
        int64_t c = is_interval ? tm.year / 100 : tm.year > 0 ? (tm.year - 1) / 100 + 1 : tm.year / 100 - 1;
        s = c <= 99 && c >= -99 ? Padded(c, width(c, 2)) : std::to_string(c);
        break;
      }
      case Dch::kY_YYY: {
        int64_t y = OutputYear(tm.year, is_interval);
        char buf[64];
        std::snprintf(buf, sizeof(buf), "%lld,%03lld", static_cast<long long>(y / 1000),
                      static_cast<long long>(y - y / 1000 * 1000));
        s = buf;
        break;
      }
      case Dch::kYYYY: case Dch::kIYYY: case Dch::kYYY: case Dch::kIYY:
      case Dch::kYY: case Dch::kIY: case Dch::kY: case Dch::kI: {
        Dch id = n.dch();
        bool iso = id == Dch::kIYYY || id == Dch::kIYY || id == Dch::kIY || id == Dch::kI;
        int64_t y = OutputYear(iso ? IsoYear(tm) : tm.year, is_interval);
        int digits = id == Dch::kYYYY || id == Dch::kIYYY ? 4 : id == Dch::kYYY || id == Dch::kIYY ? 3
                     : id == Dch::kYY || id == Dch::kIY   ? 2 : 1;
        // The sign of the (unreduced) year decides the width, as in PostgreSQL.
        int w = fm ? 0 : OutputYear(tm.year, is_interval) >= 0 ? digits : digits + 1;
        int64_t v = digits == 4 ? y : digits == 3 ? y % 1000 : digits == 2 ? y % 100 : y % 10;
        s = digits == 1 ? std::to_string(v) : Padded(v, w);
        break;
      }
      case Dch::kRM: case Dch::krm: {
        numeric = false;
        if (tm.mon == 0 && tm.year == 0) break;
        int64_t pos = tm.mon == 0 ? (tm.year >= 0 ? 0 : 11) : tm.mon < 0 ? -(tm.mon + 1) : 12 - tm.mon;
        std::string name = n.dch() == Dch::kRM ? kRomanMonthsUpper[pos] : kRomanMonthsLower[pos];
        s = fm || name.size() >= 4 ? name : name + std::string(4 - name.size(), ' ');
        break;
      }
      case Dch::kW: s = std::to_string((tm.mday - 1) / 7 + 1); break;
      case Dch::kJ: s = std::to_string(DateToJulian(tm.year, tm.mon, tm.mday)); break;
      case Dch::kFX:
        numeric = false;
        break;
      default:
        numeric = false;
        break;
    }
    if (numeric && (sfx & (kSuffixTH | kSuffixth))) s += Ordinal(s, sfx & kSuffixTH);
    out += s;
  }
  return out;
}

TmToChar SplitTimestamp(int64_t micros) {
  int64_t days = micros / datetime::kMicrosPerDay, rest = micros % datetime::kMicrosPerDay;
  if (rest < 0) {
    rest += datetime::kMicrosPerDay;
    days--;
  }
  TmToChar tm;
  int64_t j = days + formatting::kUnixEpochJulian;
  formatting::JulianToDate(j, &tm.year, &tm.mon, &tm.mday);
  tm.wday = formatting::JulianWeekday(j);
  tm.yday = j - formatting::DateToJulian(tm.year, 1, 1) + 1;
  tm.usec = rest % datetime::kMicrosPerSecond;
  int64_t secs = rest / datetime::kMicrosPerSecond;
  tm.hour = secs / 3600;
  tm.min = secs / 60 % 60;
  tm.sec = secs % 60;
  return tm;
}

std::string ZoneAbbreviation(const datetime::TimeZone& zone, int64_t utc) {
  const std::string& abbreviation = zone.AbbreviationAt(utc);
  if (!abbreviation.empty()) return abbreviation;
  // A fixed offset: UTC and GMT by name, others as numbers (+05:30 as +0530).
  int32_t offset = zone.OffsetAt(utc);
  if (offset == 0) {
    std::string name;
    for (char c : zone.name()) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name.find("GMT") != std::string::npos || name == "GREENWICH" ? "GMT" : "UTC";
  }
  int32_t a = std::abs(offset);
  char buf[16];
  if (a % 3600 == 0) std::snprintf(buf, sizeof(buf), "%c%02d", offset < 0 ? '-' : '+', a / 3600);
  else std::snprintf(buf, sizeof(buf), "%c%02d%02d", offset < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
  return buf;
}

}  // namespace kanto::formatting

namespace kanto {

namespace {

using formatting::SplitTimestamp;
using formatting::TmToChar;

bool IsInfinite(int64_t micros) { return micros == INT64_MAX || micros == INT64_MIN; }

}  // namespace

void AddToChar(FunctionRegistry& r, TypeId type, ToCharRow fn) {
  ScalarFunction f;
  f.name = "to_char";
  f.arg_types = {T(type), T(TypeId::kText)};
  f.return_type = T(TypeId::kText);
  f.kernel = [fn = std::move(fn)](const std::vector<const Vector*>& args, size_t count, Vector& result,
                                  FunctionContext& ctx) {
    const auto& formats = args[1]->strings();
    auto& out = result.strings();
    for (size_t i = 0; i < count; i++) {
      if (result.IsNull(i)) continue;
      std::optional<std::string> s = fn(*args[0], i, formats[i], ctx);
      if (s) out[i] = std::move(*s);
      else result.SetNull(i);
    }
  };
  r.Add(std::move(f));
}

void AddDateTimeFormatting(FunctionRegistry& r) {
  using Text = std::optional<std::string>;
  AddToChar(r, TypeId::kTimestamp, [](const Vector& v, size_t i, const std::string& fmt, FunctionContext&) -> Text {
    int64_t ts = v.ints()[i];
    if (fmt.empty() || IsInfinite(ts)) return std::nullopt;
    return formatting::DateTimeToChar(formatting::CachedDateTemplate(fmt), SplitTimestamp(ts), false);
  });
  AddToChar(r, TypeId::kTimestampTz, [](const Vector& v, size_t i, const std::string& fmt, FunctionContext& ctx) -> Text {
    int64_t utc = v.ints()[i];
    if (fmt.empty() || IsInfinite(utc)) return std::nullopt;
    const auto& zone = SessionZone(ctx);
    int32_t offset = zone.OffsetAt(utc);
    TmToChar tm = SplitTimestamp(utc + static_cast<int64_t>(offset) * datetime::kMicrosPerSecond);
    tm.gmtoff = offset;
    const formatting::DateTemplate& tmpl = formatting::CachedDateTemplate(fmt);
    if (tmpl.uses_zone_name) tm.zone_abbrev = formatting::ZoneAbbreviation(zone, utc);
    return formatting::DateTimeToChar(tmpl, tm, false);
  });
  AddToChar(r, TypeId::kInterval, [](const Vector& v, size_t i, const std::string& fmt, FunctionContext&) -> Text {
    if (fmt.empty()) return std::nullopt;
    const Interval& iv = v.intervals()[i];
    TmToChar tm;
    tm.year = iv.months / 12;
    tm.mon = iv.months % 12;
    tm.mday = iv.days;
    int64_t t = iv.micros;
    tm.hour = t / (3600 * datetime::kMicrosPerSecond);
    t -= tm.hour * 3600 * datetime::kMicrosPerSecond;
    tm.min = t / (60 * datetime::kMicrosPerSecond);
    t -= tm.min * 60 * datetime::kMicrosPerSecond;
    tm.sec = t / datetime::kMicrosPerSecond;
    tm.usec = t % datetime::kMicrosPerSecond;
    // No weekday; the day of the year approximates the whole span in days.
    tm.yday = (tm.year * 12 + tm.mon) * 30 + tm.mday;
    return formatting::DateTimeToChar(formatting::CachedDateTemplate(fmt), tm, true);
  });
}

void AddFormattingFunctions(FunctionRegistry& r) {
  AddDateTimeFormatting(r);
  AddDateTimeParsing(r);
  AddNumberFormatting(r);
}

}  // namespace kanto
