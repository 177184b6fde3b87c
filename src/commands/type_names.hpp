// Names shared by CREATE / ALTER / DROP TYPE: the type a statement names, enum label checks.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "commands/command_context.hpp"

namespace kanto::commands {

// The user-defined type `names` ([schema.]name) names, or null. Throws 3F000 for a missing schema.
const TypeEntry* FindNamedType(const CatalogChange& change, const std::vector<std::string>& names);
// The type `names` names; 42704 'type "x" does not exist' when none.
const TypeEntry& GetNamedType(const CatalogChange& change, const std::vector<std::string>& names);
// 42602 "invalid enum label" for a label longer than 63 bytes.
void CheckEnumLabel(const std::string& label);

}  // namespace kanto::commands
