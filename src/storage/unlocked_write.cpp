// Transaction::PutUnlocked and DeleteUnlocked (engine.hpp): bulk writes of keys no other
// transaction can write, straight into the transaction's write batch.
//
// rocksdb::Transaction::PutUntracked does not do this in a pessimistic TransactionDB: it still
// locks the key in the lock manager and tracks it (it only skips the snapshot validation), and
// locking and tracking are what a bulk load spends its time on (docs/performance.md, COPY FROM).
// The write batch is what COMMIT writes and what savepoints and ROLLBACK undo, so these writes are
// as durable and as undoable as the others, and the transaction reads them back (indexed, or
// indexed before a read needs them: storage/unindexed_writes.cpp).
#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "storage/engine.hpp"
#include "storage/status.hpp"

namespace kanto::storage {

namespace {
rocksdb::Slice Slice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
}  // namespace

void Transaction::PutUnlocked(std::string_view key, std::string_view value) {
  written_.Add(key);
  rocksdb::WriteBatchWithIndex* batch = txn_->GetWriteBatch();
  // Ascending keys skip the batch's index (storage/unindexed_writes.cpp).
  ThrowIfError(TakeUnindexed(key) ? batch->GetWriteBatch()->Put(cf_, Slice(key), Slice(value))
                                  : batch->Put(cf_, Slice(key), Slice(value)));
  RecordWrite(key);
}

void Transaction::DeleteUnlocked(std::string_view key) {
  written_.Add(key);
  ThrowIfError(txn_->GetWriteBatch()->Delete(cf_, Slice(key)));
  RecordWrite(key);
}

}  // namespace kanto::storage
