// PostgreSQL 15's OIDs of its system catalogs and of the system views Kanto provides: what
// 'pg_class'::regclass reads, what regclass prints for such an OID, and a catalog row's tableoid.
#pragma once

#include <cstdint>
#include <string_view>

namespace kanto {

// The OID of the system catalog or view `name` (pg_catalog), 0 when there is none.
uint32_t SystemCatalogOid(std::string_view name);
// Its name, nullptr for an OID naming none.
const char* SystemCatalogName(uint32_t oid);
// The OID of a catalog *table* (the rows' tableoid); 0 for the views (pg_roles, pg_tables, ...),
// which have no system columns.
uint32_t SystemCatalogTableOid(std::string_view name);

}  // namespace kanto
