#include "access/table_rewrite.hpp"

#include "access/constraint_check.hpp"
#include "access/index_maintenance.hpp"
#include "access/row_key.hpp"
#include "access/table_reader.hpp"
#include "access/table_writer.hpp"
#include "execution/execution_context.hpp"
#include "kanto/error.hpp"
#include "storage/bulk_load.hpp"
#include "storage/engine.hpp"
#include "storage/row_codec.hpp"

namespace kanto::access {

bool RewriteTableBulk(ExecutionContext& ctx, const TableEntry& before, const TableEntry& after,
                      const std::function<std::vector<Value>(const std::vector<Value>&)>& change_row,
                      const std::function<void(uint32_t column)>& on_null_key) {
  const IndexEntry* pk = after.primary_key();
  if (!pk || before.primary_key()) return false;
  std::string lower = TablePrefix(after.id, pk->id);
  auto bulk = storage::BulkLoad::Start(*ctx.txn, lower, KeySuccessor(lower));
  std::string value;
  int64_t null_column = -1;  // the first primary key column found NULL
  uint64_t rows = 0;
  ForEachRow(*ctx.txn, before, [&](const std::string&, std::vector<Value>& row) {
    if (++rows % 1024 == 0) ctx.CheckCancel();
    std::vector<Value> values = change_row(row);
    for (uint32_t c : pk->columns) {
      if (values[c].is_null()) {
        if (null_column < 0) null_column = c;
        return;  // (NULLs are never equal: such a row is no duplicate)
      }
    }
    CheckNotNull(after, values, ctx.fn);
    value.clear();
    storage::EncodeRow(after.schema_version, values, &value);
    bulk->Add(MakeRowKey(*ctx.engine, after, values), value);
  });
  // A duplicate first, then a NULL, as PostgreSQL's index build comes before its NOT NULL check.
  bulk->Sort([&](std::string_view, std::string_view first, std::string_view) {
    std::vector<Value> row = DecodeStoredRow(after, std::string(first));
    throw Error(sqlstate::kUniqueViolation, "could not create unique index \"" + pk->name + "\"")
        .WithDetail("Key " + KeyText(after, pk->columns, PrimaryKeyValues(after, row), ctx.fn) + " is duplicated.");
  });
  if (null_column >= 0) on_null_key(static_cast<uint32_t>(null_column));
  bulk->Ingest();
  // The old rows go whole once the transaction commits; the secondary indexes' entries name the
  // old row keys, so they are written again (through the transaction: their ranges are in use).
  std::string old_rows = TablePrefix(before.id, before.row_index_id());
  storage::DropRangeAtCommit(*ctx.txn, old_rows, KeySuccessor(old_rows));
  for (const IndexEntry& index : before.indexes) {
    if (!index.primary) DeleteIndexData(*ctx.txn, before.id, index.id);
  }
  for (const IndexEntry& index : after.indexes) {
    if (!index.primary) BuildIndexEntries(ctx, after, index);
  }
  return true;
}

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
