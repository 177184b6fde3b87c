#include "types/array.hpp"

#include <cstring>

#include "kanto/error.hpp"
#include "types/field_codec.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {
[[noreturn]] void Corrupt() { throw Error(sqlstate::kDataCorrupted, "could not decode array: data is corrupted"); }
}  // namespace

// Layout: u32 count, then per element a flag byte (0 NULL, 1 present) and, when present, the
// element in the stored field layout (types/field_codec.hpp).
std::string EncodeArray(const std::vector<Value>& elements) {
  std::string out;
  auto count = static_cast<uint32_t>(elements.size());
  out.append(reinterpret_cast<const char*>(&count), sizeof(count));
  for (const Value& v : elements) {
    out.push_back(v.is_null() ? 0 : 1);
    if (!v.is_null()) EncodeField(v, &out);
  }
  return out;
}

std::vector<Value> DecodeArray(std::string_view d, const LogicalType& t) {
  uint32_t n = static_cast<uint32_t>(ArrayLength(d));
  d.remove_prefix(sizeof(uint32_t));
  if (n > d.size()) Corrupt();  // every element takes at least its flag byte
  Vector elements(t);
  elements.Resize(n);
  for (uint32_t i = 0; i < n; i++) {
    if (d.empty()) Corrupt();
    bool present = d[0] != 0;
    d.remove_prefix(1);
    if (present) DecodeField(&d, t, &elements, i, "array");
  }
  std::vector<Value> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; i++) out.push_back(elements.GetValue(i));
  return out;
}

size_t ArrayLength(std::string_view data) {
  uint32_t n;
  if (data.size() < sizeof(n)) Corrupt();
  std::memcpy(&n, data.data(), sizeof(n));
  return n;
}

Value MakeArrayValue(const LogicalType& array_type, const std::vector<Value>& elements) {
  return Value::FromString(array_type, EncodeArray(elements));
}

int CompareArrays(std::string_view a, std::string_view b, const LogicalType& element_type) {
  return CompareValueLists(DecodeArray(a, element_type), DecodeArray(b, element_type));
}

}  // namespace kanto
