#include "catalog/system_relations.hpp"

#include <map>

#include "catalog/catalog.hpp"
#include "catalog/system_catalog_oids.hpp"
#include "catalog/system_tables.hpp"
#include "catalog/system_tables_activity.hpp"

namespace kanto {

namespace {

// Kanto's columns of the system relation, when it provides it: the generators run once on an
// empty catalog, without a session, and make no rows.
bool BuildColumns(const SystemCatalog& sc, SystemTable* out) {
  static const Catalog empty;
  out->columns_only = true;
  std::string name = sc.name;
  if (sc.information_schema) return BuildSystemTable(empty, "information_schema", name, out);
  return BuildSystemTable(empty, "pg_catalog", name, out) || BuildSessionTable(nullptr, name, out) ||
         BuildActivityTable(empty, nullptr, name, out);
}

struct Registry {
  std::vector<SystemRelation> relations;
  std::map<uint32_t, size_t> by_oid;
  std::map<std::pair<std::string, std::string>, size_t, std::less<>> by_name;
};

const Registry& GetRegistry() {
  static const Registry* registry = [] {
    auto* r = new Registry;
    for (const SystemCatalog& sc : PostgresSystemCatalogs()) {
      SystemTable columns;
      if (!BuildColumns(sc, &columns)) continue;
      SystemRelation rel;
      rel.schema = sc.information_schema ? "information_schema" : "pg_catalog";
      rel.name = sc.name;
      rel.oid = sc.oid;
      rel.view = sc.view;
      rel.column_names = std::move(columns.column_names);
      rel.column_types = std::move(columns.column_types);
      r->by_oid[rel.oid] = r->relations.size();
      r->by_name[{rel.schema, rel.name}] = r->relations.size();
      r->relations.push_back(std::move(rel));
    }
    return r;
  }();
  return *registry;
}

}  // namespace

const std::vector<SystemRelation>& SystemRelations() { return GetRegistry().relations; }

const SystemRelation* FindSystemRelation(uint32_t oid) {
  const Registry& r = GetRegistry();
  auto it = r.by_oid.find(oid);
  return it == r.by_oid.end() ? nullptr : &r.relations[it->second];
}

const SystemRelation* FindSystemRelation(std::string_view schema, std::string_view name) {
  const Registry& r = GetRegistry();
  auto it = r.by_name.find(std::pair<std::string, std::string>(schema, name));
  return it == r.by_name.end() ? nullptr : &r.relations[it->second];
}

}  // namespace kanto
