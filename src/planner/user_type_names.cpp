// Type names that name a user-defined type (CREATE TYPE ... AS ENUM): after the built-in names.
#include "catalog/type_lookup.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto {

LogicalType Binder::ResolveTypeName(const ast::TypeName& t, const Catalog* catalog, const SearchPath& path) {
  try {
    return ResolveTypeName(t);
  } catch (const Error& e) {
    if (!catalog || e.sqlstate() != std::string(sqlstate::kUndefinedObject) || t.names.empty() || t.names.size() > 3) {
      throw;
    }
    std::string schema = t.names.size() >= 2 ? t.names[t.names.size() - 2] : "";
    const TypeEntry* type = LookupType(*catalog, path, schema, t.names.back(), t.location);
    bool array = t.array;
    if (!type && !t.array && t.names.back().size() > 1 && t.names.back()[0] == '_') {
      // "_mood": the array type's own name
      type = LookupType(*catalog, path, schema, t.names.back().substr(1), t.location);
      array = type != nullptr;
    }
    if (!type) throw;
    if (!t.mods.empty()) {
      throw At(Error(sqlstate::kSyntaxError, "type modifier is not allowed for type \"" + type->name + "\""), t.location);
    }
    LogicalType out = catalog->TypeOf(*type);
    return array ? LogicalType::ArrayOf(out) : out;
  }
}

}  // namespace kanto
