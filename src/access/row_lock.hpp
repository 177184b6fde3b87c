// Row locks: SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE, foreign key checks, and
// which strength a write takes (PostgreSQL's rule: FOR UPDATE when it changes a key column).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "common/row_lock_strength.hpp"
#include "types/value.hpp"

namespace kanto {
struct TableEntry;
namespace storage {
class Transaction;
}  // namespace storage

namespace access {


// Locks the row of `table` stored under `row_key` in `strength`, and compares its newest committed
// version with the one the statement's snapshot sees: kUnchanged, kChanged (REPEATABLE READ:
// 40001 instead), kDeleted. FOR KEY SHARE at REPEATABLE READ, as PostgreSQL: a committed change
// that kept the key columns is kUnchanged, one that changed them 40001. `try_only` (NOWAIT, SKIP
// LOCKED) never waits: kNotAvailable when another transaction holds a conflicting lock.
enum class RowLockResult : uint8_t { kUnchanged, kChanged, kDeleted, kNotAvailable };
RowLockResult LockRow(storage::Transaction& txn, const TableEntry& table, std::string_view row_key,
                      RowLockStrength strength, bool try_only);

// A write's FOR UPDATE strength on top of the FOR NO KEY UPDATE that LockRowForWrite takes: the
// row's key lock (`try_only`: false, without waiting, when another transaction holds it).
// UndoRowLock gives back the row lock the statement's LockRowForWrite took, unless the transaction
// held it before or wrote the row (to wait for the key lock without holding it).
bool LockRowKey(storage::Transaction& txn, std::string_view row_key, bool try_only);
void UndoRowLock(storage::Transaction& txn, std::string_view row_key);
// The key lock for a write that holds the row lock already (LockRowForWrite): at once when it is
// free (true). Otherwise the row lock is given back, the key lock waited for, and false: the
// caller locks the row again and evaluates it anew. Holding the row lock while waiting could
// deadlock with the key lock's holder (FOR KEY SHARE: a foreign key check) going on to update the
// row's other columns, which PostgreSQL lets through.
bool LockRowKeyOrYield(storage::Transaction& txn, std::string_view row_key);

// A data-modifying WITH statement (storage::Transaction::FreezeReads): whether an earlier part of
// it wrote the row stored under `row_key` (PostgreSQL's self-modified row: a later UPDATE or
// DELETE skips it, ON CONFLICT DO UPDATE and MERGE fail with 21000).
bool WrittenByEarlierPart(const storage::Transaction& txn, std::string_view row_key);

// The key columns (PostgreSQL's: the columns of a unique index without expressions or predicate,
// the primary key's included): whether `column` is one, and whether `after` changes one of `before`.
bool IsKeyColumn(const TableEntry& table, uint32_t column);
bool ChangesKey(const TableEntry& table, const std::vector<Value>& before, const std::vector<Value>& after);

}  // namespace access
}  // namespace kanto
