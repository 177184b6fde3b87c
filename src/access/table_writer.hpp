// Writing a table's rows: each row with its index entries, after its constraint checks; and the
// row lock an UPDATE or DELETE takes before it changes a row.
#pragma once

#include <string>
#include <vector>

#include "access/constraint_check.hpp"
#include "catalog/catalog.hpp"
#include "types/value.hpp"

namespace kanto {
struct ExecutionContext;

namespace storage {
class Transaction;
}  // namespace storage

namespace access {

// Checks NOT NULL constraints (23502), then the CHECK constraints (23514; a NULL result passes),
// and writes the row and its index entries, checking unique constraints (23505). `check_row_key`
// false skips the duplicate check of the row key (unchanged key). `check_row_key` true for a table
// without a primary key means a new row under a hidden row id just allocated: it and its index
// entries that end in it are written without row locks (storage::Transaction::PutUnlocked).
void WriteRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
              const std::string& row_key, bool check_row_key, const std::vector<BoundCheck>& checks = {});
// The same for a row the caller is done with: its long strings outside every index are released
// once encoded, so that a large value is not held a third time while RocksDB copies the row.
void WriteRow(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>&& row, const std::string& row_key,
              bool check_row_key, const std::vector<BoundCheck>& checks = {});
// WriteRow (with `check_row_key` false, no CHECK constraints) for a table whose keys no other
// transaction can write or lock until this one ends: one held in ACCESS EXCLUSIVE mode whose rows
// are rewritten (RewriteTable), the old keys deleted first. The row and the index entries that end
// in its key go without row locks (storage::Transaction::PutUnlocked).
void WriteRowUnlocked(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>&& row,
                      const std::string& row_key);
// INSERT ... ON CONFLICT: whether one of the unique indexes `arbiters` (ids, the primary key's
// included; empty: every unique index) already holds the key of `row` (to be stored under `row_key`), committed or written
// by this transaction; a partial index only for a row that satisfies its predicate. The key is
// locked, and a key another transaction is writing is waited for. *conflicting (when given): the
// storage key of the row that holds it.
bool InsertConflicts(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
                     const std::string& row_key, const std::vector<uint32_t>& arbiters,
                     std::string* conflicting = nullptr);
// Removes a row's index entries, and the row itself when `delete_row`.
void DeleteRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
               const std::string& row_key, bool delete_row);

// `v` in the stored field encoding: what rows written before an ADD COLUMN ... DEFAULT read for
// the new column (ColumnEntry::missing).
std::string EncodeMissingValue(const Value& v);

// A row as stored (its encoding under the row key), decoded.
std::vector<Value> DecodeStoredRow(const TableEntry& table, const std::string& stored);

// Locks the row stored under `key` for writing and reads its newest committed version
// (REPEATABLE READ: a change after the transaction's snapshot gives 40001). kDeleted: it is gone;
// kSame: its values are `read` (possibly in an older row format); kChanged: *newest holds them.
// `key_lock` (DELETE): FOR UPDATE strength, the key lock taken first; else FOR NO KEY UPDATE.
enum class LockedRow : uint8_t { kDeleted, kSame, kChanged };
LockedRow LockRowForWrite(storage::Transaction& txn, const TableEntry& table, const std::string& key,
                          const std::vector<Value>& read, std::vector<Value>* newest, bool key_lock = false);
// INSERT ... ON CONFLICT DO UPDATE: locks the row stored under `key` and reads its newest committed
// version (or this transaction's own) into *row (REPEATABLE READ: a change after the transaction's
// snapshot gives 40001); false when there is no such row.
bool LockNewestRow(storage::Transaction& txn, const TableEntry& table, const std::string& key,
                   std::vector<Value>* row);

}  // namespace access
}  // namespace kanto
