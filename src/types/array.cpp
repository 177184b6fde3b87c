#include "types/array.hpp"

#include <cstring>

#include "kanto/error.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {

template <typename T>
void Put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}

[[noreturn]] void Corrupt() { throw Error(sqlstate::kDataCorrupted, "could not decode array: data is corrupted"); }

template <typename T>
T Get(std::string_view* d) {
  if (d->size() < sizeof(T)) Corrupt();
  T v;
  std::memcpy(&v, d->data(), sizeof(T));
  d->remove_prefix(sizeof(T));
  return v;
}

}  // namespace

// Layout: u32 count, then per element a flag byte (0 NULL, 1 present) and the payload:
// int64 / double as 8 bytes, strings as u32 length + bytes, numerics serialized, intervals 16 bytes.
std::string EncodeArray(const std::vector<Value>& elements) {
  std::string out;
  Put<uint32_t>(&out, static_cast<uint32_t>(elements.size()));
  for (const Value& v : elements) {
    out.push_back(v.is_null() ? 0 : 1);
    if (v.is_null()) continue;
    switch (v.type().physical()) {
      case PhysicalType::kInt64: Put<int64_t>(&out, v.int_value()); break;
      case PhysicalType::kDouble: Put<double>(&out, v.double_value()); break;
      case PhysicalType::kString:
        Put<uint32_t>(&out, static_cast<uint32_t>(v.str_value().size()));
        out.append(v.str_value());
        break;
      case PhysicalType::kNumeric: v.numeric_value().Serialize(&out); break;
      case PhysicalType::kInterval:
        Put<int32_t>(&out, v.interval_value().months);
        Put<int32_t>(&out, v.interval_value().days);
        Put<int64_t>(&out, v.interval_value().micros);
        break;
    }
  }
  return out;
}

std::vector<Value> DecodeArray(std::string_view d, const LogicalType& t) {
  uint32_t n = Get<uint32_t>(&d);
  if (n > d.size()) Corrupt();  // every element takes at least its flag byte
  std::vector<Value> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; i++) {
    uint8_t flag = Get<uint8_t>(&d);
    if (flag == 0) {
      out.push_back(Value::Null(t));
      continue;
    }
    switch (t.physical()) {
      case PhysicalType::kInt64: out.push_back(Value::FromInt(t, Get<int64_t>(&d))); break;
      case PhysicalType::kDouble: out.push_back(Value::FromDouble(t, Get<double>(&d))); break;
      case PhysicalType::kString: {
        uint32_t len = Get<uint32_t>(&d);
        if (len > d.size()) Corrupt();
        out.push_back(Value::FromString(t, std::string(d.substr(0, len))));
        d.remove_prefix(len);
        break;
      }
      case PhysicalType::kNumeric: out.push_back(Value::FromNumeric(Numeric::Deserialize(&d), t)); break;
      case PhysicalType::kInterval: {
        Interval iv;
        iv.months = Get<int32_t>(&d);
        iv.days = Get<int32_t>(&d);
        iv.micros = Get<int64_t>(&d);
        out.push_back(Value::FromInterval(iv));
        break;
      }
    }
  }
  return out;
}

size_t ArrayLength(std::string_view data) { return Get<uint32_t>(&data); }

Value MakeArrayValue(const LogicalType& array_type, const std::vector<Value>& elements) {
  return Value::FromString(array_type, EncodeArray(elements));
}

int CompareArrays(std::string_view a, std::string_view b, const LogicalType& element_type) {
  std::vector<Value> x = DecodeArray(a, element_type), y = DecodeArray(b, element_type);
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
