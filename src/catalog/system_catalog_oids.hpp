// PostgreSQL 15's OIDs of its system catalogs and views (pg_catalog and information_schema): a
// catalog row's tableoid, and the OIDs of the system relations Kanto provides
// (catalog/system_relations.hpp), which 'pg_class'::regclass reads.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace kanto {

struct SystemCatalog {
  bool information_schema;  // else pg_catalog
  const char* name;
  uint32_t oid;
  bool view;  // relkind 'v'; else a table ('r')
};
// All of PostgreSQL 15's, pg_catalog's in OID order, then information_schema's.
std::span<const SystemCatalog> PostgresSystemCatalogs();

// PostgreSQL's OID of the system catalog or view `name` of pg_catalog, 0 when there is none
// (whether or not Kanto provides it: the class ids of pg_description, pg_depend, ...).
uint32_t SystemCatalogOid(std::string_view name);
// The name of pg_catalog's relation with that OID (whether or not Kanto provides it: regclass
// prints a class id such as pg_authid's by name), nullptr for an OID naming none.
const char* SystemCatalogName(uint32_t oid);
// The same for schema "pg_catalog" or "information_schema".
uint32_t SystemRelationOid(std::string_view schema, std::string_view name);
// The OID of a catalog *table* (the rows' tableoid); 0 for the views (pg_roles, pg_tables, ...),
// which have no system columns.
uint32_t SystemCatalogTableOid(std::string_view name);
// Whether the catalog is shared by all databases (pg_database, pg_authid, ...: relisshared, in
// tablespace pg_global).
bool IsSharedSystemCatalog(uint32_t oid);

}  // namespace kanto
