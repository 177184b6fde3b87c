// make_interval, make_timestamp, make_timestamptz, justify_interval, isfinite and timeofday, with
// PostgreSQL 15's checks and messages.
#include <cmath>
#include <cstdio>

#include "common/clock.hpp"
#include "function/datetime_library.hpp"
#include "function/formatting.hpp"
#include "function/kernel_util.hpp"
#include "function/time_zone_functions.hpp"
#include "kanto/error.hpp"
#include "types/datetime.hpp"

namespace kanto {

namespace {

const LogicalType kInt4 = T(TypeId::kInt4), kF8 = T(TypeId::kFloat8), kText = T(TypeId::kText),
                  kTs = T(TypeId::kTimestamp), kTz = T(TypeId::kTimestampTz), kIv = T(TypeId::kInterval),
                  kDate = T(TypeId::kDate), kBool = T(TypeId::kBool);

Error IntervalOutOfRange() { return Error(sqlstate::kDatetimeFieldOverflow, "interval out of range"); }

// make_interval(years, months, weeks, days, hours, mins, secs); the arguments PostgreSQL defaults
// to zero may be left off from the right.
Value MakeInterval(const std::vector<Value>& a) {
  int64_t f[6] = {0, 0, 0, 0, 0, 0};
  for (size_t i = 0; i < a.size() && i < 6; i++) f[i] = a[i].int_value();
  double secs = a.size() > 6 ? a[6].double_value() : 0.0;
  if (std::isinf(secs) || std::isnan(secs)) throw IntervalOutOfRange();
  int64_t months = f[0] * 12 + f[1], days = f[2] * 7 + f[3];
  if (months > INT32_MAX || months < INT32_MIN || days > INT32_MAX || days < INT32_MIN) throw IntervalOutOfRange();
  double usecs = std::nearbyint(secs * 1e6);
  int64_t time = f[4] * 3600 * datetime::kMicrosPerSecond + f[5] * 60 * datetime::kMicrosPerSecond;
  if (!(usecs >= -9223372036854775808.0 && usecs < 9223372036854775808.0) ||
      __builtin_add_overflow(time, static_cast<int64_t>(usecs), &time))
    throw IntervalOutOfRange();
  Interval iv;
  iv.months = static_cast<int32_t>(months);
  iv.days = static_cast<int32_t>(days);
  iv.micros = time;
  return Value::FromInterval(iv);
}

std::string FormatSeconds(double sec) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%02g", sec);
  return buf;
}

// Days since 1970 of make_date's and make_timestamp's year, month and day (a negative year is BC).
int64_t MakeDate(int64_t year, int64_t mon, int64_t mday) {
  char date_text[96];
  std::snprintf(date_text, sizeof(date_text), "%lld-%02lld-%02lld", static_cast<long long>(year),
                static_cast<long long>(mon), static_cast<long long>(mday));
  // A negative year is BC: -44 is 44 BC, the astronomical year -43.
  int64_t astronomical = year < 0 ? year + 1 : year;
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (astronomical % 4 == 0 && astronomical % 100 != 0) || astronomical % 400 == 0;
  if (year == 0 || mon < 1 || mon > 12 || mday < 1 || mday > (mon == 2 && leap ? 29 : kDays[mon - 1]))
    throw Error(sqlstate::kDatetimeFieldOverflow, std::string("date field value out of range: ") + date_text);
  if (astronomical >= 5874898 || astronomical < -4713 || (astronomical == -4713 && mon < 11))
    throw Error(sqlstate::kDatetimeFieldOverflow, std::string("date out of range: ") + date_text);
  return datetime::DaysFromCivil(astronomical, static_cast<unsigned>(mon), static_cast<unsigned>(mday));
}

// make_timestamp's wall-clock micros since 1970 (PostgreSQL's make_timestamp_internal).
int64_t MakeTimestamp(const std::vector<Value>& a) {
  int64_t year = a[0].int_value(), mon = a[1].int_value(), mday = a[2].int_value();
  int64_t hour = a[3].int_value(), min = a[4].int_value();
  double sec = a[5].double_value();
  int64_t days = MakeDate(year, mon, mday);
  char date_text[96];
  std::snprintf(date_text, sizeof(date_text), "%lld-%02lld-%02lld", static_cast<long long>(year),
                static_cast<long long>(mon), static_cast<long long>(mday));
  char time_text[96];
  std::snprintf(time_text, sizeof(time_text), "%lld:%02lld:%s", static_cast<long long>(hour),
                static_cast<long long>(min), FormatSeconds(sec).c_str());
  double usec = std::nearbyint(sec * 1e6);
  bool overflows = hour < 0 || hour > 24 || min < 0 || min >= 60 || std::isnan(sec) || usec < 0 || usec > 60e6 ||
                   ((hour * 60 + min) * 60) * datetime::kMicrosPerSecond + static_cast<int64_t>(usec) > datetime::kMicrosPerDay;
  if (overflows) throw Error(sqlstate::kDatetimeFieldOverflow, std::string("time field value out of range: ") + time_text);
  int64_t time = ((hour * 60 + min) * 60) * datetime::kMicrosPerSecond + static_cast<int64_t>(usec);
  // PostgreSQL's timestamps end before 294277-01-01 (9224318016000 seconds after 1970).
  __int128 result = static_cast<__int128>(days) * datetime::kMicrosPerDay + time;
  if (result >= static_cast<__int128>(9224318016000LL) * datetime::kMicrosPerSecond || result >= INT64_MAX ||
      result < static_cast<__int128>(-210866803200LL) * datetime::kMicrosPerSecond)
    throw Error(sqlstate::kDatetimeFieldOverflow, std::string("timestamp out of range: ") + date_text + " " + time_text);
  return static_cast<int64_t>(result);
}

// PostgreSQL's justify_interval: whole days out of the time, whole months out of the days, with
// one sign throughout.
Interval JustifyInterval(const Interval& iv) {
  int64_t month = iv.months, day = iv.days, time = iv.micros;
  if ((day > 0 && time > 0) || (day < 0 && time < 0)) {
    month += day / 30;
    day -= day / 30 * 30;
  }
  day += time / datetime::kMicrosPerDay;
  time -= time / datetime::kMicrosPerDay * datetime::kMicrosPerDay;
  month += day / 30;
  day -= day / 30 * 30;
  if (month > INT32_MAX || month < INT32_MIN) throw IntervalOutOfRange();
  if (month > 0 && (day < 0 || (day == 0 && time < 0))) {
    day += 30;
    month--;
  } else if (month < 0 && (day > 0 || (day == 0 && time > 0))) {
    day -= 30;
    month++;
  }
  if (day > 0 && time < 0) {
    time += datetime::kMicrosPerDay;
    day--;
  } else if (day < 0 && time > 0) {
    time -= datetime::kMicrosPerDay;
    day++;
  }
  Interval r;
  r.months = static_cast<int32_t>(month);
  r.days = static_cast<int32_t>(day);
  r.micros = time;
  return r;
}

}  // namespace

