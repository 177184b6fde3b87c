// The composite type of each table and view (PostgreSQL's pg_class.reltype): a record of its
// columns, named as the relation, with pg_type OID equal to the relation's id and an array type
// "_name" whose OID is kRowArrayTypeOidBase + id (so tables written before row types existed have
// them too, without a stored OID).
#pragma once

#include <cstdint>

#include "catalog/catalog.hpp"
#include "types/record.hpp"

namespace kanto {

inline constexpr uint32_t kRowArrayTypeOidBase = 0x40000000;

// The row type of `table` (its current columns).
LogicalType TableRowType(const TableEntry& table);
// The relation whose row type (or row type's array, then *array is set) has pg_type OID `oid`.
const TableEntry* FindRowTypeRelation(const Catalog& catalog, uint32_t oid, bool* array = nullptr);

}  // namespace kanto
