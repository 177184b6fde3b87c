#include "types/value_compare.hpp"

#include <cmath>

#include "types/array.hpp"
#include "types/jsonb.hpp"
#include "types/record.hpp"

namespace kanto {

int CompareDoubles(double a, double b) {
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}

namespace {
int CompareStrings(const std::string& a, const std::string& b) {
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int CompareIntervals(const Interval& a, const Interval& b) {
  __int128 x = a.Span(), y = b.Span();
  return x < y ? -1 : (x > y ? 1 : 0);
}
}  // namespace

int CompareVectorValues(const Vector& a, size_t i, const Vector& b, size_t j) {
  switch (a.type().physical()) {
    case PhysicalType::kInt64: {
      int64_t x = a.ints()[i], y = b.ints()[j];
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case PhysicalType::kDouble: return CompareDoubles(a.doubles()[i], b.doubles()[j]);
    case PhysicalType::kString:
      if (a.type().id == TypeId::kArray) return CompareArrays(a.strings()[i], b.strings()[j], a.type().ElementType());
      if (TypeId e = VectorElementType(a.type().id); e != TypeId::kUnknown) {
        return CompareArrays(a.strings()[i], b.strings()[j], LogicalType(e));
      }
      if (a.type().id == TypeId::kRecord) return CompareRecords(a.strings()[i], b.strings()[j], a.type());
      if (a.type().id == TypeId::kJsonb) return CompareJsonb(a.strings()[i], b.strings()[j]);
      return CompareStrings(a.strings()[i], b.strings()[j]);
    case PhysicalType::kNumeric: return a.numerics()[i].Compare(b.numerics()[j]);
    case PhysicalType::kInterval: return CompareIntervals(a.intervals()[i], b.intervals()[j]);
  }
  return 0;
}

int CompareValues(const Value& a, const Value& b) {
  switch (a.type().physical()) {
    case PhysicalType::kInt64: {
      int64_t x = a.int_value(), y = b.int_value();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case PhysicalType::kDouble: return CompareDoubles(a.double_value(), b.double_value());
    case PhysicalType::kString:
      if (a.type().id == TypeId::kArray) return CompareArrays(a.str_value(), b.str_value(), a.type().ElementType());
      if (TypeId e = VectorElementType(a.type().id); e != TypeId::kUnknown) {
        return CompareArrays(a.str_value(), b.str_value(), LogicalType(e));
      }
      if (a.type().id == TypeId::kRecord) return CompareRecords(a.str_value(), b.str_value(), a.type());
      if (a.type().id == TypeId::kJsonb) return CompareJsonb(a.str_value(), b.str_value());
      return CompareStrings(a.str_value(), b.str_value());
    case PhysicalType::kNumeric: return a.numeric_value().Compare(b.numeric_value());
    case PhysicalType::kInterval: return CompareIntervals(a.interval_value(), b.interval_value());
  }
  return 0;
}

int CompareValueLists(const std::vector<Value>& x, const std::vector<Value>& y) {
  for (size_t i = 0; i < x.size() && i < y.size(); i++) {
    if (x[i].is_null() || y[i].is_null()) {
      if (x[i].is_null() && y[i].is_null()) continue;
      return x[i].is_null() ? 1 : -1;
    }
    if (int c = CompareValues(x[i], y[i])) return c;
  }
  return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
}

}  // namespace kanto
