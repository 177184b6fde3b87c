#include "commands/relation_names.hpp"

#include "common/sql_text.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

uint32_t CreationSchema(const CatalogChange& change, const ast::RangeVar& rv) {
  return CreationSchemaId(change.catalog(), change.path(), rv.schema, rv.name, rv.location);
}

std::string UniqueName(const Catalog& catalog, uint32_t schema_id, const std::string& base, const char* suffix) {
  std::string name = base + "_" + suffix;
  for (int n = 1; catalog.RelationExists(schema_id, name); n++) name = base + "_" + suffix + std::to_string(n);
  return name;
}

std::string JoinColumnNames(const TableEntry& t, const std::vector<uint32_t>& cols) {
  std::string out;
  for (uint32_t c : cols) out += "_" + t.columns[c].name;
  return out;
}

void RequireIndexable(const TableEntry& t, const std::vector<uint32_t>& cols) {
  for (uint32_t c : cols) {
    if (t.columns[c].type.id == TypeId::kArray) {
      throw Error(sqlstate::kFeatureNotSupported, "indexes on array columns are not supported yet");
    }
  }
}

IndexEntry MakeConstraintIndex(const Catalog& catalog, uint32_t id, const TableEntry& t,
                               const std::vector<uint32_t>& cols, bool primary, const std::string& name) {
  IndexEntry idx;
  idx.id = id;
  idx.name = !name.empty() ? name
             : primary     ? UniqueName(catalog, t.schema_id, t.name, "pkey")
                           : UniqueName(catalog, t.schema_id, t.name + JoinColumnNames(t, cols), "key");
  idx.columns = cols;
  idx.descending.assign(cols.size(), false);
  idx.unique = true;
  idx.primary = primary;
  idx.constraint = true;
  return idx;
}

}  // namespace kanto::commands
