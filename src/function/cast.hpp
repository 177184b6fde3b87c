// Casts between every pair of supported types, PostgreSQL's text input/output of every type,
// and which casts are allowed implicitly, in assignment, or only explicitly (PostgreSQL's pg_cast).
#pragma once

#include <string>

#include "function/function_context.hpp"
#include "types/vector.hpp"

namespace kanto {

enum class CastContext : uint8_t {
  kImplicit,    // in expressions, chosen by the binder
  kAssignment,  // storing into a column: INSERT/UPDATE (varchar(n) too long -> 22001)
  kExplicit,    // CAST(x AS t), x::t (varchar(n) truncates silently)
};

// True when PostgreSQL allows a cast from `from` to `to` in `context` (unknown converts to anything).
bool CanCast(const LogicalType& from, const LogicalType& to, CastContext context);

// Converts rows [0, in.size()) of `in` into `out` (resized; type set to `target`). NULL stays NULL.
// Errors as PostgreSQL: 22P02 / 22007 invalid input, 22003 out of range, 22001 too long (assignment).
void CastVector(const Vector& in, const LogicalType& target, Vector& out, CastContext context,
                const FunctionContext& ctx);
Value CastValue(const Value& v, const LogicalType& target, CastContext context, const FunctionContext& ctx);

// PostgreSQL's text output for a non-NULL value ("t", "1.50", "2024-01-05 10:00:00+00", "\x0102").
std::string ValueToText(const Value& v, const FunctionContext& ctx);
// Text output of row i of a vector (REQUIRES: not NULL).
std::string VectorValueToText(const Vector& v, size_t i, const FunctionContext& ctx);
// The same as a view: of the vector's own string when the value is stored as its text (text,
// varchar, char), else of *scratch.
std::string_view VectorValueTextView(const Vector& v, size_t i, const FunctionContext& ctx, std::string* scratch);
// PostgreSQL's text input for `type` (throws on bad input).
Value TextToValue(std::string_view text, const LogicalType& type, const FunctionContext& ctx);

}  // namespace kanto
