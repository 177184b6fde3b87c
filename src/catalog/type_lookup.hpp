// Finding a user-defined type by name, as PostgreSQL's TypenameGetTypid does: qualified, in its
// schema; unqualified, the first schema of the search path that has one.
#pragma once

#include <string_view>

#include "catalog/catalog.hpp"
#include "catalog/search_path.hpp"

namespace kanto {

// The type `schema`.`name`, or with `schema` empty the first along the path; null when none.
// Throws 3F000 when `schema` does not exist.
const TypeEntry* LookupType(const Catalog& catalog, const SearchPath& path, std::string_view schema,
                            std::string_view name, int location = -1);

}  // namespace kanto
