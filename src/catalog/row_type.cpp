#include "catalog/row_type.hpp"

namespace kanto {

LogicalType TableRowType(const TableEntry& table) {
  RecordType r;
  r.oid = table.id;
  r.array_oid = kRowArrayTypeOidBase + table.id;
  r.relid = table.id;
  r.name = table.name;
  for (const ColumnEntry& c : table.columns) r.fields.push_back({c.name, c.type});
  return RecordLogicalType(r);
}

const TableEntry* FindRowTypeRelation(const Catalog& catalog, uint32_t oid, bool* array) {
  bool is_array = oid >= kRowArrayTypeOidBase;
  if (array) *array = is_array;
  return catalog.GetTable(is_array ? oid - kRowArrayTypeOidBase : oid);
}

}  // namespace kanto
