// The system relations Kanto provides (pg_catalog's catalogs and views, information_schema's views
// and tables), each with PostgreSQL 15's OID and the columns Kanto computes for it: what pg_class
// and pg_attribute list for them (psql's \d pg_class) and what regclass resolves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "types/logical_type.hpp"

namespace kanto {

struct SystemRelation {
  std::string schema;  // "pg_catalog" or "information_schema"
  std::string name;
  uint32_t oid = 0;
  bool view = false;
  std::vector<std::string> column_names;
  std::vector<LogicalType> column_types;
};

// Every system relation Kanto provides, in PostgreSQL's OID order (computed once per process).
const std::vector<SystemRelation>& SystemRelations();
// The one with that OID, or with that name in schema ("pg_catalog" or "information_schema");
// null when Kanto provides none.
const SystemRelation* FindSystemRelation(uint32_t oid);
const SystemRelation* FindSystemRelation(std::string_view schema, std::string_view name);

}  // namespace kanto
