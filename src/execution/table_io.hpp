// How table rows and index entries map to storage keys (layout in docs/storage-format.md):
//   row:            [table id][row index id][primary key columns]   or [...][hidden row id]
//   index entry:    [table id][index id][index columns]([row key suffix] unless unique and no NULLs)
//                   value: the row's full storage key.
// Used by the scan and the INSERT/UPDATE/DELETE operators.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "execution/execution_context.hpp"
#include "planner/bound_expr.hpp"
#include "types/vector.hpp"

namespace kanto {

std::string TablePrefix(uint32_t table_id, uint32_t index_id);

// The storage key of a row (allocating a hidden row id for tables without a primary key).
std::string MakeRowKey(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row);
// The key of a secondary index entry for `row` stored under `row_key`.
std::string MakeIndexKey(const TableEntry& table, const IndexEntry& index, const std::vector<Value>& row,
                         const std::string& row_key);

// A table's CHECK constraint bound by the statement writing the table: `expr` is over the row's
// columns (column i of a one-row chunk of the table's types).
struct BoundCheck {
  std::string name;
  BoundExprPtr expr;
};

// Checks NOT NULL constraints (23502), then the CHECK constraints (23514; a NULL result passes),
// and writes the row and its index entries, checking unique constraints (23505). `check_row_key`
// skips the duplicate check of the row key (unchanged key).
void WriteRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
              const std::string& row_key, bool check_row_key, const std::vector<BoundCheck>& checks = {});
// The same for a row the caller is done with: its long strings outside every index are released
// once encoded, so that a large value is not held a third time while RocksDB copies the row.
void WriteRow(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>&& row, const std::string& row_key,
              bool check_row_key, const std::vector<BoundCheck>& checks = {});
// Whether `check` passes for `row` (true or NULL).
bool CheckPasses(ExecutionContext& ctx, const TableEntry& table, const BoundExpr& check, const std::vector<Value>& row);
// Removes a row's index entries, and the row itself when `delete_row`.
void DeleteRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
               const std::string& row_key, bool delete_row);

// "(1, abc)" as in PostgreSQL's "Failing row contains (...)".
std::string RowToString(const std::vector<Value>& row, const FunctionContext& ctx);

}  // namespace kanto
