#include "catalog/index_definition.hpp"

#include "common/sql_text.hpp"

namespace kanto {

std::string IndexColumnList(const TableEntry& table, const IndexEntry& index, bool with_order) {
  std::string out;
  for (size_t i = 0; i < index.columns.size(); i++) {
    if (i) out += ", ";
    out += QuoteIdent(table.columns[index.columns[i]].name);
    if (with_order && index.descending[i]) out += " DESC";
  }
  return out;
}

std::string IndexDefinition(const Catalog& catalog, const TableEntry& table, const IndexEntry& index) {
  const SchemaEntry* s = catalog.GetSchema(table.schema_id);
  return std::string("CREATE ") + (index.unique || index.primary ? "UNIQUE " : "") + "INDEX " + QuoteIdent(index.name) +
         " ON " + QuoteIdent(s ? s->name : "public") + "." + QuoteIdent(table.name) + " USING btree (" +
         IndexColumnList(table, index, true) + ")" + (index.nulls_not_distinct ? " NULLS NOT DISTINCT" : "");
}

}  // namespace kanto
