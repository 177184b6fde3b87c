#include "kanto/introspect.hpp"

#include <algorithm>
#include <tuple>

#include "catalog/index_definition.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"

namespace kanto {

namespace {
std::shared_ptr<const Catalog> CatalogOf(Connection& conn) { return conn.impl().catalog_for_statement(); }
}  // namespace

std::vector<RelationInfo> ListRelations(Connection& conn) {
  auto catalog = CatalogOf(conn);
  std::vector<RelationInfo> out;
  for (const TableEntry* t : catalog->Tables()) {
    const SchemaEntry* s = catalog->GetSchema(t->schema_id);
    std::string schema = s ? s->name : "?";
    out.push_back({schema, t->name, t->is_view() ? "view" : "table", "kanto", ""});
    for (const auto& idx : t->indexes) out.push_back({schema, idx.name, "index", "kanto", t->name});
  }
  std::sort(out.begin(), out.end(), [](const RelationInfo& a, const RelationInfo& b) {
    return std::tie(a.schema, a.name) < std::tie(b.schema, b.name);
  });
  return out;
}

bool DescribeTable(Connection& conn, const std::string& name, TableDescription* out) {
  auto catalog = CatalogOf(conn);
  std::string schema = "public", table = name;
  size_t dot = name.find('.');
  if (dot != std::string::npos) {
    schema = name.substr(0, dot);
    table = name.substr(dot + 1);
  }
  const SchemaEntry* s = catalog->FindSchema(schema);
  if (!s) return false;
  const TableEntry* t = catalog->FindTable(s->id, table);
  if (!t) return false;
  out->schema = schema;
  out->name = t->name;
  for (const auto& c : t->columns) out->columns.push_back({c.name, c.type.ToString(), c.not_null, c.default_sql});
  for (const auto& idx : t->indexes) {
    std::string cols = IndexColumnList(*t, idx, true);
    std::string kind = idx.primary ? " PRIMARY KEY," : (idx.unique ? " UNIQUE," : "");
    out->indexes.push_back("\"" + idx.name + "\"" + kind + " btree (" + cols + ")");
  }
  return true;
}

}  // namespace kanto
