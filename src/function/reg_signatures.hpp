// Text input and output of the reg* types that name an object with its signature or a role:
// regprocedure ("lower(text)"), regoperator ("+(integer,integer)", NONE for a prefix operator's
// missing left side), regoper ("+", unique by name) and regrole. Built-in functions and operators
// are all in pg_catalog. Errors as PostgreSQL's: 42883 for a missing function or operator, 42725
// for an ambiguous operator name, 42704 for a missing type or role, 22P02 for a missing parenthesis.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "function/function_context.hpp"
#include "types/logical_type.hpp"

namespace kanto {

// REQUIRES: type is kRegprocedure, kRegoper, kRegoperator or kRegrole; oid not 0.
std::string RegSignatureToText(TypeId type, int64_t oid, const FunctionContext& ctx);
// REQUIRES: as above; `text` is not a number (those are OIDs as they are).
int64_t RegSignatureFromText(TypeId type, std::string_view text, const FunctionContext& ctx);

}  // namespace kanto
