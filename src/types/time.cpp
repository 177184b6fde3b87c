#include "types/time.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "kanto/error.hpp"
#include "types/datetime_internal.hpp"
#include "types/zone_abbreviations.hpp"
#include "types/zoneinfo.hpp"

namespace kanto::datetime {

namespace {

constexpr int64_t kZoneBias = 1 << 16;  // > kZoneLimitSeconds: the packed zone is never negative
constexpr int64_t kZoneSpan = 1 << 17;

[[noreturn]] void FieldOverflow(std::string_view text) {
  throw Error(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: \"" + std::string(text) + "\"");
}

[[noreturn]] void ZoneOverflow(std::string_view text) {
  throw Error("22009", "time zone displacement out of range: \"" + std::string(text) + "\"");
}

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// One field of time input, split as PostgreSQL's ParseDateTime splits it.
struct Field {
  enum Kind { kNumber, kTime, kDate, kZone, kWord } kind;
  std::string text;
};

std::vector<Field> SplitFields(std::string_view s, std::string_view whole, const char* type) {
  std::vector<Field> out;
  size_t i = 0;
  // ISO 8601's 'T' before a time that starts the input: 'T04:05:06', 'T040506'.
  if (s.size() > 1 && (s[0] == 'T' || s[0] == 't') && IsDigit(s[1])) i = 1;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',') {
      i++;
      continue;
    }
    size_t start = i;
    if (IsDigit(c)) {
      while (i < s.size() && IsDigit(s[i])) i++;
      if (i < s.size() && s[i] == ':') {
        while (i < s.size() && (IsDigit(s[i]) || s[i] == ':' || s[i] == '.')) i++;
        out.push_back({Field::kTime, std::string(s.substr(start, i - start))});
        continue;
      }
      if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        // A date has two separators ('2003-04-12', '4/12/2003', '12-Apr-2003'); after one digit
        // run, a sign is a zone ('040506-08') and a point a fraction ('040506.5').
        char sep = s[i];
        size_t j = i + 1;
        while (j < s.size() && (IsDigit(s[j]) || IsAlpha(s[j]))) j++;
        if (j < s.size() && s[j] == sep) {
          while (j < s.size() && (IsDigit(s[j]) || IsAlpha(s[j]) || s[j] == sep)) j++;
          out.push_back({Field::kDate, std::string(s.substr(start, j - start))});
          i = j;
          continue;
        }
        if (sep == '.') {
          i++;
          while (i < s.size() && IsDigit(s[i])) i++;
        }
      }
      out.push_back({Field::kNumber, std::string(s.substr(start, i - start))});
      continue;
    }
    if (c == '+' || c == '-') {
      i++;
      while (i < s.size() && (IsDigit(s[i]) || s[i] == ':')) i++;
      out.push_back({Field::kZone, std::string(s.substr(start, i - start))});
      continue;
    }
    if (IsAlpha(c)) {
      while (i < s.size() && (IsAlpha(s[i]) || s[i] == '_' || s[i] == '/' || s[i] == '.')) i++;
      // A zone name goes on through digits and signs after a slash ('Etc/GMT+5').
      if (s.substr(start, i - start).find('/') != std::string_view::npos) {
        while (i < s.size() && (IsAlpha(s[i]) || IsDigit(s[i]) || s[i] == '_' || s[i] == '/' || s[i] == '+' || s[i] == '-')) i++;
      }
      out.push_back({Field::kWord, std::string(s.substr(start, i - start))});
      continue;
    }
    BadSyntax(type, whole);
  }
  return out;
}

// A fraction of a second as PostgreSQL reads it: strtod of ".ddd", rounded to microseconds.
int64_t FractionMicros(std::string_view digits_with_point) {
  std::string f = "0" + std::string(digits_with_point);
  return static_cast<int64_t>(std::rint(std::strtod(f.c_str(), nullptr) * 1e6));
}

