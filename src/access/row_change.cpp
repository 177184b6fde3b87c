#include "access/row_change.hpp"

#include "access/foreign_key.hpp"
#include "access/generated_columns.hpp"
#include "access/row_key.hpp"
#include "access/row_lock.hpp"
#include "access/table_writer.hpp"
#include "execution/execution_context.hpp"

namespace kanto::access {

void StoreInsertedRow(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>& row, const std::string& key,
                      bool keep, const std::vector<BoundCheck>& checks, ReferentialQueue* refs) {
  if (keep || refs) {
    WriteRow(ctx, table, row, key, true, checks);
    if (refs) refs->RowInserted(table, key, row);
  } else {
    WriteRow(ctx, table, std::move(row), key, true, checks);
  }
}

std::string InsertTableRow(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>& row, bool keep,
                           const std::vector<BoundCheck>& checks, ReferentialQueue* refs) {
  ComputeGeneratedColumns(ctx, table, &row);
  std::string key = MakeRowKey(*ctx.engine, table, row);
  StoreInsertedRow(ctx, table, row, key, keep, checks, refs);
  return key;
}

std::string UpdateTableRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& old_row,
                           const std::string& old_key, std::vector<Value>& row, bool keep,
                           const std::vector<BoundCheck>& checks, ReferentialQueue* refs) {
  ComputeGeneratedColumns(ctx, table, &row);
  // A new version that changes a key column takes FOR UPDATE strength (UPDATE, MERGE and the
  // cascades took it already, without holding the row lock while waiting: LockRowKeyOrYield).
  if (ChangesKey(table, old_row, row)) LockRowKey(*ctx.txn, old_key, /*try_only=*/false);
  std::string new_key = table.primary_key() ? MakeRowKey(*ctx.engine, table, row) : old_key;
  bool key_changed = new_key != old_key;
  DeleteRow(ctx, table, old_row, old_key, key_changed);
  if (keep || refs) {
    WriteRow(ctx, table, row, new_key, key_changed, checks);
    if (refs) refs->RowUpdated(table, old_row, new_key, row);
  } else {
    WriteRow(ctx, table, std::move(row), new_key, key_changed, checks);
  }
  return new_key;
}

void DeleteTableRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
                    const std::string& key, ReferentialQueue* refs) {
  LockRowKey(*ctx.txn, key, /*try_only=*/false);  // FOR UPDATE strength (DELETE took it first)
  DeleteRow(ctx, table, row, key, true);
  if (refs) refs->RowDeleted(table, row);
}

}  // namespace kanto::access
