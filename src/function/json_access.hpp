// Reading into json and jsonb values, shared by the operators (json_operators.cpp) and the
// processing functions (json_processing.cpp). Both types parse into a JsonValue whose `raw` views
// are the result of an extraction: json's text as written, jsonb's normalised text.
#pragma once

#include <string>
#include <vector>

#include "types/json.hpp"
#include "types/value.hpp"

namespace kanto {

// The types the json functions take and return besides json itself.
namespace json_types {
inline const LogicalType kText(TypeId::kText);
inline const LogicalType kTexts = LogicalType::ArrayOf(kText);
inline const LogicalType kJsonb(TypeId::kJsonb);
}  // namespace json_types

// The object member `key` (the last of equal keys, as PostgreSQL's json operators find it), or
// nullptr when `v` is no object or has no such key.
const JsonValue* JsonMember(const JsonValue& v, const std::string& key);

// The array element at `index` (negative: from the end), or nullptr.
const JsonValue* JsonElement(const JsonValue& v, int64_t index);

// The value at `path` (text[] elements: keys of objects, integers into arrays), or nullptr when a
// step is missing, NULL or not an integer where an array is met.
const JsonValue* JsonAtPath(const JsonValue& v, const std::vector<Value>& path);

// A sub-value as a json / jsonb Value of `type` (its text), or as text (->>: strings unquoted,
// JSON null is SQL NULL); nullptr gives NULL.
Value JsonOf(const LogicalType& type, const JsonValue* v);
Value JsonAsText(const JsonValue* v);

// PostgreSQL's name of a JSON value's type, as json_typeof answers ("object", "number", ...).
const char* JsonTypeName(const JsonValue& v);

// An integer path step (1-based `position`) into an array: 22P02 "path element at position N is
// not an integer" otherwise, as jsonb's #-, jsonb_set and jsonb_insert say.
int64_t JsonPathIndex(const std::string& step, size_t position);

// Throws 22023 with `message` (the processing functions' "cannot delete from scalar", ...).
[[noreturn]] void JsonInvalid(const std::string& message);

// A jsonb Value holding the (normalised) tree `v`.
Value JsonbOf(const JsonValue& v);

}  // namespace kanto
