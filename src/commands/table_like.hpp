// CREATE TABLE t (LIKE source [INCLUDING | EXCLUDING ...], ...): what each LIKE copies, as
// PostgreSQL copies it. Always the column names, types and NOT NULL; with INCLUDING DEFAULTS the
// defaults (a serial column's nextval keeps drawing from the source's sequence), IDENTITY the
// identity columns (with a new sequence of the same options), CONSTRAINTS the CHECK constraints
// (names kept), INDEXES the primary key, UNIQUE constraints and indexes (names chosen for the new
// table), COMMENTS the comments on the columns and on what else is copied. Kanto has no generated
// columns, per-column storage, compression or statistics targets, so GENERATED, STORAGE,
// COMPRESSION and STATISTICS have nothing to copy.
#pragma once

#include <map>
#include <vector>

#include "catalog/catalog.hpp"
#include "commands/command_context.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::commands {

struct LikeSource {
  const ast::TableLikeClause* clause = nullptr;
  const TableEntry* table = nullptr;
  std::vector<uint32_t> positions;  // the new table's position of each source column
  bool includes(uint32_t option) const { return (clause->options & option) != 0; }
};

// The sources of the statement's LIKE clauses: tables or views (42P01 when missing, 42809 for a
// sequence or index).
std::vector<LikeSource> ResolveLikeSources(const CatalogChange& change, const ast::CreateTableStmt& stmt);
// Appends the source's columns to `t` (42701 for a name `t` has already).
void AppendLikeColumns(LikeSource& like, TableEntry* t);
// INCLUDING IDENTITY: the identity columns' sequences, owned by the new table's columns.
void AddLikeIdentities(const LikeSource& like, CatalogChange& change, CommandContext& ctx, TableEntry* t);
// INCLUDING CONSTRAINTS: the CHECK constraints; new_ids maps each source constraint's id to its copy's.
void AddLikeChecks(const LikeSource& like, CatalogChange& change, TableEntry* t, std::map<uint32_t, uint32_t>* new_ids);
// INCLUDING INDEXES: a plain (non-constraint) source index as an index of `t` on the mapped columns,
// named t_columns_idx (a name neither the schema nor `t` has).
IndexEntry LikeIndex(const CatalogChange& change, const TableEntry& t, const IndexEntry& source,
                     const std::vector<uint32_t>& columns, uint32_t id);
// INCLUDING COMMENTS, once `t` is in the change: the columns' comments, and those of the copied
// CHECK constraints and indexes (new_ids, from source ids).
void CopyLikeComments(const LikeSource& like, CatalogChange& change, const TableEntry& t,
                      const std::map<uint32_t, uint32_t>& new_ids);

}  // namespace kanto::commands
