#include "access/table_rewrite.hpp"

#include "access/constraint_check.hpp"
#include "access/index_maintenance.hpp"
#include "access/row_key.hpp"
#include "access/table_reader.hpp"
#include "access/table_writer.hpp"
#include "execution/execution_context.hpp"
#include "kanto/error.hpp"
#include "storage/engine.hpp"

namespace kanto::access {

void RewriteTable(ExecutionContext& ctx, const TableEntry& before, const TableEntry& after,
                  const std::function<std::vector<Value>(const std::vector<Value>&)>& change_row) {
  std::vector<StoredRow> rows = ReadRows(*ctx.txn, before);
  for (const auto& row : rows) {
    ctx.CheckCancel();
    DeleteRow(ctx, before, row.values, row.key, true);
  }
  // The rows first, under the row keys alone; the secondary indexes are built from them afterwards.
  TableEntry rows_only = after;
  rows_only.indexes.clear();
  rows_only.primary_index = -1;
  if (const IndexEntry* pk = after.primary_key()) {
    rows_only.indexes.push_back(*pk);
    rows_only.primary_index = 0;
  }
  bool same_row_ids = !before.primary_key() && !after.primary_key() && before.rowid_index_id == after.rowid_index_id;
  for (auto& row : rows) {
    ctx.CheckCancel();
    std::vector<Value> values = change_row(row.values);
    std::string key = same_row_ids ? std::move(row.key) : MakeRowKey(*ctx.engine, after, values);
    std::vector<Value>().swap(row.values);
    // The table is held in ACCESS EXCLUSIVE mode and its old rows are deleted: a duplicate can
    // only be a row this loop wrote, which the transaction reads back without a lock.
    std::string existing;
    if (const IndexEntry* pk = after.primary_key(); pk && ctx.txn->Get(key, &existing)) {
      throw Error(sqlstate::kUniqueViolation, "could not create unique index \"" + pk->name + "\"")
          .WithDetail("Key " + KeyText(after, pk->columns, PrimaryKeyValues(after, values), ctx.fn) + " is duplicated.");
    }
    WriteRowUnlocked(ctx, rows_only, std::move(values), key);
  }
  for (const IndexEntry& index : after.indexes) {
    if (!index.primary) BuildIndexEntries(ctx, after, index);
  }
}

}  // namespace kanto::access
