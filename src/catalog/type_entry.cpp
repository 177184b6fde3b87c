// The catalog's user-defined types (pg_type rows of CREATE TYPE): lookup by name and OID, and the
// LogicalType each one's values have.
#include "catalog/catalog.hpp"
#include "catalog/object_acl.hpp"
#include "catalog/type_lookup.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"

namespace kanto {

uint32_t UserTypeOid(const LogicalType& t) {
  LogicalType base = t.IsArray() ? t.ElementType() : t;
  return IsKnownEnum(base) ? EnumTypeOf(base).oid : 0;
}

const TypeEntry* Catalog::FindType(uint32_t schema_id, std::string_view name) const {
  for (const auto& [id, t] : types_) {
    if (t.schema_id == schema_id && t.name == name) return &t;
  }
  return nullptr;
}

const TypeEntry* Catalog::GetType(uint32_t id) const {
  auto it = types_.find(id);
  return it == types_.end() ? nullptr : &it->second;
}

const TypeEntry* Catalog::FindTypeByOid(uint32_t oid, bool* array) const {
  for (const auto& [id, t] : types_) {
    if (t.id == oid || t.array_id == oid) {
      if (array) *array = t.array_id == oid;
      return &t;
    }
  }
  return nullptr;
}

std::vector<const TypeEntry*> Catalog::Types() const {
  std::vector<const TypeEntry*> out;
  for (const auto& [id, t] : types_) out.push_back(&t);
  return out;
}

void Catalog::PutType(TypeEntry type) {
  uint32_t id = type.id;
  types_[id] = std::move(type);
}

void Catalog::RemoveType(uint32_t id) { types_.erase(id); }

LogicalType Catalog::TypeOf(const TypeEntry& type) const {
  EnumType e;
  e.oid = type.id;
  e.array_oid = type.array_id;
  // format_type qualifies a type outside the default schema.
  const SchemaEntry* schema = GetSchema(type.schema_id);
  e.name = type.schema_id == kPublicSchemaId || !schema ? type.name : schema->name + "." + type.name;
  e.labels = type.labels;
  return EnumLogicalType(e);
}

}  // namespace kanto

namespace kanto {

const TypeEntry* LookupType(const Catalog& catalog, const SearchPath& path, std::string_view schema,
                            std::string_view name, int location) {
  if (!schema.empty()) {
    const SchemaEntry* s = FindNamedSchema(catalog, path, schema);
    if (!s) {
      throw At(Error(sqlstate::kInvalidSchemaName, "schema \"" + std::string(schema) + "\" does not exist"), location);
    }
    CheckSchemaPrivilege(catalog, path.user, *s, kAclUsage, location);
    return catalog.FindType(s->id, name);
  }
  for (uint32_t id : ResolveSearchPath(catalog, path).schemas) {
    if (const TypeEntry* t = catalog.FindType(id, name)) return t;
  }
  return nullptr;
}

}  // namespace kanto
