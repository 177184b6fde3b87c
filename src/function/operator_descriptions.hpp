// PostgreSQL 15's descriptions of its built-in operators (psql's \do Description column,
// obj_description(oid, 'pg_operator')), for those among Kanto's types.
#pragma once

#include <cstdint>
#include <string>

namespace kanto {

// The description of the operator `name` over type OIDs left (0 for a prefix operator) and right,
// or nullptr.
const char* BuiltinOperatorDescription(const std::string& name, uint32_t left, uint32_t right);

}  // namespace kanto