// "+HH", "+HHMM", "+HH:MM", "+HH:MM:SS": the offset east of UTC.
int32_t ParseZoneOffset(const std::string& f, std::string_view whole, const char* type) {
  bool negative = f[0] == '-';
  std::string body = f.substr(1);
  if (body.empty() || !IsDigit(body[0])) BadSyntax(type, whole);
  int64_t hh = 0, mm = 0, ss = 0;
  size_t colon = body.find(':');
  auto number = [&](std::string_view d) {
    if (d.empty() || d.size() > 9) BadSyntax(type, whole);
    for (char c : d) {
      if (!IsDigit(c)) BadSyntax(type, whole);
    }
    return std::strtoll(std::string(d).c_str(), nullptr, 10);
  };
  if (colon == std::string::npos) {
    int64_t n = number(body);
    if (body.size() <= 2) {
      hh = n;
    } else {
      hh = n / 100;
      mm = n % 100;
    }
  } else {
    hh = number(std::string_view(body).substr(0, colon));
    std::string_view rest = std::string_view(body).substr(colon + 1);
    size_t colon2 = rest.find(':');
    mm = number(rest.substr(0, colon2));
    if (colon2 != std::string_view::npos) ss = number(rest.substr(colon2 + 1));
  }
  if (hh > 15 || mm >= 60 || ss >= 60) ZoneOverflow(whole);
  int64_t east = hh * 3600 + mm * 60 + ss;
  return static_cast<int32_t>(negative ? -east : east);
}

// What the fields of one time input say.
struct TimeFields {
  bool has_time = false;
  int64_t hour = 0, minute = 0, second = 0, fraction = 0;
  int meridian = 0;  // 0 none, 1 AM, 2 PM
  std::optional<int64_t> date;  // days
  std::optional<int32_t> zone_east;
  const TimeZone* named_zone = nullptr;
  bool now = false, allballs = false;
};

void ReadClock(const std::string& f, TimeFields* t, std::string_view whole, const char* type) {
  // h:m, h:m:s, h:m:s.f, and m:s.f (a fraction after the second field: MINUTE TO SECOND).
  std::vector<std::string> parts;
  size_t begin = 0;
  while (true) {
    size_t colon = f.find(':', begin);
    parts.push_back(f.substr(begin, colon == std::string::npos ? std::string::npos : colon - begin));
    if (colon == std::string::npos) break;
    begin = colon + 1;
  }
  if (parts.size() > 3) BadSyntax(type, whole);
  std::string fraction;
  size_t point = parts.back().find('.');
  if (point != std::string::npos) {
    fraction = parts.back().substr(point);
    parts.back().resize(point);
    if (fraction.find('.', 1) != std::string::npos) BadSyntax(type, whole);
  }
  std::vector<int64_t> n;
  for (const std::string& p : parts) {
    if (p.empty() || p.size() > 9) BadSyntax(type, whole);
    n.push_back(std::strtoll(p.c_str(), nullptr, 10));
  }
  t->has_time = true;
  if (parts.size() == 2 && !fraction.empty()) {
    t->minute = n[0];
    t->second = n[1];
  } else {
    t->hour = n[0];
    t->minute = n[1];
    if (n.size() > 2) t->second = n[2];
  }
  if (!fraction.empty()) t->fraction = FractionMicros(fraction);
}

// 'hhmmss[.f]' or 'hhmm'.
void ReadConcatenated(const std::string& f, TimeFields* t, std::string_view whole, const char* type) {
  size_t point = f.find('.');
  std::string digits = f.substr(0, point);
  if (digits.size() == 6) {
    t->hour = std::stoll(digits.substr(0, 2));
    t->minute = std::stoll(digits.substr(2, 2));
    t->second = std::stoll(digits.substr(4, 2));
  } else if (digits.size() == 4 && point == std::string::npos) {
    t->hour = std::stoll(digits.substr(0, 2));
    t->minute = std::stoll(digits.substr(2, 2));
  } else {
    BadSyntax(type, whole);
  }
  if (point != std::string::npos) t->fraction = FractionMicros(f.substr(point));
  t->has_time = true;
}