void AddDateTimeConstructors(FunctionRegistry& r) {
  std::vector<LogicalType> args;
  AddRowFunction(r, "make_interval", args, kIv, [](const std::vector<Value>& a, FunctionContext&) { return MakeInterval(a); });
  for (int i = 0; i < 7; i++) {
    args.push_back(i < 6 ? kInt4 : kF8);
    AddRowFunction(r, "make_interval", args, kIv, [](const std::vector<Value>& a, FunctionContext&) { return MakeInterval(a); });
  }
  const std::vector<LogicalType> fields = {kInt4, kInt4, kInt4, kInt4, kInt4, kF8};
  AddRowFunction(r, "make_date", {kInt4, kInt4, kInt4}, kDate, [](const std::vector<Value>& a, FunctionContext&) {
    int64_t days = MakeDate(a[0].int_value(), a[1].int_value(), a[2].int_value());
    if (days < -2440588) {  // before 4714-11-24 BC, Julian day 0
      char text[96];
      std::snprintf(text, sizeof(text), "date out of range: %lld-%02lld-%02lld", static_cast<long long>(a[0].int_value()),
                    static_cast<long long>(a[1].int_value()), static_cast<long long>(a[2].int_value()));
      throw Error(sqlstate::kDatetimeFieldOverflow, text);
    }
    return Value::Date(days);
  });
  AddRowFunction(r, "make_timestamp", fields, kTs, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Timestamp(MakeTimestamp(a));
  });
  AddRowFunction(r, "make_timestamptz", fields, kTz, [](const std::vector<Value>& a, FunctionContext& ctx) {
    return Value::TimestampTz(datetime::TimestampToTimestampTz(MakeTimestamp(a), SessionZone(ctx)));
  });
  std::vector<LogicalType> with_zone = fields;
  with_zone.push_back(kText);
  AddRowFunction(r, "make_timestamptz", with_zone, kTz, [](const std::vector<Value>& a, FunctionContext&) {
    int64_t local = MakeTimestamp(a);
    return Value::TimestampTz(WallClockInZone(local, a[6].str_value(), /*iso_offsets=*/true));
  });
  AddRowFunction(r, "justify_interval", {kIv}, kIv, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromInterval(JustifyInterval(a[0].interval_value()));
  });
  AddRowFunction(r, "isfinite", {kDate}, kBool, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Bool(a[0].int_value() != datetime::kDateInfinity && a[0].int_value() != -datetime::kDateInfinity);
  });
  for (const LogicalType& t : {kTs, kTz}) {
    AddRowFunction(r, "isfinite", {t}, kBool, [](const std::vector<Value>& a, FunctionContext&) {
      return Value::Bool(a[0].int_value() != INT64_MAX && a[0].int_value() != INT64_MIN);
    });
  }
  AddRowFunction(r, "isfinite", {kIv}, kBool, [](const std::vector<Value>&, FunctionContext&) { return Value::Bool(true); });
  // timeofday(): the current time as text, "Fri Dec 04 18:58:00.123456 2026 UTC".
  AddRowFunction(r, "timeofday", {}, kText, [](const std::vector<Value>&, FunctionContext& ctx) {
    int64_t now = WallMicros();
    const auto& zone = SessionZone(ctx);
    int32_t offset = zone.OffsetAt(now);
    formatting::DateTemplate tmpl = formatting::ParseDateTemplate("Dy Mon DD HH24:MI:SS.US FMYYYY");
    std::string s = formatting::DateTimeToChar(tmpl, formatting::SplitTimestamp(now + int64_t{offset} * datetime::kMicrosPerSecond), false);
    return Value::Text(s + " " + formatting::ZoneAbbreviation(zone, now));
  }, true, true);
}

}  // namespace kanto
