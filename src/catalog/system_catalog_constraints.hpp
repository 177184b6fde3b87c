// What PostgreSQL 15 declares of its system catalogs' integrity: their indexes (pg_class_oid_index,
// pg_class_relname_nsp_index, ...) with the OIDs initdb gives them and their primary key / unique
// constraints, which pg_index, pg_class, pg_constraint and pg_indexes list for the catalogs Kanto
// provides, and their NOT NULL columns (pg_attribute.attnotnull); psql's \d pg_class shows both.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kanto {

struct SystemCatalogIndex {
  uint32_t oid;
  const char* name;
  uint32_t table_oid;          // the catalog it indexes
  const char* columns;         // the key columns, ascending: "relname, relnamespace"
  char constraint;             // 'p' (primary key), 'u' (unique) or ' ' (a plain index, not unique)
  uint32_t constraint_oid;     // pg_constraint.oid of the constraint; 0 for a plain index
};

// All of PostgreSQL 15's, by catalog OID then index OID (whether or not Kanto provides the catalog).
std::span<const SystemCatalogIndex> SystemCatalogIndexes();
// The index with that OID (`constraint`: the one whose constraint has that OID); null when none.
const SystemCatalogIndex* FindSystemCatalogIndex(uint32_t oid, bool constraint = false);

// The key columns' attnums in Kanto's columns of the catalog (catalog/system_relations.hpp); empty
// when Kanto does not provide the catalog or lacks one of the key columns (the index is then left
// out everywhere).
std::vector<int16_t> SystemCatalogIndexKey(const SystemCatalogIndex& index);
// The provided indexes (those with a key), in the order of SystemCatalogIndexes().
std::vector<const SystemCatalogIndex*> ProvidedSystemCatalogIndexes();

// The provided index called `name` (regclass's input: 'pg_class_oid_index'::regclass); null when none.
const SystemCatalogIndex* FindProvidedSystemCatalogIndex(std::string_view name);

// pg_get_indexdef: "CREATE UNIQUE INDEX pg_class_oid_index ON pg_catalog.pg_class USING btree (oid)".
std::string SystemCatalogIndexDefinition(const SystemCatalogIndex& index);
// pg_get_constraintdef of its constraint: "PRIMARY KEY (oid)", "UNIQUE (relname, relnamespace)".
std::string SystemCatalogConstraintDefinition(const SystemCatalogIndex& index);
// Its `n`-th key column's name (from 1); "" past the last.
std::string SystemCatalogIndexColumn(const SystemCatalogIndex& index, int64_t n);

// pg_attribute.attnotnull of a catalog's column: `fixed_prefix` (it and every column before it have a
// fixed length, genbki's rule) unless PostgreSQL forces it otherwise (BKI_FORCE_NOT_NULL: pg_attrdef.adbin,
// pg_index.indkey, ...).
bool SystemCatalogColumnNotNull(uint32_t table_oid, std::string_view column, bool fixed_prefix);

}  // namespace kanto
