// PostgreSQL's type resolution rules, simplified: type categories, common types for CASE/UNION/
// VALUES/IN, and function/operator overload selection (parse_func.c / parse_oper.c).
#pragma once

#include <string>
#include <vector>

#include "function/aggregate.hpp"
#include "function/function.hpp"

namespace kanto {

// 'B' boolean, 'N' numeric, 'S' string, 'D' date/time, 'T' timespan, 'U' user/bytea, 'X' unknown.
char TypeCategory(const LogicalType& t);
bool IsPreferredType(const LogicalType& t);

// The type all of `types` convert to (unknowns ignored; all unknown → text). `context` names the
// construct in the error ("CASE", "UNION", "VALUES", "COALESCE", "IN"): 42804
// "<context> types integer and text cannot be matched".
LogicalType CommonType(const std::vector<LogicalType>& types, const char* context);

struct ResolvedFunction {
  const ScalarFunction* function = nullptr;
  std::vector<LogicalType> arg_types;  // types to coerce each argument to
  LogicalType return_type;
};

// Chooses an overload of `candidates` for arguments of `arg_types` (kUnknown = untyped literal or
// parameter). Returns false when none fits.
bool ResolveScalar(const std::vector<ScalarFunction>& candidates, const std::vector<LogicalType>& arg_types,
                   ResolvedFunction* out);

struct ResolvedAggregate {
  const AggregateFunction* function = nullptr;
  std::vector<LogicalType> arg_types;
  LogicalType return_type;
};
bool ResolveAggregate(const std::vector<AggregateFunction>& candidates, const std::vector<LogicalType>& arg_types,
                      ResolvedAggregate* out);

// "integer, text" for error messages.
std::string TypeListString(const std::vector<LogicalType>& types);

}  // namespace kanto
