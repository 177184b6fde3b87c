#include "access/row_lock.hpp"

#include "storage/engine.hpp"

namespace kanto::access {

RowLockResult LockRow(storage::Transaction& txn, std::string_view row_key, bool exclusive, bool try_only) {
  using R = storage::Transaction::LockResult;
  switch (txn.LockRow(row_key, exclusive, try_only)) {
    case R::kUnchanged: return RowLockResult::kUnchanged;
    case R::kChanged: return RowLockResult::kChanged;
    case R::kDeleted: return RowLockResult::kDeleted;
    case R::kNotAvailable: return RowLockResult::kNotAvailable;
  }
  return RowLockResult::kChanged;
}

}  // namespace kanto::access
