// search_path: the schemas that unqualified names are looked up in, and the schema unqualified
// CREATE puts objects in, computed as PostgreSQL does (namespace.c's recomputeNamespacePath):
// the session's temporary schema first and pg_catalog next unless the setting lists them,
// "$user" standing for the current role's name, schemas that do not exist skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

namespace kanto {

// The setting split into its schema names (unquoted; "$user" and "pg_temp" kept as written).
// Throws 22023 "List syntax is invalid." for malformed text.
std::vector<std::string> ParseSearchPath(std::string_view setting);
// SET search_path = a, 'B c': the elements as PostgreSQL stores them (each quoted when it must be).
std::string FormatSearchPath(const std::vector<std::string>& elements);

struct SearchPath {
  std::vector<std::string> entries = {"$user", "public"};  // the parsed setting
  std::string user = "kanto";                                // the role "$user" stands for
  uint32_t temp_schema_id = 0;                               // the session's pg_temp_N, 0 while none
};

struct ActivePath {
  std::vector<uint32_t> schemas;  // searched in this order, implicit ones included
  // Where unqualified CREATE goes: the first listed schema that exists; 0 when none (3F000).
  uint32_t creation_schema = 0;
  // The explicitly listed schemas start at schemas[first_explicit] (current_schemas(false)).
  size_t first_explicit = 0;
};

ActivePath ResolveSearchPath(const Catalog& catalog, const SearchPath& path);

// The schema a qualified name names: "pg_temp" is the session's temporary schema. Null when none.
const SchemaEntry* FindNamedSchema(const Catalog& catalog, const SearchPath& path, std::string_view name);

// A temporary schema (pg_temp_N) of some session.
bool IsTempSchemaName(std::string_view name);

// A relation (table, view, sequence or index: one namespace per schema) found by name.
struct RelationRef {
  uint32_t schema_id = 0;
  const TableEntry* table = nullptr;  // the table or view; for an index, its table
  const IndexEntry* index = nullptr;
  const SequenceEntry* sequence = nullptr;
  bool found() const { return table || sequence; }
};

// The relation `name` of one schema (pg_catalog's system tables are not catalog entries).
RelationRef FindRelationInSchema(const Catalog& catalog, uint32_t schema_id, std::string_view name);
// `schema`.`name`, or with `schema` empty the first relation called `name` along the path. Throws
// 3F000 when `schema` does not exist; not found: found() is false.
RelationRef LookupRelation(const Catalog& catalog, const SearchPath& path, std::string_view schema,
                           std::string_view name, int location = -1);
// The table or view LookupRelation finds; throws 42P01 when there is none, 42809 for another kind.
const TableEntry* LookupTable(const Catalog& catalog, const SearchPath& path, std::string_view schema,
                              std::string_view name, int location = -1);
// True when the unqualified name finds this relation (pg_table_is_visible): its schema is on the
// path and no schema before it has a relation of that name.
bool RelationIsVisible(const Catalog& catalog, const SearchPath& path, uint32_t schema_id, std::string_view name);
// The schema that CREATE [schema.]name puts the object in: the named one, else the path's creation
// schema. Throws 3F000 (no such schema / none selected) and 42501 for pg_catalog.
uint32_t CreationSchemaId(const Catalog& catalog, const SearchPath& path, std::string_view schema,
                          std::string_view name, int location);

}  // namespace kanto
