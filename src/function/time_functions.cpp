// The operators and functions of time and timetz (PostgreSQL 15's date/time operator table):
// time +/- interval (wrapping at midnight), time - time, date + time[tz], EXTRACT / date_part,
// make_time. Comparisons are RegisterComparisons'; AT TIME ZONE is time_zone_functions.cpp's.
#include "function/time_functions.hpp"

#include <cstdlib>

#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/numeric.hpp"
#include "types/time.hpp"

namespace kanto {

namespace {

using datetime::TimeTz;

Interval Negate(Interval i) { return Interval{-i.months, -i.days, -i.micros}; }

Value TimeTzValue(const TimeTz& t) { return Value::FromInt(T(TypeId::kTimeTz), datetime::PackTimeTz(t)); }

TimeTz TimeTzOf(const Value& v) { return datetime::UnpackTimeTz(v.int_value()); }

// date + time: the wall-clock timestamp (22008 outside the timestamp range).
int64_t DatePlusTime(int64_t days, int64_t time) {
  int64_t ts = datetime::DateToTimestamp(days);
  if (ts == INT64_MAX || ts == INT64_MIN) return ts;
  int64_t out = ts + time;
  if (out < -211813488000000000LL || out == INT64_MAX) {
    throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  return out;
}

void AddArithmetic(FunctionRegistry& r) {
  LogicalType time = T(TypeId::kTime), timetz = T(TypeId::kTimeTz), iv = T(TypeId::kInterval),
              date = T(TypeId::kDate), ts = T(TypeId::kTimestamp), tstz = T(TypeId::kTimestampTz);
  auto time_plus = [time](int64_t t, const Interval& i) {
    return Value::FromInt(time, datetime::TimeAddInterval(t, i));
  };
  AddRowFunction(r, "+", {time, iv}, time, [time_plus](const std::vector<Value>& a, FunctionContext&) {
    return time_plus(a[0].int_value(), a[1].interval_value());
  });
  AddRowFunction(r, "+", {iv, time}, time, [time_plus](const std::vector<Value>& a, FunctionContext&) {
    return time_plus(a[1].int_value(), a[0].interval_value());
  });
  AddRowFunction(r, "-", {time, iv}, time, [time_plus](const std::vector<Value>& a, FunctionContext&) {
    return time_plus(a[0].int_value(), Negate(a[1].interval_value()));
  });
  auto timetz_plus = [](TimeTz t, const Interval& i) {
    t.time = datetime::TimeAddInterval(t.time, i);
    return TimeTzValue(t);
  };
  AddRowFunction(r, "+", {timetz, iv}, timetz, [timetz_plus](const std::vector<Value>& a, FunctionContext&) {
    return timetz_plus(TimeTzOf(a[0]), a[1].interval_value());
  });
  AddRowFunction(r, "+", {iv, timetz}, timetz, [timetz_plus](const std::vector<Value>& a, FunctionContext&) {
    return timetz_plus(TimeTzOf(a[1]), a[0].interval_value());
  });
  AddRowFunction(r, "-", {timetz, iv}, timetz, [timetz_plus](const std::vector<Value>& a, FunctionContext&) {
    return timetz_plus(TimeTzOf(a[0]), Negate(a[1].interval_value()));
  });
  AddRowFunction(r, "-", {time, time}, iv, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromInterval(Interval{0, 0, a[0].int_value() - a[1].int_value()});
  });
  AddRowFunction(r, "+", {date, time}, ts, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Timestamp(DatePlusTime(a[0].int_value(), a[1].int_value()));
  });
  AddRowFunction(r, "+", {time, date}, ts, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Timestamp(DatePlusTime(a[1].int_value(), a[0].int_value()));
  });
  AddRowFunction(r, "+", {date, timetz}, tstz, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::TimestampTz(datetime::DateTimeTzToTimestampTz(a[0].int_value(), TimeTzOf(a[1])));
  });
  AddRowFunction(r, "+", {timetz, date}, tstz, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::TimestampTz(datetime::DateTimeTzToTimestampTz(a[1].int_value(), TimeTzOf(a[0])));
  });
}

void AddFields(FunctionRegistry& r) {
  LogicalType text = T(TypeId::kText), time = T(TypeId::kTime), timetz = T(TypeId::kTimeTz),
              num = T(TypeId::kNumeric), f8 = T(TypeId::kFloat8);
  AddRowFunction(r, "extract", {text, time}, num, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromNumeric(Numeric::Parse(datetime::ExtractTime(a[0].str_value(), a[1].int_value())));
  });
  AddRowFunction(r, "date_part", {text, time}, f8, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Float8(std::strtod(datetime::ExtractTime(a[0].str_value(), a[1].int_value()).c_str(), nullptr));
  });
  AddRowFunction(r, "extract", {text, timetz}, num, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromNumeric(Numeric::Parse(datetime::ExtractTimeTz(a[0].str_value(), TimeTzOf(a[1]))));
  });
  AddRowFunction(r, "date_part", {text, timetz}, f8, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Float8(std::strtod(datetime::ExtractTimeTz(a[0].str_value(), TimeTzOf(a[1])).c_str(), nullptr));
  });
  AddRowFunction(r, "make_time", {T(TypeId::kInt4), T(TypeId::kInt4), f8}, time,
                 [time](const std::vector<Value>& a, FunctionContext&) {
                   return Value::FromInt(time, datetime::MakeTime(a[0].int_value(), a[1].int_value(), a[2].double_value()));
                 });
}

}  // namespace

void AddTimeFunctions(FunctionRegistry& r) {
  AddArithmetic(r);
  AddFields(r);
}

}  // namespace kanto
