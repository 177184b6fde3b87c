// json: PostgreSQL's json type, JSON text kept exactly as written (RFC 8259 syntax, checked on input).
#pragma once

#include <string>
#include <string_view>

namespace kanto {

// Throws 22P02 "invalid input syntax for type json", with PostgreSQL's detail (which token was
// wrong or what was expected), when `text` is not one JSON value.
void ValidateJson(std::string_view text);

// Appends `s` as a JSON string literal: quoted, with " \ and control characters escaped.
void AppendJsonString(std::string* out, std::string_view s);

// Whether `s` is a JSON number as written (numeric output such as NaN or Infinity is not).
bool IsJsonNumber(std::string_view s);

}  // namespace kanto
