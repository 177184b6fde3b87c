// (start1, end1) OVERLAPS (start2, end2) over timestamps, with an interval for either end, as
// PostgreSQL answers it: the periods are half-open, either end may come first, and a NULL end
// makes the answer NULL only where it could change it.
#include <optional>

#include "function/datetime_library.hpp"
#include "function/kernel_util.hpp"
#include "function/time_zone_functions.hpp"
#include "kanto/error.hpp"
#include "types/datetime.hpp"

namespace kanto {

namespace {

using Point = std::optional<int64_t>;

// PostgreSQL's overlaps_timestamp on possibly-NULL ends.
std::optional<bool> Overlaps(Point s1, Point e1, Point s2, Point e2) {
  if (!s1) {
    if (!e1) return std::nullopt;
    s1 = e1;
    e1.reset();
  } else if (e1 && *s1 > *e1) {
    std::swap(s1, e1);
  }
  if (!s2) {
    if (!e2) return std::nullopt;
    s2 = e2;
    e2.reset();
  } else if (e2 && *s2 > *e2) {
    std::swap(s2, e2);
  }
  if (*s1 > *s2) {
    if (!e2) return std::nullopt;
    if (*s1 < *e2) return true;
    if (!e1) return std::nullopt;
    return false;
  }
  if (*s1 < *s2) {
    if (!e1) return std::nullopt;
    if (*s2 < *e1) return true;
    if (!e2) return std::nullopt;
    return false;
  }
  if (!e1 || !e2) return std::nullopt;
  return true;
}

}  // namespace

void AddOverlaps(FunctionRegistry& r) {
  const LogicalType iv = T(TypeId::kInterval);
  for (TypeId id : {TypeId::kTimestamp, TypeId::kTimestampTz}) {
    const LogicalType ts = T(id);
    const bool zoned = id == TypeId::kTimestampTz;
    // Each period's end is a timestamp or an interval after its start.
    for (int shape = 0; shape < 4; shape++) {
      const bool first_interval = shape & 1, second_interval = shape & 2;
      std::vector<LogicalType> args = {ts, first_interval ? iv : ts, ts, second_interval ? iv : ts};
      AddRowFunction(r, "overlaps", args, T(TypeId::kBool),
                     [first_interval, second_interval, zoned](const std::vector<Value>& a, FunctionContext& ctx) {
                       auto point = [](const Value& v) { return v.is_null() ? Point() : Point(v.int_value()); };
                       auto end = [&](const Value& start, const Value& e, bool is_interval) {
                         if (!is_interval) return point(e);
                         if (start.is_null() || e.is_null()) return Point();
                         if (zoned)
                           return Point(datetime::AddIntervalTz(start.int_value(), e.interval_value(), SessionZone(ctx)));
                         return Point(datetime::AddInterval(start.int_value(), e.interval_value()));
                       };
                       std::optional<bool> out = Overlaps(point(a[0]), end(a[0], a[1], first_interval), point(a[2]),
                                                          end(a[2], a[3], second_interval));
                       return out ? Value::Bool(*out) : Value::Null(T(TypeId::kBool));
                     },
                     /*strict=*/false);
    }
  }
}

}  // namespace kanto
