#include "access/index_maintenance.hpp"

#include "access/constraint_check.hpp"
#include "access/index_keys.hpp"
#include "access/row_key.hpp"
#include "access/table_reader.hpp"
#include "execution/execution_context.hpp"
#include "kanto/error.hpp"
#include "storage/bulk_load.hpp"
#include "storage/engine.hpp"

namespace kanto::access {

void InsertIndexEntries(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
                        const std::string& row_key, bool fresh_row_key) {
  std::string existing;
  std::vector<Value> values;
  for (const auto& index : table.indexes) {
    if (index.primary || !IndexKeyValues(ctx, table, index, row, &values)) continue;
    std::string key = MakeIndexKey(table, index, values, row_key);
    if (!IndexKeyMayConflict(index, values)) {  // the key ends in the row key
      if (fresh_row_key) {
        ctx.txn->PutUnlocked(key, row_key);
      } else {
        ctx.txn->Put(key, row_key);
      }
      continue;
    }
    if (ctx.txn->GetForUpdate(key, &existing) && existing != row_key) ThrowUniqueViolation(table, index, values, ctx.fn);
    ctx.txn->Put(key, row_key);
  }
}

void DeleteIndexEntries(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
                        const std::string& row_key) {
  std::vector<Value> values;
  for (const auto& index : table.indexes) {
    if (index.primary || !IndexKeyValues(ctx, table, index, row, &values)) continue;
    ctx.txn->Delete(MakeIndexKey(table, index, values, row_key));
  }
}

namespace {
void DeletePrefix(storage::Transaction& txn, const std::string& prefix) {
  std::vector<std::string> keys;
  auto it = txn.Scan(prefix, KeySuccessor(prefix));
  for (; it->Valid(); it->Next()) keys.emplace_back(it->key());
  it.reset();
  for (const auto& k : keys) txn.Delete(k);
}
}  // namespace

void BuildIndexEntries(ExecutionContext& ctx, const TableEntry& table, const IndexEntry& index) {
  constexpr uint64_t kCancelCheckRows = 1024;
  // The index is new (no committed catalog names its key range) and the table is locked against
  // writers: the entries are sorted and ingested (or, few, written without row locks).
  std::string lower = TablePrefix(table.id, index.id);
  auto bulk = storage::BulkLoad::Start(*ctx.txn, lower, KeySuccessor(lower));
  std::vector<Value> values;
  uint64_t rows = 0;
  ForEachRow(*ctx.txn, table, [&](const std::string& row_key, std::vector<Value>& row) {
    if (++rows % kCancelCheckRows == 0) ctx.CheckCancel();
    if (IndexKeyValues(ctx, table, index, row, &values)) bulk->Add(MakeIndexKey(table, index, values, row_key), row_key);
  });
  // Only entries that may conflict (IndexKeyMayConflict) can have equal keys.
  bulk->Finish([&](std::string_view, std::string_view first_row_key, std::string_view) {
    std::vector<Value> row;
    if (!ReadRow(*ctx.txn, table, std::string(first_row_key), &row) || !IndexKeyValues(ctx, table, index, row, &values)) {
      throw Error(sqlstate::kInternalError, "row of a duplicate index key not found");
    }
    throw Error(sqlstate::kUniqueViolation, "could not create unique index \"" + index.name + "\"")
        .WithDetail("Key " + IndexKeyText(table, index, values, ctx.fn) + " is duplicated.");
  });
}

void DeleteIndexData(storage::Transaction& txn, uint32_t table_id, uint32_t index_id) {
  DeletePrefix(txn, TablePrefix(table_id, index_id));
}

void DeleteTableData(storage::Transaction& txn, uint32_t table_id) { DeletePrefix(txn, TableDataPrefix(table_id)); }

void CompactTableData(storage::Engine& engine, uint32_t table_id) {
  engine.CompactRange(TablePrefix(table_id, 0), TablePrefix(table_id + 1, 0));
}

}  // namespace kanto::access
