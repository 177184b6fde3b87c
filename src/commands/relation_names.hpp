// Names and definitions shared by the statements that create relations: the creation schema,
// PostgreSQL's generated names (t_pkey, t_a_key, t_a_idx) and the indexes behind constraints.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "commands/command_context.hpp"

namespace kanto::commands {

// The schema a new relation `rv` goes to (search_path's creation schema when unqualified). Throws 3F000.
uint32_t CreationSchema(const CatalogChange& change, const ast::RangeVar& rv);

// base_suffix, or base_suffix1, base_suffix2, ... : the first name no relation of the schema has
// (PostgreSQL's ChooseRelationName).
std::string UniqueName(const Catalog& catalog, uint32_t schema_id, const std::string& base, const char* suffix);
// "_a_b" for columns a, b: the middle of generated index names.
std::string JoinColumnNames(const TableEntry& t, const std::vector<uint32_t>& cols);

// Index keys order values byte-wise; arrays have no such encoding yet (0A000).
void RequireIndexable(const TableEntry& t, const std::vector<uint32_t>& cols);

// The index behind a PRIMARY KEY (named t_pkey unless `name` is given) or UNIQUE constraint
// (t_cols_key), with id `id`.
IndexEntry MakeConstraintIndex(const Catalog& catalog, uint32_t id, const TableEntry& t,
                               const std::vector<uint32_t>& cols, bool primary, const std::string& name = "");

// The command tag of ALTER {TABLE | SEQUENCE | VIEW | INDEX} ... for a statement's object kind (each
// statement has its own enum; they share these names).
template <typename Kind>
const char* AlterCommandTag(Kind kind) {
  if (kind == Kind::kSequence) return "ALTER SEQUENCE";
  if (kind == Kind::kView) return "ALTER VIEW";
  if constexpr (requires { Kind::kIndex; }) {
    if (kind == Kind::kIndex) return "ALTER INDEX";
  }
  return "ALTER TABLE";
}

}  // namespace kanto::commands
