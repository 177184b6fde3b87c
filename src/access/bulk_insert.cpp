#include "access/bulk_insert.hpp"

#include "access/generated_columns.hpp"
#include "access/row_key.hpp"
#include "execution/execution_context.hpp"
#include "kanto/error.hpp"
#include "storage/bulk_load.hpp"
#include "storage/row_codec.hpp"

namespace kanto::access {

namespace {
std::string RowPrefix(const TableEntry& table) { return TablePrefix(table.id, table.row_index_id()); }
}  // namespace

void NoteRowsOwnedByTransaction(storage::Transaction& txn, const TableEntry& table) {
  storage::MarkOwnRange(txn, RowPrefix(table));
}

std::unique_ptr<BulkInsert> BulkInsert::Start(ExecutionContext& ctx, const TableEntry& table) {
  if (table.primary_key() || !table.indexes.empty() || !table.foreign_keys.empty()) return nullptr;
  std::string prefix = RowPrefix(table);
  if (!storage::IsOwnRange(*ctx.txn, prefix)) return nullptr;
  return std::unique_ptr<BulkInsert>(new BulkInsert(ctx, table, storage::BulkLoad::Start(*ctx.txn, prefix, KeySuccessor(prefix))));
}

BulkInsert::BulkInsert(ExecutionContext& ctx, const TableEntry& table, std::unique_ptr<storage::BulkLoad> load)
    : ctx_(ctx), table_(table), load_(std::move(load)) {}

BulkInsert::~BulkInsert() = default;

void BulkInsert::Insert(std::vector<Value>& row, const std::vector<BoundCheck>& checks) {
  ComputeGeneratedColumns(ctx_, table_, &row);
  CheckNotNull(table_, row, ctx_.fn);
  CheckConstraints(ctx_, table_, checks, row);
  value_.clear();
  storage::EncodeRow(table_.schema_version, row, &value_);
  load_->Add(MakeRowKey(*ctx_.engine, table_, row), value_);
}

void BulkInsert::Finish() {
  // Hidden row ids are unique: no two rows share a key.
  load_->Finish([](std::string_view, std::string_view, std::string_view) {
    throw Error(sqlstate::kInternalError, "two new rows with one row id");
  });
}

}  // namespace kanto::access