TimeFields ReadFields(std::string_view text, const char* type) {
  std::string_view s = Trim(text);
  TimeFields t;
  for (const Field& f : SplitFields(s, text, type)) {
    switch (f.kind) {
      case Field::kTime:
        if (t.has_time) BadSyntax(type, text);
        ReadClock(f.text, &t, text, type);
        break;
      case Field::kNumber:
        if (t.has_time) BadSyntax(type, text);
        ReadConcatenated(f.text, &t, text, type);
        break;
      case Field::kDate: {
        if (t.date || t.has_time) BadSyntax(type, text);
        try {
          t.date = ParseDate(f.text);
        } catch (const Error&) {
          BadSyntax(type, text);
        }
        if (*t.date == kDateInfinity || *t.date == -kDateInfinity) BadSyntax(type, text);
        break;
      }
      case Field::kZone:
        if (t.zone_east || t.named_zone || !t.has_time) BadSyntax(type, text);
        t.zone_east = ParseZoneOffset(f.text, text, type);
        break;
      case Field::kWord: {
        std::string w = Lower(f.text);
        int32_t east;
        if (w == "am" || w == "a.m." || w == "pm" || w == "p.m.") {
          if (t.meridian || !t.has_time) BadSyntax(type, text);
          t.meridian = w[0] == 'a' ? 1 : 2;
        } else if (w == "now" || w == "allballs") {
          if (t.has_time || t.date || t.now || t.allballs) BadSyntax(type, text);
          (w == "now" ? t.now : t.allballs) = true;
          t.has_time = true;
          if (t.allballs) t.zone_east = 0;
        } else if (FixedZoneAbbreviation(w, &east)) {
          if (t.zone_east || t.named_zone) BadSyntax(type, text);
          t.zone_east = east;
        } else if (IsOtherZoneAbbreviation(w)) {
          throw Error(sqlstate::kFeatureNotSupported, "time zone abbreviation \"" + f.text + "\" is not supported");
        } else if (const TimeZone* z = FindZoneFile(f.text)) {
          if (t.zone_east || t.named_zone) BadSyntax(type, text);
          t.named_zone = z;
        } else {
          BadSyntax(type, text);
        }
        break;
      }
    }
  }
  if (!t.has_time) BadSyntax(type, text);
  if (t.meridian) {
    if (t.hour > 12) FieldOverflow(text);
    if (t.meridian == 1 && t.hour == 12) t.hour = 0;
    if (t.meridian == 2 && t.hour != 12) t.hour += 12;
  }
  if (t.minute > 59 || t.second > 60 || t.hour > 24 || t.fraction > kMicrosPerSecond ||
      (t.hour == 24 && (t.minute > 0 || t.second > 0 || t.fraction > 0))) {
    FieldOverflow(text);
  }
  return t;
}

int64_t LocalMicros(int64_t utc_micros, const TimeZone& tz) {
  return utc_micros + static_cast<int64_t>(tz.OffsetAt(utc_micros)) * kMicrosPerSecond;
}

int64_t TimeOfDay(int64_t local_micros) { return local_micros - FloorDiv(local_micros, kMicrosPerDay) * kMicrosPerDay; }

// The offset east of UTC of a zone with rules (or the session zone) at local `time` on `date`
// (the current date when the input gave none).
int32_t ZoneOffsetOn(const TimeZone& zone, const TimeFields& t, int64_t time, int64_t now_micros,
                     const TimeZone& session) {
  int64_t days = t.date ? *t.date : FloorDiv(LocalMicros(now_micros, session), kMicrosPerDay);
  return zone.OffsetForLocal(days * kMicrosPerDay + time);
}

