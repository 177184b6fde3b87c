#include "access/row_lock.hpp"

#include "access/table_writer.hpp"
#include "catalog/catalog.hpp"
#include "kanto/error.hpp"
#include "storage/engine.hpp"
#include "storage/row_codec.hpp"

namespace kanto::access {

RowLockResult LockRow(storage::Transaction& txn, const TableEntry& table, std::string_view row_key,
                      RowLockStrength strength, bool try_only) {
  using R = storage::Transaction::LockResult;
  std::string seen, newest;
  switch (txn.LockRow(row_key, strength, try_only, &seen, &newest)) {
    case R::kUnchanged: return RowLockResult::kUnchanged;
    case R::kChanged:
      if (strength == RowLockStrength::kKeyShare && txn.isolation() != storage::IsolationLevel::kReadCommitted &&
          !seen.empty()) {
        if (ChangesKey(table, DecodeStoredRow(table, seen), DecodeStoredRow(table, newest))) {
          throw Error(sqlstate::kSerializationFailure, "could not serialize access due to concurrent update");
        }
        return RowLockResult::kUnchanged;
      }
      return RowLockResult::kChanged;
    case R::kDeleted: return RowLockResult::kDeleted;
    case R::kNotAvailable: return RowLockResult::kNotAvailable;
  }
  return RowLockResult::kChanged;
}

bool WrittenByEarlierPart(const storage::Transaction& txn, std::string_view row_key) {
  return txn.WrittenByEarlierPart(row_key);
}

bool LockRowKey(storage::Transaction& txn, std::string_view row_key, bool try_only) {
  return txn.LockRowKey(row_key, try_only);
}

void UndoRowLock(storage::Transaction& txn, std::string_view row_key) { txn.UndoRowLock(row_key); }

bool LockRowKeyOrYield(storage::Transaction& txn, std::string_view row_key) {
  if (txn.LockRowKey(row_key, /*try_only=*/true)) return true;
  txn.UndoRowLock(row_key);
  txn.LockRowKey(row_key, /*try_only=*/false);
  return false;
}

namespace {
bool IsKeyIndex(const IndexEntry& index) { return index.unique && !index.computed(); }

// PostgreSQL compares the stored bytes: the same value written again is no change.
bool SameStored(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null();
  if (a.type().physical() == PhysicalType::kInt64 && b.type().physical() == PhysicalType::kInt64) {
    return a.int_value() == b.int_value();  // the common key: no encoding
  }
  return storage::EncodeField(a) == storage::EncodeField(b);
}
}  // namespace

bool IsKeyColumn(const TableEntry& table, uint32_t column) {
  for (const IndexEntry& index : table.indexes) {
    if (!IsKeyIndex(index)) continue;
    for (uint32_t c : index.columns) {
      if (c == column) return true;
    }
  }
  return false;
}

bool ChangesKey(const TableEntry& table, const std::vector<Value>& before, const std::vector<Value>& after) {
  for (const IndexEntry& index : table.indexes) {
    if (!IsKeyIndex(index)) continue;
    for (uint32_t c : index.columns) {
      if (c < before.size() && c < after.size() && !SameStored(before[c], after[c])) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace kanto::access
