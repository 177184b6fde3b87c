// json: PostgreSQL's json type, JSON text kept exactly as written (RFC 8259 syntax, checked on input).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kanto {

// Throws 22P02 "invalid input syntax for type json", with PostgreSQL's detail (which token was
// wrong or what was expected), when `text` is not one JSON value.
void ValidateJson(std::string_view text);

// One parsed JSON value, a tree over the input text.
struct JsonValue {
  // In jsonb's order of types (null < string < number < boolean < array < object).
  enum class Kind : uint8_t { kNull, kString, kNumber, kBool, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;                // kString: the string with escapes decoded; kNumber: as written
  std::vector<std::string> keys;   // kObject: member names in order (json keeps duplicates)
  std::vector<JsonValue> items;    // kArray: the elements; kObject: the values, beside keys
  std::string_view raw;            // the value as written in the parsed text (json's operators)

  bool is_container() const { return kind == Kind::kArray || kind == Kind::kObject; }
};

// Parses `text` (which must outlive the result's `raw` views) as ValidateJson checks it, decoding
// string escapes: an unpaired surrogate is 22P02, \u0000 22P05 (as PostgreSQL decodes strings).
// Nesting deeper than the statement's stack budget is 54001.
JsonValue ParseJson(std::string_view text);

// Appends `s` as a JSON string literal: quoted, with " \ and control characters escaped.
void AppendJsonString(std::string* out, std::string_view s);

// Whether `s` is a JSON number as written (numeric output such as NaN or Infinity is not).
bool IsJsonNumber(std::string_view s);

}  // namespace kanto
