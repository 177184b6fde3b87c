// System catalog tables (pg_catalog.pg_class, information_schema.columns, ...) computed from a
// catalog snapshot when a query reads them.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "types/value.hpp"

namespace kanto {

struct SearchPath;

struct SystemTable {
  std::vector<std::string> column_names;
  std::vector<LogicalType> column_types;
  std::vector<std::vector<Value>> rows;
  // Columns computed when the query runs (pg_sequences.last_value): the cell holds a relation OID
  // and the query reads function(oid::regclass) instead, or, when the text has $1 in it, the
  // expression with each $1 replaced by 'oid'::regclass.
  std::vector<std::pair<size_t, std::string>> computed;
  // PostgreSQL's OID of the catalog (its rows' tableoid); 0 for a view (pg_tables, pg_roles, ...).
  uint32_t relation_oid = 0;
  // Set by the caller that wants only the columns (catalog/system_relations.cpp): the rows are
  // left out.
  bool columns_only = false;
  // Set by the caller that has a session: the search_path that expression texts (information_schema's
  // column_default, check_clause) print their type names for. Null: the default search_path.
  const SearchPath* search_path = nullptr;
};

// Fills `out` and returns true when schema.name is a system table (`schema` empty: pg_catalog,
// which PostgreSQL searches first).
bool BuildSystemTable(const Catalog& catalog, const std::string& schema, const std::string& name, SystemTable* out);

namespace system_tables {
// pg_type.typlen of `type` (pg_attribute.attlen, RowDescription's type size): -1 (variable length)
// for arrays, records and the types without a fixed length; 4 for enums.
int16_t TypeLength(const LogicalType& type);
}  // namespace system_tables

// pg_settings and pg_cursors, from the session (`session` null: the columns without rows).
class SessionSettings;
bool BuildSessionTable(const SessionSettings* session, const std::string& name, SystemTable* out);

}  // namespace kanto
