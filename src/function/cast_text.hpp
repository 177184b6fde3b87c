// Internal to the cast code: text input and output that cast.cpp delegates (arrays, int2vector,
// interval literals with fields) and the small string helpers both files use.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

#include "function/cast.hpp"
#include "function/function_context.hpp"
#include "types/interval.hpp"
#include "types/value.hpp"

namespace kanto {

inline std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// PostgreSQL's array_out / array_in for one-dimensional arrays ({a,"b c",NULL}).
std::string ArrayToText(const Value& v, const FunctionContext& ctx);
Value TextToArray(std::string_view text, const LogicalType& type, const FunctionContext& ctx);
// record_out / record_in ((1,"a b",)) and the casts between composite types (function/record_text).
std::string RecordToText(const Value& v, const FunctionContext& ctx);
Value TextToRecord(std::string_view text, const LogicalType& type, const FunctionContext& ctx);
// REQUIRES: v not NULL, both record types with known fields.
Value CastRecord(const Value& v, const LogicalType& target, CastContext context, const FunctionContext& ctx);
// int2vector / oidvector output and input: "1 2 3", whitespace-separated smallints or oids (at
// most 100). `vector` is kInt2Vector or kOidVector.
std::string VectorToText(const Value& v);
Value TextToVector(std::string_view text, TypeId vector);
// Interval input under PostgreSQL's field mask (interval '3' month); mask < 0: no fields.
Interval ParseIntervalFields(std::string_view text, int32_t mask);

}  // namespace kanto
