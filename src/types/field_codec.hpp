// The stored layout of one non-NULL value, shared by row values (storage/row_codec) and array
// elements (types/array): int64 and double as 8 bytes, strings as u32 length + bytes, numeric as
// Numeric::Serialize, interval as i32 months, i32 days, i64 microseconds (host byte order).
#pragma once

#include <string>
#include <string_view>

#include "types/vector.hpp"

namespace kanto {

void EncodeField(const Value& v, std::string* out);
// Reads one field of `type` from the front of *in and advances it. With `out` non-null the value
// goes to out[row] (marked not NULL); with null it is skipped. Truncated input throws XX001
// "could not decode <what>: data is corrupted".
void DecodeField(std::string_view* in, const LogicalType& type, Vector* out, size_t row, const char* what);

}  // namespace kanto
