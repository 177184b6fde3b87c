// Puts that skip the index of the transaction's write batch while their keys ascend (engine.hpp,
// Transaction::unindexed_).
//
// RocksDB's transaction indexes its write batch with overwrite: every Put first searches the
// batch's skip list for an earlier write of the key (WriteBatchWithIndex::UpdateExistingEntry),
// then inserts. In a bulk insert that search was the largest single item (18% of the instructions
// per row, docs/performance.md, bench/embedded cause 11), for keys the transaction has never
// written. The write batch itself (what COMMIT writes, what savepoints truncate) does not need the
// index; only the transaction's reads of its own writes do (Get, GetForUpdate, iterators).
//
// So while the keys of this keyspace's puts ascend, each goes into the batch unindexed (RocksDB's
// DisableIndexing, still locked and tracked as before). They all lie in [unindexed_lo_,
// unindexed_hi_]; the index is complete for every key outside that range. A read through the index
// that may meet one of them first rebuilds the index over the whole batch (IndexWrites: one pass,
// what the puts would have cost), and from then on the transaction indexes each write as it
// comes, so a transaction that interleaves writes and reads pays that pass once. ROLLBACK TO
// SAVEPOINT rebuilds the index from what is left of the batch anyway (WriteBatchWithIndex
// re-indexes after truncating), so after it nothing is unindexed.
//
// Why an indexed write of a key inside the range needs nothing: the batch keeps every write in
// order, and a rebuild replays them in that order, so the newest write of a key wins as it does
// when each is indexed at once; and until the rebuild, every read of a key in the range triggers
// it. Keys above the range are checked (the primary key's GetForUpdate before its Put) through an
// index that holds all of their writes.
#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "storage/engine.hpp"
#include "storage/status.hpp"

namespace kanto::storage {

bool Transaction::TakeUnindexed(std::string_view key) {
  // (A frozen statement copies the batch at FreezeReads and reads the copy: its writes are indexed
  // to keep that simple.)
  if (index_each_write_ || frozen_ || (unindexed_ > 0 && key <= unindexed_hi_)) return false;
  if (unindexed_++ == 0) unindexed_lo_.assign(key);
  unindexed_hi_.assign(key);
  return true;
}

void Transaction::IndexBeforeRead(std::string_view key) {
  if (unindexed_ > 0 && key >= unindexed_lo_ && key <= unindexed_hi_) IndexWrites();
}

void Transaction::IndexBeforeScan(std::string_view lower, std::string_view upper) {
  if (unindexed_ > 0 && lower <= unindexed_hi_ && (upper.empty() || upper > unindexed_lo_)) IndexWrites();
}

void Transaction::IndexWrites() {
  rocksdb::WriteBatchWithIndex* batch = txn_->GetWriteBatch();
  // Rolling back to a savepoint just set truncates nothing and rebuilds the index from every
  // entry of the batch.
  batch->SetSavePoint();
  ThrowIfError(batch->RollbackToSavePoint());
  unindexed_ = 0;
  index_each_write_ = true;
}

}  // namespace kanto::storage
