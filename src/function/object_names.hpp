// Text input and output of oid and the reg* types: regclass prints a relation's name and reads a
// name back into its OID (through the statement's catalog snapshot), regtype does the same for
// types, regnamespace for schemas. OID 0 prints as "-", unknown OIDs as numbers, as PostgreSQL does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "function/function_context.hpp"
#include "types/value.hpp"

namespace kanto {

// Splits "schema.name" / "\"Mixed\".x" into lower-cased (unless quoted) parts.
std::vector<std::string> SplitName(std::string_view text);

std::string OidTypeToText(const Value& v, const FunctionContext& ctx);
Value TextToOidType(std::string_view text, const LogicalType& type, const FunctionContext& ctx);

}  // namespace kanto
