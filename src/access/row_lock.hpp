// Row locks a statement takes without writing the row: SELECT ... FOR UPDATE / SHARE.
#pragma once

#include <cstdint>
#include <string_view>

namespace kanto {
namespace storage {
class Transaction;
}  // namespace storage

namespace access {

// Locks the row key, exclusive or shared, and compares its newest committed version with the one
// the statement's snapshot sees: kUnchanged, kChanged (REPEATABLE READ: 40001 instead), kDeleted.
// `try_only` (NOWAIT, SKIP LOCKED) never waits: kNotAvailable when another transaction holds a
// conflicting lock.
enum class RowLockResult : uint8_t { kUnchanged, kChanged, kDeleted, kNotAvailable };
RowLockResult LockRow(storage::Transaction& txn, std::string_view row_key, bool exclusive, bool try_only);

}  // namespace access
}  // namespace kanto