TimeTz Resolve(std::string_view text, const char* type, const TimeZone& session, int64_t now_micros) {
  TimeFields t = ReadFields(text, type);
  TimeTz out;
  if (t.now) {
    int32_t east = session.OffsetAt(now_micros);
    out.time = TimeOfDay(now_micros + static_cast<int64_t>(east) * kMicrosPerSecond);
    out.zone = -east;
    return out;
  }
  out.time = ((t.hour * 60 + t.minute) * 60 + t.second) * kMicrosPerSecond + t.fraction;
  if (t.zone_east) {
    out.zone = -*t.zone_east;
  } else if (t.named_zone) {
    // A zone with daylight-saving rules needs the date to know its offset.
    if (t.named_zone->HasTransitions() && !t.date) BadSyntax(type, text);
    out.zone = -ZoneOffsetOn(*t.named_zone, t, out.time, now_micros, session);
  } else {
    out.zone = -ZoneOffsetOn(session, t, out.time, now_micros, session);
  }
  return out;
}

}  // namespace

int64_t PackTimeTz(const TimeTz& t) {
  return (t.time + static_cast<int64_t>(t.zone) * kMicrosPerSecond) * kZoneSpan + (t.zone + kZoneBias);
}

TimeTz UnpackTimeTz(int64_t packed) {
  int64_t utc = FloorDiv(packed, kZoneSpan);
  TimeTz t;
  t.zone = static_cast<int32_t>(packed - utc * kZoneSpan - kZoneBias);
  t.time = utc - static_cast<int64_t>(t.zone) * kMicrosPerSecond;
  return t;
}

int64_t TimeFromText(std::string_view text, const TimeZone& session, int64_t now_micros) {
  return Resolve(text, "time", session, now_micros).time;
}

TimeTz TimeTzFromText(std::string_view text, const TimeZone& session, int64_t now_micros) {
  return Resolve(text, "time with time zone", session, now_micros);
}

