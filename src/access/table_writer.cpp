#include "access/table_writer.hpp"

#include <algorithm>

#include "access/index_keys.hpp"
#include "access/index_maintenance.hpp"
#include "access/row_key.hpp"
#include "kanto/error.hpp"
#include "execution/execution_context.hpp"
#include "storage/engine.hpp"
#include "storage/row_codec.hpp"

namespace kanto::access {

namespace {
void ReleaseUnindexedStrings(const TableEntry& table, std::vector<Value>* row) {
  for (uint32_t c = 0; c < row->size(); c++) {
    Value& v = (*row)[c];
    if (v.is_null() || v.type().physical() != PhysicalType::kString || v.str_value().size() < Value::kSharedStringBytes) {
      continue;
    }
    bool indexed = false;
    for (const auto& index : table.indexes) {
      for (uint32_t col : index.columns) indexed = indexed || col == c;
      for (uint32_t col : index.expression_columns) indexed = indexed || col == c;
    }
    if (!indexed) v = Value::Null(v.type());
  }
}

// WriteRow; `release` (the row itself, or null) is done with once encoded. `unlocked`: the
// table's keys are the transaction's alone (WriteRowUnlocked).
void WriteRowReleasing(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
                       const std::string& row_key, bool check_row_key, const std::vector<BoundCheck>& checks,
                       std::vector<Value>* release, bool unlocked = false) {
  CheckNotNull(table, row, ctx.fn);
  CheckConstraints(ctx, table, checks, row);
  std::string existing;
  if (check_row_key && table.primary_key() && ctx.txn->GetForUpdate(row_key, &existing)) {
    ThrowUniqueViolation(table, *table.primary_key(), PrimaryKeyValues(table, row), ctx.fn);
  }
  std::string value;
  storage::EncodeRow(table.schema_version, row, &value);
  if (release) ReleaseUnindexedStrings(table, release);
  // A new row of a table without a primary key has a hidden row id just allocated: no other
  // transaction can write it, so it needs no row lock (the lock manager's cost in bulk loads).
  bool fresh_row_key = unlocked || (check_row_key && !table.primary_key());
  if (fresh_row_key) {
    ctx.txn->PutUnlocked(row_key, value);
  } else {
    ctx.txn->Put(row_key, value);
  }
  std::string().swap(value);
  InsertIndexEntries(ctx, table, row, row_key, fresh_row_key);
}
}  // namespace

void WriteRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
              const std::string& row_key, bool check_row_key, const std::vector<BoundCheck>& checks) {
  WriteRowReleasing(ctx, table, row, row_key, check_row_key, checks, nullptr);
}

void WriteRow(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>&& row, const std::string& row_key,
              bool check_row_key, const std::vector<BoundCheck>& checks) {
  WriteRowReleasing(ctx, table, row, row_key, check_row_key, checks, &row);
}

void WriteRowUnlocked(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>&& row,
                      const std::string& row_key) {
  WriteRowReleasing(ctx, table, row, row_key, false, {}, &row, true);
}

bool InsertConflicts(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
                     const std::string& row_key, const std::vector<uint32_t>& arbiters, std::string* conflicting) {
  std::string existing;
  std::vector<Value> values;
  std::vector<const IndexEntry*> indexes;
  for (const IndexEntry& index : table.indexes) {
    if (index.unique && (arbiters.empty() || std::find(arbiters.begin(), arbiters.end(), index.id) != arbiters.end())) {
      indexes.push_back(&index);
    }
  }
  for (const IndexEntry* index : indexes) {
    if (index->primary) {
      if (!ctx.txn->GetForUpdate(row_key, &existing)) continue;
      if (conflicting) *conflicting = row_key;
      return true;
    }
    // A row outside a partial index's predicate has no entry in it, so cannot conflict through it.
    if (!IndexKeyValues(ctx, table, *index, row, &values) || !IndexKeyMayConflict(*index, values)) continue;
    if (!ctx.txn->GetForUpdate(MakeIndexKey(table, *index, values, row_key), &existing)) continue;
    if (conflicting) *conflicting = existing;
    return true;
  }
  return false;
}

void DeleteRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
               const std::string& row_key, bool delete_row) {
  DeleteIndexEntries(ctx, table, row, row_key);
  if (delete_row) ctx.txn->Delete(row_key);
}

std::string EncodeMissingValue(const Value& v) { return storage::EncodeField(v); }

std::vector<Value> DecodeStoredRow(const TableEntry& table, const std::string& stored) {
  std::vector<LogicalType> types = table.column_types();
  DataChunk decoded(types);
  std::vector<std::string> missing = table.missing_values();  // columns added after the row was written
  storage::DecodeRow(stored, types, &decoded, &missing);
  return decoded.GetRow(0);
}

LockedRow LockRowForWrite(storage::Transaction& txn, const TableEntry& table, const std::string& key,
                          const std::vector<Value>& read, std::vector<Value>* newest, bool key_lock) {
  if (key_lock) txn.LockRowKey(key, false);
  std::string stored;
  if (!txn.GetForUpdate(key, &stored)) return LockedRow::kDeleted;  // deleted meanwhile
  std::string encoded;
  storage::EncodeRow(table.schema_version, read, &encoded);
  if (encoded == stored) return LockedRow::kSame;
  *newest = DecodeStoredRow(table, stored);
  std::string reencoded;
  storage::EncodeRow(table.schema_version, *newest, &reencoded);
  if (reencoded == encoded) return LockedRow::kSame;  // same values, stored in an older row format
  return LockedRow::kChanged;
}

bool LockNewestRow(storage::Transaction& txn, const TableEntry& table, const std::string& key,
                   std::vector<Value>* row) {
  std::string stored;
  if (!txn.GetForUpdate(key, &stored)) return false;
  *row = DecodeStoredRow(table, stored);
  return true;
}

}  // namespace kanto::access
