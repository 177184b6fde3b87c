#include "function/json_access.hpp"

#include <charconv>

#include "kanto/error.hpp"
#include "types/jsonb.hpp"

namespace kanto {

const JsonValue* JsonMember(const JsonValue& v, const std::string& key) {
  if (v.kind != JsonValue::Kind::kObject) return nullptr;
  for (size_t i = v.keys.size(); i-- > 0;) {
    if (v.keys[i] == key) return &v.items[i];
  }
  return nullptr;
}

const JsonValue* JsonElement(const JsonValue& v, int64_t index) {
  if (v.kind != JsonValue::Kind::kArray) return nullptr;
  auto n = static_cast<int64_t>(v.items.size());
  if (index < 0) index += n;
  if (index < 0 || index >= n) return nullptr;
  return &v.items[static_cast<size_t>(index)];
}

const JsonValue* JsonAtPath(const JsonValue& v, const std::vector<Value>& path) {
  const JsonValue* at = &v;
  for (const Value& step : path) {
    if (step.is_null()) return nullptr;
    const std::string& s = step.str_value();
    if (at->kind == JsonValue::Kind::kObject) {
      at = JsonMember(*at, s);
    } else if (at->kind == JsonValue::Kind::kArray) {
      int64_t index = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), index);
      if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return nullptr;
      at = JsonElement(*at, index);
    } else {
      return nullptr;
    }
    if (!at) return nullptr;
  }
  return at;
}

Value JsonOf(const LogicalType& type, const JsonValue* v) {
  if (!v) return Value::Null(type);
  return Value::FromString(type, std::string(v->raw));
}

Value JsonAsText(const JsonValue* v) {
  if (!v || v->kind == JsonValue::Kind::kNull) return Value::Null(LogicalType(TypeId::kText));
  if (v->kind == JsonValue::Kind::kString) return Value::Text(v->text);
  return Value::Text(std::string(v->raw));
}

const char* JsonTypeName(const JsonValue& v) {
  static const char* kNames[] = {"null", "string", "number", "boolean", "array", "object"};
  return kNames[static_cast<int>(v.kind)];
}

int64_t JsonPathIndex(const std::string& s, size_t position) {
  int64_t index = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), index);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
    throw Error(sqlstate::kInvalidTextRepresentation,
                "path element at position " + std::to_string(position) + " is not an integer: \"" + s + "\"");
  }
  return index;
}

void JsonInvalid(const std::string& message) { throw Error(sqlstate::kInvalidParameterValue, message); }

Value JsonbOf(const JsonValue& v) { return Value::FromString(LogicalType(TypeId::kJsonb), JsonbText(v)); }

}  // namespace kanto
