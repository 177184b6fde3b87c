// date_bin(stride, source, origin) and date_trunc in all its forms: timestamp, timestamp with time
// zone (in the session's zone or a named one) and interval, with PostgreSQL's unit spellings.
#include <cstring>

#include "function/datetime_library.hpp"
#include "function/kernel_util.hpp"
#include "function/time_zone_functions.hpp"
#include "kanto/error.hpp"
#include "types/datetime.hpp"

namespace kanto {

namespace {

const LogicalType kText = T(TypeId::kText), kTs = T(TypeId::kTimestamp), kTz = T(TypeId::kTimestampTz),
                  kIv = T(TypeId::kInterval);

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Units PostgreSQL reads but date_trunc refuses (0A000).
bool IsOtherUnit(const std::string& u) {
  static const char* const kOther[] = {"timezone", "timezone_h", "timezone_m"};
  for (const char* o : kOther) if (u == o) return true;
  return false;
}

// date_bin: the start of the stride-wide bin (counted from origin) that holds source.
int64_t Bin(const Interval& stride, int64_t source, int64_t origin) {
  if (source == INT64_MAX || source == INT64_MIN) return source;
  if (origin == INT64_MAX || origin == INT64_MIN) throw Error(sqlstate::kDatetimeFieldOverflow, "origin out of range");
  if (stride.months != 0)
    throw Error(sqlstate::kFeatureNotSupported, "timestamps cannot be binned into intervals containing months or years");
  int64_t usecs = 0, diff = 0;
  if (__builtin_mul_overflow(static_cast<int64_t>(stride.days), datetime::kMicrosPerDay, &usecs) ||
      __builtin_add_overflow(usecs, stride.micros, &usecs))
    throw Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  if (usecs <= 0) throw Error(sqlstate::kDatetimeFieldOverflow, "stride must be greater than zero");
  if (__builtin_sub_overflow(source, origin, &diff)) throw Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  int64_t modulo = diff % usecs;
  int64_t result = origin + (diff - modulo);
  // Bins before the origin start earlier, not later.
  if (diff < 0 && modulo != 0 && __builtin_sub_overflow(result, usecs, &result))
    throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  return result;
}

// date_trunc(unit, timestamp) on wall-clock micros; `type` names the type in errors.
int64_t Truncate(const std::string& unit, int64_t micros, const char* type) {
  std::string canonical = CanonicalUnit(unit);
  std::string low = Lower(unit);
  if (canonical.empty()) {
    if (IsOtherUnit(low))
      throw Error(sqlstate::kFeatureNotSupported, "unit \"" + low + "\" not supported for type " + type);
    throw Error(sqlstate::kInvalidParameterValue, "unit \"" + low + "\" not recognized for type " + type);
  }
  return datetime::TruncateTimestamp(canonical, micros);
}

// date_trunc(unit, interval): the fields below the unit cleared (PostgreSQL's interval_trunc).
Interval TruncateInterval(const std::string& unit, const Interval& iv) {
  std::string canonical = CanonicalUnit(unit), low = Lower(unit);
  if (canonical.empty()) {
    if (IsOtherUnit(low)) throw Error(sqlstate::kFeatureNotSupported, "interval units \"" + low + "\" not supported");
    throw Error(sqlstate::kInvalidParameterValue, "interval units \"" + low + "\" not recognized");
  }
  if (canonical == "week")
    throw Error(sqlstate::kFeatureNotSupported,
                "interval units \"" + low + "\" not supported because months usually have fractional weeks");
  int64_t year = iv.months / 12, mon = iv.months % 12, day = iv.days;
  int64_t t = iv.micros;
  int64_t hour = t / 3600000000LL;
  t -= hour * 3600000000LL;
  int64_t min = t / 60000000LL;
  t -= min * 60000000LL;
  int64_t sec = t / 1000000LL, usec = t % 1000000LL;
  static const char* const kOrder[] = {"millennium", "century", "decade", "year", "quarter", "month", "day",
                                       "hour", "minute", "second", "millisecond", "microsecond"};
  size_t level = 0;
  while (canonical != kOrder[level]) level++;
  auto at_most = [&](const char* name) {
    size_t l = 0;
    while (std::strcmp(kOrder[l], name) != 0) l++;
    return level <= l;
  };
  if (level == 0) year = year / 1000 * 1000;
  if (level <= 1) year = year / 100 * 100;
  if (level <= 2) year = year / 10 * 10;
  if (at_most("year")) mon = 0;
  if (at_most("quarter")) mon = 3 * (mon / 3);
  if (at_most("month")) day = 0;
  if (at_most("day")) hour = 0;
  if (at_most("hour")) min = 0;
  if (at_most("minute")) sec = 0;
  if (at_most("second")) usec = 0;
  if (canonical == "millisecond") usec = usec / 1000 * 1000;
  Interval r;
  r.months = static_cast<int32_t>(year * 12 + mon);
  r.days = static_cast<int32_t>(day);
  r.micros = ((hour * 60 + min) * 60 + sec) * 1000000LL + usec;
  return r;
}

// date_trunc on a timestamp with time zone: truncated on the wall clock of `zone`.
int64_t TruncateInZone(const std::string& unit, int64_t utc, const datetime::TimeZone& zone) {
  if (utc == INT64_MAX || utc == INT64_MIN) return utc;
  int64_t local = datetime::TimestampTzToTimestamp(utc, zone);
  return datetime::TimestampToTimestampTz(Truncate(unit, local, "timestamp with time zone"), zone);
}

}  // namespace

std::string CanonicalUnit(std::string_view unit) {
  // PostgreSQL compares the first 10 characters (TOKMAXLEN), so "microseconds" reads as "microsecon".
  std::string u = Lower(unit.substr(0, std::min<size_t>(unit.size(), 10)));
  struct Alias {
    const char* canonical;
    const char* spellings;  // space-separated, each with a space either side
  };
  static const Alias kUnits[] = {
      {"microsecond", " microsecon us usec usecond useconds usecs "},
      {"millisecond", " millisecon ms msec msecond mseconds msecs "},
      {"second", " s sec second seconds secs "},
      {"minute", " m min mins minute minutes "},
      {"hour", " h hour hours hr hrs "},
      {"day", " d day days "},
      {"week", " w week weeks "},
      {"month", " mon mons month months "},
      {"quarter", " qtr quarter "},
      {"year", " y year years yr yrs "},
      {"decade", " dec decade decades decs "},
      {"century", " c cent centuries century "},
      {"millennium", " mil millennia millennium mils "},
  };
  for (const Alias& a : kUnits) {
    if (std::string(a.spellings).find(" " + u + " ") != std::string::npos) return a.canonical;
  }
  return "";
}

void AddDateTimeBinning(FunctionRegistry& r) {
  AddRowFunction(r, "date_bin", {kIv, kTs, kTs}, kTs, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Timestamp(Bin(a[0].interval_value(), a[1].int_value(), a[2].int_value()));
  });
  AddRowFunction(r, "date_bin", {kIv, kTz, kTz}, kTz, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::TimestampTz(Bin(a[0].interval_value(), a[1].int_value(), a[2].int_value()));
  });
  AddRowFunction(r, "date_trunc", {kText, kTs}, kTs, [](const std::vector<Value>& a, FunctionContext&) {
    int64_t ts = a[1].int_value();
    if (ts == INT64_MAX || ts == INT64_MIN) return Value::Timestamp(ts);
    return Value::Timestamp(Truncate(a[0].str_value(), ts, "timestamp without time zone"));
  });
  AddRowFunction(r, "date_trunc", {kText, kTz}, kTz, [](const std::vector<Value>& a, FunctionContext& ctx) {
    return Value::TimestampTz(TruncateInZone(a[0].str_value(), a[1].int_value(), SessionZone(ctx)));
  });
  AddRowFunction(r, "date_trunc", {kText, kTz, kText}, kTz, [](const std::vector<Value>& a, FunctionContext&) {
    datetime::TimeZone fixed;
    const datetime::TimeZone* zone = FindTimeZone(a[2].str_value(), &fixed);
    return Value::TimestampTz(TruncateInZone(a[0].str_value(), a[1].int_value(), *zone));
  });
  AddRowFunction(r, "date_trunc", {kText, kIv}, kIv, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromInterval(TruncateInterval(a[0].str_value(), a[1].interval_value()));
  });
}

}  // namespace kanto