std::string TimeToText(int64_t micros) {
  int64_t secs = micros / kMicrosPerSecond;
  int64_t frac = micros % kMicrosPerSecond;
  std::string out = Two(secs / 3600) + ":" + Two(secs / 60 % 60) + ":" + Two(secs % 60);
  if (frac) {
    std::string f = std::to_string(frac + kMicrosPerSecond).substr(1);  // six digits
    while (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

std::string ZoneOffsetText(int32_t east) {
  int32_t a = east < 0 ? -east : east;
  std::string out = (east < 0 ? "-" : "+") + Two(a / 3600);
  if (a % 3600) out += ":" + Two(a / 60 % 60);
  if (a % 60) out += ":" + Two(a % 60);
  return out;
}

std::string TimeTzToText(const TimeTz& t) { return TimeToText(t.time) + ZoneOffsetText(-t.zone); }

namespace {
void PutBigEndian(uint64_t v, int bytes, std::string* out) {
  for (int i = bytes - 1; i >= 0; i--) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
uint64_t GetBigEndian(std::string_view bytes, size_t at, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; i++) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  return v;
}
void CheckLength(std::string_view bytes, size_t n) {
  if (bytes.size() < n) throw Error("08P01", "insufficient data left in message");
  if (bytes.size() > n) throw Error("22P03", "incorrect binary data format");
}
int64_t CheckedTime(uint64_t raw) {
  auto t = static_cast<int64_t>(raw);
  if (t < 0 || t > kMicrosPerDay) throw Error("22P03", "time out of range");
  return t;
}
}  // namespace

std::string TimeSend(int64_t micros) {
  std::string out;
  PutBigEndian(static_cast<uint64_t>(micros), 8, &out);
  return out;
}

std::string TimeTzSend(const TimeTz& t) {
  std::string out = TimeSend(t.time);
  PutBigEndian(static_cast<uint32_t>(t.zone), 4, &out);
  return out;
}

int64_t TimeRecv(std::string_view bytes) {
  CheckLength(bytes, 8);
  return CheckedTime(GetBigEndian(bytes, 0, 8));
}

TimeTz TimeTzRecv(std::string_view bytes) {
  CheckLength(bytes, 12);
  TimeTz t;
  t.time = CheckedTime(GetBigEndian(bytes, 0, 8));
  t.zone = static_cast<int32_t>(static_cast<uint32_t>(GetBigEndian(bytes, 8, 4)));
  if (t.zone <= -kZoneLimitSeconds || t.zone >= kZoneLimitSeconds) {
    throw Error("22P03", "time zone displacement out of range");
  }
  return t;
}

int64_t RoundTime(int64_t micros, int precision) {
  if (precision < 0 || precision >= 6) return micros;
  int64_t scale = 1;
  for (int i = precision; i < 6; i++) scale *= 10;
  int64_t half = scale / 2;
  return micros >= 0 ? (micros + half) / scale * scale : -((-micros + half) / scale * scale);
}

int64_t TimeAddInterval(int64_t time, const Interval& iv) {
  int64_t r = (time + iv.micros % kMicrosPerDay) % kMicrosPerDay;
  return r < 0 ? r + kMicrosPerDay : r;
}

int64_t IntervalToTime(const Interval& iv) {
  int64_t r = iv.micros % kMicrosPerDay;
  return r < 0 ? r + kMicrosPerDay : r;
}

int64_t TimestampToTime(int64_t micros) { return TimeOfDay(micros); }

int64_t TimestampTzToTime(int64_t utc_micros, const TimeZone& tz) { return TimeOfDay(LocalMicros(utc_micros, tz)); }

TimeTz TimestampTzToTimeTz(int64_t utc_micros, const TimeZone& tz) {
  int32_t east = tz.OffsetAt(utc_micros);
  return TimeTz{TimeOfDay(utc_micros + static_cast<int64_t>(east) * kMicrosPerSecond), -east};
}

TimeTz TimeToTimeTz(int64_t time, const TimeZone& tz, int64_t now_micros) {
  int64_t days = FloorDiv(LocalMicros(now_micros, tz), kMicrosPerDay);
  return TimeTz{time, -tz.OffsetForLocal(days * kMicrosPerDay + time)};
}

int64_t DateTimeTzToTimestampTz(int64_t days, const TimeTz& t) {
  if (days >= kDateInfinity || days <= -kDateInfinity) return days > 0 ? INT64_MAX : INT64_MIN;
  int64_t v = days * kMicrosPerDay + t.time + static_cast<int64_t>(t.zone) * kMicrosPerSecond;
  CheckTimestampRange(v);
  return v;
}

TimeTz TimeTzAtZone(const TimeTz& t, int32_t seconds_east) {
  TimeTz r;
  r.zone = -seconds_east;
  r.time = t.time + static_cast<int64_t>(t.zone - r.zone) * kMicrosPerSecond;
  while (r.time < 0) r.time += kMicrosPerDay;
  while (r.time >= kMicrosPerDay) r.time -= kMicrosPerDay;
  return r;
}

namespace {

std::string Decimal(int64_t value, int scale) {
  bool negative = value < 0;
  std::string digits = std::to_string(negative ? -value : value);
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale) digits.insert(0, scale - digits.size() + 1, '0');
    digits.insert(digits.size() - scale, ".");
  }
  return (negative ? "-" : "") + digits;
}

std::string UnitName(std::string_view raw) {
  std::string f = Lower(raw);
  // PostgreSQL's unit spellings, plural and abbreviated, for the units of a time.
  static const struct {
    const char* spelling;
    const char* unit;
  } kUnits[] = {
      {"microsecond", "microseconds"}, {"microseconds", "microseconds"}, {"us", "microseconds"}, {"usec", "microseconds"},
      {"usecs", "microseconds"},       {"usecond", "microseconds"},     {"useconds", "microseconds"},
      {"millisecond", "milliseconds"}, {"milliseconds", "milliseconds"}, {"ms", "milliseconds"}, {"msec", "milliseconds"},
      {"msecs", "milliseconds"},       {"millisecon", "milliseconds"},  {"mseconds", "milliseconds"},
      {"second", "second"},            {"seconds", "second"},           {"s", "second"},        {"sec", "second"},
      {"secs", "second"},              {"minute", "minute"},            {"minutes", "minute"},  {"m", "minute"},
      {"min", "minute"},               {"mins", "minute"},              {"hour", "hour"},       {"hours", "hour"},
      {"h", "hour"},                   {"hr", "hour"},                  {"hrs", "hour"},        {"epoch", "epoch"},
      {"timezone", "timezone"},        {"timezone_h", "timezone_hour"}, {"timezone_hour", "timezone_hour"},
      {"timezone_m", "timezone_minute"}, {"timezone_minute", "timezone_minute"},
  };
  for (const auto& u : kUnits) {
    if (f == u.spelling) return u.unit;
  }
  // Units of dates and intervals: known to PostgreSQL, not supported for a time (0A000).
  static const char* kOtherUnits[] = {"day", "days", "d", "week", "weeks", "w", "month", "months", "mon", "mons",
                                      "year", "years", "y", "yr", "yrs", "quarter", "qtr", "decade", "decades",
                                      "dec", "century", "centuries", "c", "cent", "millennium", "millennia", "mil",
                                      "mils", "dow", "isodow", "doy", "isoyear", "julian", "j"};
  for (const char* u : kOtherUnits) {
    if (f == u) return "-";
  }
  return "";
}

std::string TimePart(std::string_view field, int64_t time, const TimeTz* tz) {
  const char* type = tz ? "time with time zone" : "time without time zone";
  std::string unit = UnitName(field);
  if (unit.empty()) {
    throw Error(sqlstate::kInvalidParameterValue,
                "unit \"" + std::string(field) + "\" not recognized for type " + type);
  }
  if (unit == "microseconds") return std::to_string(time % 60000000LL);
  if (unit == "milliseconds") return Decimal(time % 60000000LL, 3);
  if (unit == "second") return Decimal(time % 60000000LL, 6);
  if (unit == "minute") return std::to_string(time / 60000000LL % 60);
  if (unit == "hour") return std::to_string(time / 3600000000LL);
  if (unit == "epoch") return Decimal(tz ? time + static_cast<int64_t>(tz->zone) * kMicrosPerSecond : time, 6);
  if (tz) {
    int32_t east = -tz->zone;
    if (unit == "timezone") return std::to_string(east);
    if (unit == "timezone_hour") return std::to_string(east / 3600);
    if (unit == "timezone_minute") return std::to_string(east / 60 % 60);
  }
  throw Error(sqlstate::kFeatureNotSupported,
              "unit \"" + std::string(field) + "\" not supported for type " + type);
}

}  // namespace

std::string ExtractTime(std::string_view field, int64_t time) { return TimePart(field, time, nullptr); }

std::string ExtractTimeTz(std::string_view field, const TimeTz& t) { return TimePart(field, t.time, &t); }

int64_t MakeTime(int64_t hour, int64_t minute, double second) {
  // As PostgreSQL's float_time_overflows: each field in range, the seconds rounded to
  // microseconds, the whole at most 24:00:00.
  double micros = std::isnan(second) ? -1 : std::rint(second * 1e6);
  bool overflow = hour < 0 || hour > 24 || minute < 0 || minute >= 60 || micros < 0 || micros > 60e6 ||
                  (hour * 60 + minute) * 60 * kMicrosPerSecond + static_cast<int64_t>(micros) > kMicrosPerDay;
  if (overflow) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "%lld:%02lld:%02g", static_cast<long long>(hour), static_cast<long long>(minute),
                  second);
    throw Error(sqlstate::kDatetimeFieldOverflow, std::string("time field value out of range: ") + buf);
  }
  return (hour * 60 + minute) * 60 * kMicrosPerSecond + static_cast<int64_t>(micros);
}

}  // namespace kanto::datetime
