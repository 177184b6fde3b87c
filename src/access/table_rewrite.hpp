// Rewriting a table under a changed definition (ALTER TABLE ADD PRIMARY KEY, DROP COLUMN, ALTER
// COLUMN TYPE): every row read under the old definition, turned into its new version and stored
// again under the new one, with all index entries rebuilt, in the statement's transaction.
#pragma once

#include <functional>
#include <vector>

#include "catalog/catalog.hpp"
#include "types/value.hpp"

namespace kanto {
struct ExecutionContext;

namespace access {

// Replaces each row of `before` by change_row(row) stored under `after` (the same table id). Every
// old row and index entry goes first, so that the unique indexes judge the new rows only: a
// duplicate fails as PostgreSQL's index rebuild does (23505 "could not create unique index ...",
// DETAIL "Key (a)=(1) is duplicated."). NOT NULL is checked by WriteRow's rules (23502); CHECK
// constraints and foreign keys are the caller's. Tables without a primary key before and after
// keep their row ids. REQUIRES: the transaction holds the table in ACCESS EXCLUSIVE mode (ALTER
// TABLE): the new rows and index entries are written without row locks.
void RewriteTable(ExecutionContext& ctx, const TableEntry& before, const TableEntry& after,
                  const std::function<std::vector<Value>(const std::vector<Value>&)>& change_row);

// ADD PRIMARY KEY to a table without one, by sorted bulk load (storage/bulk_load.hpp): the rows,
// change_row(row) each, are sorted by their new keys and ingested into the primary key's new key
// range, which the commit of the catalog change (the caller's, in the same transaction) makes the
// table's; the old row range is dropped whole at commit. Equal keys fail as RewriteTable's do,
// before NULLs in the key: then on_null_key(column), which throws (23502). False, with nothing
// done, where this does not apply (RewriteTable then): `after` has no primary key or `before` has
// one. Same REQUIRES as RewriteTable.
bool RewriteTableBulk(ExecutionContext& ctx, const TableEntry& before, const TableEntry& after,
                      const std::function<std::vector<Value>(const std::vector<Value>&)>& change_row,
                      const std::function<void(uint32_t column)>& on_null_key);

}  // namespace access
}  // namespace kanto
