#include "function/datetime_age.hpp"

#include "function/kernel_util.hpp"
#include "function/time_zone_functions.hpp"
#include "kanto/error.hpp"
#include "types/datetime.hpp"

namespace kanto {

namespace {

struct Fields {
  int64_t year = 0, mon = 0, mday = 0, hour = 0, min = 0, sec = 0, usec = 0;
};

// Wall-clock micros since 1970 (wide enough for PostgreSQL's reading of 'infinity', below).
Fields Split(__int128 micros) {
  if (micros == INT64_MIN) throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  int64_t days = static_cast<int64_t>(micros / datetime::kMicrosPerDay);
  int64_t rest = static_cast<int64_t>(micros % datetime::kMicrosPerDay);
  if (rest < 0) {
    rest += datetime::kMicrosPerDay;
    days--;
  }
  Fields f;
  unsigned m = 0, d = 0;
  datetime::CivilFromDays(days, &f.year, &m, &d);
  f.mon = m;
  f.mday = d;
  f.usec = rest % datetime::kMicrosPerSecond;
  int64_t secs = rest / datetime::kMicrosPerSecond;
  f.hour = secs / 3600;
  f.min = secs / 60 % 60;
  f.sec = secs % 60;
  return f;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t DaysInMonth(int64_t year, int64_t mon) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return mon == 2 && IsLeap(year) ? 29 : kDays[mon - 1];
}

LogicalType T2(TypeId id) { return LogicalType(id); }

// Midnight of the transaction's date in the session zone, as wall-clock micros (current_date).
int64_t CurrentDateMidnight(FunctionContext& ctx) {
  int64_t local = datetime::TimestampTzToTimestamp(ctx.transaction_start_micros, SessionZone(ctx));
  return datetime::DateToTimestamp(datetime::TimestampToDate(local));
}

// PostgreSQL 15 splits 'infinity' (its INT64_MAX, counted from 2000-01-01, shifted by the zone's
// offset for timestamptz) as a date in the year 294277 instead of refusing it; age() answers with
// that date, and so does Kanto. '-infinity' is refused (22008) by Split.
__int128 Wall(int64_t v, const datetime::TimeZone* zone) {
  constexpr __int128 kPostgresEpoch = 946684800LL * datetime::kMicrosPerSecond;
  if (v == INT64_MIN) return v;
  if (v == INT64_MAX) return kPostgresEpoch + v + (zone ? static_cast<__int128>(zone->OffsetAt(v)) * datetime::kMicrosPerSecond : 0);
  return zone ? datetime::TimestampTzToTimestamp(v, *zone) : v;
}

}  // namespace

Interval TimestampAge(__int128 a, __int128 b) {
  Fields x = Split(a), y = Split(b);
  Fields r{x.year - y.year, x.mon - y.mon, x.mday - y.mday, x.hour - y.hour, x.min - y.min, x.sec - y.sec, x.usec - y.usec};
  bool negative = a < b;
  auto flip = [&r] {
    r = Fields{-r.year, -r.mon, -r.mday, -r.hour, -r.min, -r.sec, -r.usec};
  };
  if (negative) flip();
  while (r.usec < 0) {
    r.usec += datetime::kMicrosPerSecond;
    r.sec--;
  }
  while (r.sec < 0) {
    r.sec += 60;
    r.min--;
  }
  while (r.min < 0) {
    r.min += 60;
    r.hour--;
  }
  while (r.hour < 0) {
    r.hour += 24;
    r.mday--;
  }
  // A negative day count borrows the length of the earlier argument's month.
  const Fields& earlier = negative ? x : y;
  while (r.mday < 0) {
    r.mday += DaysInMonth(earlier.year, earlier.mon);
    r.mon--;
  }
  while (r.mon < 0) {
    r.mon += 12;
    r.year--;
  }
  if (negative) flip();
  int64_t months = r.year * 12 + r.mon;
  if (months > INT32_MAX || months < INT32_MIN) throw Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  Interval iv;
  iv.months = static_cast<int32_t>(months);
  iv.days = static_cast<int32_t>(r.mday);
  iv.micros = ((r.hour * 60 + r.min) * 60 + r.sec) * datetime::kMicrosPerSecond + r.usec;
  return iv;
}

void AddAgeFunctions(FunctionRegistry& r) {
  const LogicalType ts = T2(TypeId::kTimestamp), tz = T2(TypeId::kTimestampTz), iv = T2(TypeId::kInterval);
  AddRowFunction(r, "age", {ts, ts}, iv, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromInterval(TimestampAge(Wall(a[0].int_value(), nullptr), Wall(a[1].int_value(), nullptr)));
  });
  // timestamptz_age works on the wall-clock fields in the session's zone.
  AddRowFunction(r, "age", {tz, tz}, iv, [](const std::vector<Value>& a, FunctionContext& ctx) {
    const auto* zone = &SessionZone(ctx);
    return Value::FromInterval(TimestampAge(Wall(a[0].int_value(), zone), Wall(a[1].int_value(), zone)));
  });
  // age(x) = age(current_date, x) (PostgreSQL defines both as SQL functions over current_date).
  AddRowFunction(r, "age", {ts}, iv, [](const std::vector<Value>& a, FunctionContext& ctx) {
    return Value::FromInterval(TimestampAge(CurrentDateMidnight(ctx), Wall(a[0].int_value(), nullptr)));
  });
  AddRowFunction(r, "age", {tz}, iv, [](const std::vector<Value>& a, FunctionContext& ctx) {
    return Value::FromInterval(TimestampAge(CurrentDateMidnight(ctx), Wall(a[0].int_value(), &SessionZone(ctx))));
  });
}

}  // namespace kanto
