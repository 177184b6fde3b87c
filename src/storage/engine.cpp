#include "storage/engine.hpp"

#include <algorithm>

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/transaction_db.h>
#include <rocksdb/utilities/write_batch_with_index.h>
#include <rocksdb/write_batch.h>

#include "kanto/error.hpp"
#include "storage/batch_keys.hpp"
#include "storage/key_encoding.hpp"
#include "storage/key_range_set.hpp"
#include "storage/ssi.hpp"
#include "storage/status.hpp"
#include "storage/wal_syncer.hpp"

namespace kanto::storage {

struct IteratorBounds {
  rocksdb::Slice lower;
  rocksdb::Slice upper;
};

namespace {
rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
}  // namespace

// Declared in storage/status.hpp (prepared_transactions.cpp uses it too).
void ThrowIfError(const rocksdb::Status& s, const char* what) {
  if (s.ok()) return;
  std::string detail = s.ToString();
  switch (s.code()) {
    case rocksdb::Status::kBusy:
    case rocksdb::Status::kTryAgain:
      if (s.subcode() == rocksdb::Status::kDeadlock) throw Error(sqlstate::kDeadlockDetected, "deadlock detected");
      throw Error(sqlstate::kSerializationFailure, "could not serialize access due to concurrent update");
    case rocksdb::Status::kTimedOut:
      if (s.subcode() == rocksdb::Status::kDeadlock) throw Error(sqlstate::kDeadlockDetected, "deadlock detected");
      throw Error(sqlstate::kLockNotAvailable, "could not obtain lock on row: lock timeout");
    case rocksdb::Status::kCorruption:
      throw Error(sqlstate::kDataCorrupted, "storage corruption: " + detail);
    case rocksdb::Status::kIOError:
      if (detail.find("lock") != std::string::npos && what && std::string(what) == "open") {
        throw Error("55006", std::string("database directory is in use by another process"))
            .WithDetail(detail);
      }
      throw Error(sqlstate::kIoError, "storage I/O error: " + detail);
    default:
      throw Error(sqlstate::kInternalError, "storage error: " + detail);
  }
}

namespace {
// SERIALIZABLE tracks user data only: keys of objects below 16384 (the catalog) are not recorded.
bool IsUserKey(std::string_view key) {
  if (key.size() < 4) return false;
  uint32_t id = 0;
  for (size_t i = 0; i < 4; i++) id = (id << 8) | static_cast<uint8_t>(key[i]);
  return id >= 16384;
}
}  // namespace

Iterator::~Iterator() {
  if (!recorder_) return;
  Transaction* txn = recorder_;
  try {
    RecordRead(false);
  } catch (...) {
    txn->lost_read_ = true;  // out of memory while recording: the commit must not succeed
  }
}
// A transaction's iterator merges its own writes into the snapshot's rows, and RocksDB 7.8 lets a
// key the transaction deleted past iterate_upper_bound through (with an empty value): the bound is
// applied here too.
bool Iterator::Valid() const {
  return it_->Valid() && (upper_.empty() || it_->key().compare(rocksdb::Slice(upper_)) < 0);
}
void Iterator::Next() {
  it_->Next();
  if (recorder_ && !Valid()) RecordRead(true);
}

void Iterator::RecordRead(bool may_throw) {
  Transaction* txn = recorder_;
  recorder_ = nullptr;
  txn->open_iterators_.erase(this);
  // Exhausted: the whole range was read; otherwise up to and including the current key.
  std::string hi = Valid() ? KeySuccessor(key()) : upper_;
  txn->RecordRead(lower_, hi, true, may_throw);
}
std::string_view Iterator::key() const {
  auto k = it_->key();
  return {k.data(), k.size()};
}
std::string_view Iterator::value() const {
  auto v = it_->value();
  return {v.data(), v.size()};
}

Transaction::~Transaction() {
  for (Iterator* it : open_iterators_) it->recorder_ = nullptr;
  if (!finished_) {
    try {
      Rollback();
    } catch (...) {
    }
  }
  if (txn_ && reusable_) engine_->Recycle(std::move(txn_));
}

void Transaction::ReleaseStatementSnapshot() {
  statement_snapshot_.reset();
}

std::shared_ptr<const rocksdb::Snapshot> Transaction::SwapStatementSnapshot(
    std::shared_ptr<const rocksdb::Snapshot> snapshot) {
  std::swap(snapshot, statement_snapshot_);
  return snapshot;
}

void Transaction::BeginStatement() {
  if (level_ == IsolationLevel::kReadCommitted) {
    // The last statement's snapshot, when nothing was committed since, sees what a new one
    // would: the statements of a block that only this session writes to share one (a snapshot
    // taken and released per statement was 3.6% of a bulk insert: docs/performance.md,
    // bench/embedded cause 14).
    if (statement_snapshot_ && statement_snapshot_->GetSequenceNumber() == db_->GetLatestSequenceNumber()) return;
    ReleaseStatementSnapshot();
    rocksdb::TransactionDB* db = db_;
    statement_snapshot_ = std::shared_ptr<const rocksdb::Snapshot>(
        db_->GetSnapshot(), [db](const rocksdb::Snapshot* s) { db->ReleaseSnapshot(s); });
    return;
  }
  if (!snapshot_fixed_) {
    if (level_ == IsolationLevel::kSerializable) {
      ssi_ = ssi_manager_->Begin(read_only_, deferrable_, [this] { txn_->SetSnapshot(); }, cancel_);
    } else {
      txn_->SetSnapshot();
    }
    snapshot_fixed_ = true;
  }
}

std::string Transaction::SsiKey(std::string_view key) const {
  std::string out = "\xff\xff\xff\xff";
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((keyspace_id_ >> shift) & 0xff);
  out.append(key);
  return out;
}

void Transaction::RecordRead(std::string_view lo, std::string_view hi, bool examined, bool may_throw) {
  if (!ssi_) return;
  bool tracked;
  if (keyspace_id_ == 0) {
    tracked = ssi_manager_->OnRead(ssi_, lo, hi, examined, may_throw);
  } else {
    // An unbounded range ends where the keyspace's tagged keys end.
    std::string tagged_hi = hi.empty() ? PrefixSuccessor(SsiKey("")) : SsiKey(hi);
    tracked = ssi_manager_->OnRead(ssi_, SsiKey(lo), tagged_hi, examined, may_throw);
  }
  if (!tracked) ForgetSerializable();
}

void Transaction::ForgetSerializable() {
  ssi_ = nullptr;
  for (Iterator* it : open_iterators_) it->recorder_ = nullptr;
  open_iterators_.clear();
}

void Transaction::RecordWrite(std::string_view key) {
  if (ssi_ && IsUserKey(key)) ssi_manager_->OnWrite(ssi_, keyspace_id_ == 0 ? std::string(key) : SsiKey(key));
}

void Transaction::FlushIterators(bool may_throw) {
  while (!open_iterators_.empty()) (*open_iterators_.begin())->RecordRead(may_throw);
}

void Transaction::FinishSerializable(bool committed) {
  SsiXact* x = ssi_;
  ForgetSerializable();
  if (x) ssi_manager_->Finish(x, committed);
}

namespace {
rocksdb::ReadOptions ReadOpts(rocksdb::Transaction* txn, const rocksdb::Snapshot* stmt) {
  rocksdb::ReadOptions ro;
  ro.snapshot = stmt ? stmt : txn->GetSnapshot();
  return ro;
}
}  // namespace

void Transaction::Check(const rocksdb::Status& s) {
  if (s.IsTimedOut() && s.subcode() != rocksdb::Status::kDeadlock && !timeout_sqlstate_.empty()) {
    throw Error(timeout_sqlstate_, timeout_message_);
  }
  ThrowIfError(s);
}

void Transaction::SetLockWait(int64_t ms, std::string sqlstate, std::string message) {
  lock_timeout_ms_ = ms > 0 ? ms : engine_lock_timeout_ms_;
  timeout_sqlstate_ = ms > 0 ? std::move(sqlstate) : "";
  timeout_message_ = ms > 0 ? std::move(message) : "";
  txn_->SetLockTimeout(lock_timeout_ms_);
}

bool Transaction::Get(std::string_view key, std::string* value, bool newest) {
  rocksdb::ReadOptions ro = newest ? rocksdb::ReadOptions() : ReadOpts(txn_.get(), statement_snapshot_.get());
  rocksdb::Status s = frozen_ && !newest ? frozen_->GetFromBatchAndDB(db_, ro, cf_, ToSlice(key), value)
                                         : ReadOwnOrCommitted(ro, key, value);
  bool found = !s.IsNotFound();
  if (found) ThrowIfError(s);
  if (ssi_ && IsUserKey(key)) RecordRead(key, KeySuccessor(key), found);
  return found;
}

rocksdb::Status Transaction::ReadOwnOrCommitted(const rocksdb::ReadOptions& ro, std::string_view key,
                                                std::string* value) {
  if (written_.MayContain(key)) {
    IndexBeforeRead(key);
    return txn_->Get(ro, cf_, ToSlice(key), value);
  }
  return db_->Get(ro, cf_, ToSlice(key), value);
}

rocksdb::Status Transaction::LockThenRead(const rocksdb::ReadOptions& ro, std::string_view key, std::string* value,
                                          bool exclusive) {
  if (!value || written_.MayContain(key)) {
    if (value) IndexBeforeRead(key);
    return txn_->GetForUpdate(ro, cf_, ToSlice(key), value, exclusive);
  }
  // With a null value GetForUpdate only locks (and, with a snapshot, validates).
  rocksdb::Status s = txn_->GetForUpdate(ro, cf_, ToSlice(key), static_cast<std::string*>(nullptr), exclusive);
  if (!s.ok()) return s;
  return db_->Get(ro, cf_, ToSlice(key), value);
}

rocksdb::Status Transaction::LockAndRead(std::string_view key, std::string* value, bool exclusive, bool try_only) {
  rocksdb::ReadOptions ro;
  ro.snapshot = txn_->GetSnapshot();  // null in READ COMMITTED: newest committed value
  txn_->SetLockTimeout(0);
  rocksdb::Status s = LockThenRead(ro, key, value, exclusive);
  txn_->SetLockTimeout(lock_timeout_ms_);
  if (try_only || !s.IsTimedOut()) return s;
  return WaitForLock(key, value, exclusive, ro);
}

rocksdb::Status Transaction::WaitForLock(std::string_view key, std::string* value, bool exclusive,
                                         const rocksdb::ReadOptions& ro) {
  struct WaitScope {
    RowWaitObserver* o;
    ~WaitScope() {
      if (o) o->RowWaitEnd();
    }
  } scope{observer_};
  if (observer_) observer_->RowWaitBegin(key, exclusive);
  constexpr int64_t kSliceMs = 100;
  int64_t waited = 0;
  while (true) {
    int64_t slice = std::min(kSliceMs, lock_timeout_ms_ - waited);
    txn_->SetLockTimeout(std::max<int64_t>(slice, 1));
    rocksdb::Status s = LockThenRead(ro, key, value, exclusive);
    txn_->SetLockTimeout(lock_timeout_ms_);
    if (!s.IsTimedOut() || s.subcode() == rocksdb::Status::kDeadlock) return s;
    waited += slice;
    if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
      throw Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
    }
    if (waited >= lock_timeout_ms_) return s;
    if (observer_) observer_->RowWaitTick(waited);
  }
}

bool Transaction::GetForUpdate(std::string_view key, std::string* value) {
  rocksdb::Status s = LockAndRead(key, value, true, false);
  if (s.IsNotFound()) return false;
  Check(s);
  return true;
}

// Object id 0xfffffffe is never a table's: its keys are free for lock keys, never stored.
std::string KeyLockKey(std::string_view row_key) {
  std::string out = "\xff\xff\xff\xfe";
  out.append(row_key);
  return out;
}

bool Transaction::GetNewest(std::string_view key, std::string* value) {
  rocksdb::Status s = ReadOwnOrCommitted(rocksdb::ReadOptions(), key, value);
  if (s.IsNotFound()) return false;
  ThrowIfError(s);
  return true;
}

// A scan of RocksDB's lock table: only where a lock is contended.
bool Transaction::HoldsExclusive(std::string_view key) const {
  uint32_t cf = cf_->GetID();
  uint64_t id = txn_->GetID();
  for (const auto& [lock_cf, info] : db_->GetLockStatusData()) {
    if (lock_cf != cf || !info.exclusive || info.key != key) continue;
    if (std::find(info.ids.begin(), info.ids.end(), id) != info.ids.end()) return true;
  }
  return false;
}

Transaction::LockResult Transaction::LockRow(std::string_view key, RowLockStrength strength, bool try_only,
                                             std::string* seen_out, std::string* newest_out) {
  auto unavailable = [&](const rocksdb::Status& s) {
    return try_only && s.IsTimedOut() && s.subcode() != rocksdb::Status::kDeadlock;
  };
  // The key lock first, then the row lock (FOR SHARE, FOR UPDATE), the order DELETE takes them in.
  if (strength != RowLockStrength::kNoKeyUpdate) {
    bool exclusive = strength == RowLockStrength::kUpdate;
    std::string key_lock = KeyLockKey(key);
    rocksdb::Status s = LockAndRead(key_lock, nullptr, exclusive, /*try_only=*/true);
    // Held exclusively by another transaction (a DELETE or key UPDATE under way). This one may
    // hold the row lock exclusively already (it updated the row, or locked it FOR NO KEY UPDATE):
    // that is the stronger lock, so FOR KEY SHARE and FOR SHARE need no more, as in PostgreSQL
    // (waiting would deadlock with the DELETE, which waits for the row lock).
    if (s.IsTimedOut() && s.subcode() != rocksdb::Status::kDeadlock && !exclusive && HoldsExclusive(key)) {
      s = rocksdb::Status::OK();
    } else if (s.IsTimedOut() && s.subcode() != rocksdb::Status::kDeadlock && !try_only) {
      s = LockAndRead(key_lock, nullptr, exclusive, false);
    }
    if (unavailable(s)) return LockResult::kNotAvailable;
    Check(s);
  }
  std::string newest;
  if (strength != RowLockStrength::kKeyShare) {
    rocksdb::Status s = LockAndRead(key, &newest, strength != RowLockStrength::kShare, try_only);
    if (unavailable(s)) return LockResult::kNotAvailable;
    if (s.IsNotFound()) return LockResult::kDeleted;
    Check(s);
  } else if (!GetNewest(key, &newest)) {
    // Deleted: after the snapshot of a REPEATABLE READ transaction that saw it, a conflict.
    std::string seen;
    if (snapshot_fixed_ && Get(key, &seen)) {
      throw Error(sqlstate::kSerializationFailure, "could not serialize access due to concurrent update");
    }
    return LockResult::kDeleted;
  }
  std::string seen;
  if (!Get(key, &seen)) {
    // Appeared after the snapshot: REPEATABLE READ's foreign key check does not see it.
    return snapshot_fixed_ && strength == RowLockStrength::kKeyShare ? LockResult::kDeleted : LockResult::kChanged;
  }
  if (seen == newest) return LockResult::kUnchanged;
  if (seen_out) *seen_out = std::move(seen);
  if (newest_out) *newest_out = std::move(newest);
  return LockResult::kChanged;
}

bool Transaction::LockRowKey(std::string_view row_key, bool try_only) {
  rocksdb::Status s = LockAndRead(KeyLockKey(row_key), nullptr, true, try_only);
  if (try_only && s.IsTimedOut() && s.subcode() != rocksdb::Status::kDeadlock) return false;
  Check(s);
  return true;
}

void Transaction::UndoRowLock(std::string_view key) { txn_->UndoGetForUpdate(cf_, ToSlice(key)); }

uint64_t Transaction::WriteCount() const { return txn_->GetWriteBatch()->GetWriteBatch()->Count(); }

uint64_t Transaction::Id() const { return txn_->GetID(); }

// Put and Delete lock the key without waiting; when another transaction holds it, the wait goes
// through WaitForLock (in slices, seen by the deadlock detector) and the write follows.
void Transaction::Put(std::string_view key, std::string_view value) {
  // Ascending keys go into the batch without its index (storage/unindexed_writes.cpp); the put
  // still locks and tracks the key.
  struct IndexingOff {
    rocksdb::Transaction* txn;
    ~IndexingOff() {
      if (txn) txn->EnableIndexing();
    }
  } indexing{TakeUnindexed(key) ? txn_.get() : nullptr};
  if (indexing.txn) txn_->DisableIndexing();
  txn_->SetLockTimeout(0);
  rocksdb::Status s = txn_->Put(cf_, ToSlice(key), ToSlice(value));
  txn_->SetLockTimeout(lock_timeout_ms_);
  if (s.IsTimedOut()) {
    rocksdb::ReadOptions ro;
    ro.snapshot = txn_->GetSnapshot();
    Check(WaitForLock(key, nullptr, true, ro));
    s = txn_->Put(cf_, ToSlice(key), ToSlice(value));
  }
  Check(s);
  written_.Add(key);
  RecordWrite(key);
  if (frozen_) frozen_writes_.try_emplace(std::string(key), frozen_part_);
}

void Transaction::Delete(std::string_view key) {
  txn_->SetLockTimeout(0);
  rocksdb::Status s = txn_->Delete(cf_, ToSlice(key));
  txn_->SetLockTimeout(lock_timeout_ms_);
  if (s.IsTimedOut()) {
    rocksdb::ReadOptions ro;
    ro.snapshot = txn_->GetSnapshot();
    Check(WaitForLock(key, nullptr, true, ro));
    s = txn_->Delete(cf_, ToSlice(key));
  }
  Check(s);
  written_.Add(key);
  RecordWrite(key);
  if (frozen_) frozen_writes_.try_emplace(std::string(key), frozen_part_);
}

// The shared keyspace holds catalog records only, which SERIALIZABLE does not track. It is this
// transaction's own keyspace in the default database, so its keys count as written.
void Transaction::PutShared(std::string_view key, std::string_view value) {
  written_.Add(key);
  Check(txn_->Put(shared_cf_, ToSlice(key), ToSlice(value)));
}

void Transaction::DeleteShared(std::string_view key) {
  written_.Add(key);
  Check(txn_->Delete(shared_cf_, ToSlice(key)));
}

std::unique_ptr<Iterator> Transaction::ScanShared(std::string lower, std::string upper) {
  return ScanIn(shared_cf_, std::move(lower), std::move(upper), false, false);
}

bool Transaction::GetSharedForUpdate(std::string_view key, std::string* value) {
  rocksdb::ReadOptions ro;
  ro.snapshot = txn_->GetSnapshot();
  if (shared_cf_ == cf_) IndexBeforeRead(key);
  rocksdb::Status s = txn_->GetForUpdate(ro, shared_cf_, ToSlice(key), value, true);
  if (s.IsNotFound()) return false;
  Check(s);
  return true;
}

std::unique_ptr<Iterator> Transaction::Scan(std::string lower, std::string upper, bool newest) {
  return ScanIn(cf_, std::move(lower), std::move(upper), newest, true);
}

std::unique_ptr<Iterator> Transaction::ScanIn(rocksdb::ColumnFamilyHandle* cf, std::string lower, std::string upper,
                                              bool newest, bool track) {
  auto it = std::unique_ptr<Iterator>(new Iterator());
  it->lower_ = std::move(lower);
  it->upper_ = std::move(upper);
  it->bounds_ = std::make_unique<IteratorBounds>();
  it->bounds_->lower = rocksdb::Slice(it->lower_);
  it->bounds_->upper = rocksdb::Slice(it->upper_);
  rocksdb::ReadOptions ro = newest ? rocksdb::ReadOptions() : ReadOpts(txn_.get(), statement_snapshot_.get());
  ro.iterate_lower_bound = &it->bounds_->lower;
  if (!it->upper_.empty()) ro.iterate_upper_bound = &it->bounds_->upper;
  // With nothing written yet, a plain snapshot iterator reads the same rows without the cost of
  // merging the transaction's (empty) write batch at every step.
  if (frozen_ && !newest && cf == cf_) {
    it->it_.reset(frozen_->GetWriteBatch()->Count() == 0
                      ? db_->NewIterator(ro, cf)
                      : frozen_->NewIteratorWithBase(cf, db_->NewIterator(ro, cf), &ro));
  } else if (txn_->GetWriteBatch()->GetWriteBatch()->Count() == 0) {
    it->it_.reset(db_->NewIterator(ro, cf));
  } else {
    if (cf == cf_) IndexBeforeScan(it->lower_, it->upper_);
    it->it_.reset(txn_->GetIterator(ro, cf));
  }
  it->it_->Seek(it->bounds_->lower);
  ThrowIfError(it->it_->status());
  if (track && ssi_ && IsUserKey(it->lower_)) {
    if (!it->Valid()) {
      RecordRead(it->lower_, it->upper_, false);  // nothing in the range: all of it was read
    } else if (!ssi_manager_->OnExamine(ssi_)) {
      ForgetSerializable();
    } else {
      it->recorder_ = this;
      open_iterators_.insert(it.get());
    }
  }
  return it;
}

namespace {
// Copies the writes of one column family of a write batch into another batch.
class CopyWrites : public rocksdb::WriteBatch::Handler {
 public:
  CopyWrites(rocksdb::WriteBatchWithIndex* out, rocksdb::ColumnFamilyHandle* cf) : out_(out), cf_(cf) {}
  rocksdb::Status PutCF(uint32_t cf, const rocksdb::Slice& key, const rocksdb::Slice& value) override {
    return cf == cf_->GetID() ? out_->Put(cf_, key, value) : rocksdb::Status::OK();
  }
  rocksdb::Status DeleteCF(uint32_t cf, const rocksdb::Slice& key) override {
    return cf == cf_->GetID() ? out_->Delete(cf_, key) : rocksdb::Status::OK();
  }
  rocksdb::Status SingleDeleteCF(uint32_t cf, const rocksdb::Slice& key) override {
    return cf == cf_->GetID() ? out_->SingleDelete(cf_, key) : rocksdb::Status::OK();
  }
  rocksdb::Status MergeCF(uint32_t cf, const rocksdb::Slice& key, const rocksdb::Slice& value) override {
    return cf == cf_->GetID() ? out_->Merge(cf_, key, value) : rocksdb::Status::OK();
  }
  rocksdb::Status MarkBeginPrepare(bool) override { return rocksdb::Status::OK(); }
  rocksdb::Status MarkEndPrepare(const rocksdb::Slice&) override { return rocksdb::Status::OK(); }
  rocksdb::Status MarkNoop(bool) override { return rocksdb::Status::OK(); }

 private:
  rocksdb::WriteBatchWithIndex* out_;
  rocksdb::ColumnFamilyHandle* cf_;
};
}  // namespace

// The copy costs one pass over the transaction's writes so far, once per such statement.
void Transaction::FreezeReads() {
  auto frozen = std::make_unique<rocksdb::WriteBatchWithIndex>(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true);
  CopyWrites copy(frozen.get(), cf_);
  ThrowIfError(txn_->GetWriteBatch()->GetWriteBatch()->Iterate(&copy));
  frozen_ = std::move(frozen);
  frozen_writes_.clear();
  frozen_part_ = 0;
}

void Transaction::ThawReads() {
  frozen_.reset();
  frozen_writes_.clear();
  frozen_part_ = 0;
}

bool Transaction::WrittenByEarlierPart(std::string_view key) const {
  if (!frozen_) return false;
  auto it = frozen_writes_.find(std::string(key));
  return it != frozen_writes_.end() && it->second < frozen_part_;
}

void Transaction::SetSavePoint() { txn_->SetSavePoint(); }

// SERIALIZABLE: the writes undone no longer count as written (storage/ssi.hpp, ResetWrites).
void Transaction::RollbackToSavePoint() {
  uint64_t before = WriteCount();
  ThrowIfError(txn_->RollbackToSavePoint());
  unindexed_ = 0;  // the batch's index was rebuilt from what is left of it
  if (!ssi_ || WriteCount() == before) return;
  BatchKeys batch;
  ThrowIfError(txn_->GetWriteBatch()->GetWriteBatch()->Iterate(&batch));
  std::vector<std::string> written;  // the user keys of this transaction's column family
  for (auto& [cf, key] : batch.keys) {
    if (cf != cf_->GetID() || !IsUserKey(key)) continue;
    written.push_back(keyspace_id_ != 0 ? SsiKey(key) : std::move(key));
  }
  ssi_manager_->ResetWrites(ssi_, written);
}
void Transaction::PopSavePoint() { ThrowIfError(txn_->PopSavePoint()); }

void Transaction::CheckSerializableAtCommit() {
  if (lost_read_) {
    throw Error(sqlstate::kSerializationFailure,
                "could not serialize access due to read/write dependencies among transactions")
        .WithDetail("A read could not be recorded.")
        .WithHint("The transaction might succeed if retried.");
  }
  FlushIterators(true);
  if (ssi_ && !ssi_manager_->PreCommit(ssi_)) ForgetSerializable();
}

void Transaction::SetSyncCommit(bool sync) { txn_->GetWriteOptions()->sync = sync; }

void Transaction::Commit() {
  if (ssi_) {
    try {
      CheckSerializableAtCommit();
    } catch (...) {
      try {
        Rollback();
      } catch (...) {
      }
      throw;
    }
  }
  finished_ = true;
  ReleaseStatementSnapshot();
  try {
    // Nothing written: there is nothing to make durable, so skip the (synced) WAL write.
    if (txn_->GetWriteBatch()->GetWriteBatch()->Count() == 0) {
      ThrowIfError(txn_->Rollback());
    } else {
      ThrowIfError(txn_->Commit());
      if (!txn_->GetWriteOptions()->sync) engine_->wal_syncer_->Note();
    }
    reusable_ = true;
  } catch (...) {
    FinishSerializable(false);
    EndBulk();
    throw;
  }
  FinishSerializable(true);
  EndBulk();
}

void Transaction::Rollback() {
  finished_ = true;
  ReleaseStatementSnapshot();
  FinishSerializable(false);
  rocksdb::Status s = txn_->Rollback();
  EndBulk();
  ThrowIfError(s);
  reusable_ = true;
}

std::unique_ptr<Engine> Engine::Open(const std::string& dir, const EngineOptions& options) {
  rocksdb::Options opts;
  opts.create_if_missing = options.create_if_missing;
  opts.IncreaseParallelism(2);
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  opts.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // Values of 1 MB or more go to blob files when flushed (as PostgreSQL moves large values to
  // TOAST): a flush or compaction then streams them instead of building (and compressing) a block
  // as large as the value, which cost 2-3 times the value in memory; garbage collection during
  // compaction reclaims the space of overwritten and deleted ones.
  opts.enable_blob_files = true;
  opts.min_blob_size = 1 << 20;
  opts.enable_blob_garbage_collection = true;
  // A bloom filter over the memtable's whole keys: a point read of a key the memtable lacks (an
  // INSERT's uniqueness check, a lookup of a flushed row) skips the memtable's skip list
  // (docs/performance.md, bench/embedded cause 8). Each column family's memtable allocates (and
  // touches) its filter when it is made: at 0.5% of the 64 MB memtable that is 330 KB, about 4
  // bits per entry (a false positive in 6 to 7) when the memtable is full of 100-byte rows; 2%
  // (1.3 MB each) took a fresh server from 21 MB to 25 MB of RSS and 1,000 idle connections over
  // 30 MB. SST files have their bloom filters from the table options above.
  opts.memtable_whole_key_filtering = true;
  opts.memtable_prefix_bloom_size_ratio = 0.005;
  // Two-phase commit: prepared transactions (PREPARE TRANSACTION) are recovered at open.
  opts.allow_2pc = true;
  rocksdb::TransactionDBOptions topts;
  topts.transaction_lock_timeout = options.lock_timeout_ms;
  // Every keyspace (column family) opens with the same options; a new directory has only the
  // default one.
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(opts, dir, &names).ok() || names.empty()) names = {rocksdb::kDefaultColumnFamilyName};
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions(opts));
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::TransactionDB* db = nullptr;
  rocksdb::Status s = rocksdb::TransactionDB::Open(opts, topts, dir, families, &handles, &db);
  if (!s.ok()) {
    std::string text = s.ToString();
    if (s.IsIOError() && text.find("lock") != std::string::npos) {
      throw Error("55006", "database directory \"" + dir + "\" is in use by another process").WithDetail(text);
    }
    ThrowIfError(s, "open");
  }
  auto engine = std::unique_ptr<Engine>(new Engine());
  engine->db_.reset(db);
  engine->ssi_ = std::make_shared<SsiManager>();
  engine->options_ = options;
  engine->column_options_ = std::make_shared<rocksdb::ColumnFamilyOptions>(opts);
  for (size_t i = 0; i < handles.size(); i++) {
    auto handle = engine->Handle(handles[i]);
    if (names[i] == rocksdb::kDefaultColumnFamilyName) {
      engine->cf_ = handle;
    } else {
      engine->keyspaces_[names[i]] = handle;
    }
  }
  engine->wal_syncer_ = std::make_shared<WalSyncer>(db);
  engine->RecoverPrepared();
  engine->bulk_ = MakeBulkState(db);
  engine->DropAllRecordedRanges();  // ranges of builds a crash interrupted, drops a crash delayed
  return engine;
}

Engine::~Engine() = default;

std::unique_ptr<Transaction> Engine::Begin(IsolationLevel level) {
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync_commit;
  rocksdb::TransactionOptions to;
  // Deadlocks are found by the session layer's waits-for graph (main/deadlock_detector.cpp), which
  // holds row lock waits (WaitForLock reports them) and table and advisory lock waits alike, after
  // deadlock_timeout as in PostgreSQL.
  to.deadlock_detect = false;
  auto t = std::unique_ptr<Transaction>(new Transaction());
  t->db_ = db_.get();
  t->engine_ = root_;
  t->cf_ = cf_.get();
  t->shared_cf_ = root_->cf_.get();
  t->keyspace_id_ = keyspace_id_;
  t->level_ = level;
  t->engine_lock_timeout_ms_ = options_.lock_timeout_ms;
  t->lock_timeout_ms_ = options_.lock_timeout_ms;
  std::unique_ptr<rocksdb::Transaction> old;
  {
    std::lock_guard<std::mutex> lock(root_->txn_pool_mu_);
    if (!root_->txn_pool_.empty()) {
      old = std::move(root_->txn_pool_.back());
      root_->txn_pool_.pop_back();
    }
  }
  rocksdb::Transaction* txn = db_->BeginTransaction(wo, to, old.get());
  if (txn == old.get()) old.release();
  t->txn_.reset(txn);
  t->ssi_manager_ = ssi_.get();
  return t;
}

void Engine::Recycle(std::unique_ptr<rocksdb::Transaction> txn) {
  constexpr size_t kPooled = 64;  // about the busy sessions of a server
  std::lock_guard<std::mutex> lock(txn_pool_mu_);
  if (txn_pool_.size() < kPooled) txn_pool_.push_back(std::move(txn));
}

uint64_t Engine::NextRowId(uint32_t table_id, const std::string& table_prefix) {
  std::lock_guard<std::mutex> lock(rowid_mu_);
  auto it = next_rowid_.find(table_id);
  if (it == next_rowid_.end()) {
    uint64_t next = 1;
    std::string upper = table_prefix;
    // PrefixSuccessor of the table prefix
    while (!upper.empty() && static_cast<uint8_t>(upper.back()) == 0xff) upper.pop_back();
    if (!upper.empty()) upper.back() = static_cast<char>(static_cast<uint8_t>(upper.back()) + 1);
    rocksdb::ReadOptions ro;
    std::unique_ptr<rocksdb::Iterator> iter(db_->NewIterator(ro, cf_.get()));
    if (upper.empty()) iter->SeekToLast(); else iter->SeekForPrev(upper);
    while (iter->Valid() && iter->key().compare(rocksdb::Slice(upper)) >= 0 && !upper.empty()) iter->Prev();
    if (iter->Valid() && iter->key().starts_with(table_prefix) && iter->key().size() == table_prefix.size() + 8) {
      uint64_t last = 0;
      for (size_t i = 0; i < 8; i++) last = (last << 8) | static_cast<uint8_t>(iter->key()[table_prefix.size() + i]);
      next = last + 1;
    }
    next = std::max(next, PreparedRowIdEnd(table_prefix));
    it = next_rowid_.emplace(table_id, next).first;
  }
  return it->second++;
}

uint64_t Engine::EstimateKeys(const std::string& lower, const std::string& upper) {
  // A small range is counted: exact, and the same whether its keys are still in the memtable or
  // already flushed (the approximations below differ between the two, and so did join orders).
  // The same pass samples the entry size a larger range's approximation divides by.
  constexpr uint64_t kCountedKeys = 10000;
  constexpr uint64_t kSampledKeys = 32;
  rocksdb::ReadOptions ro;
  rocksdb::Slice lower_slice(lower), upper_slice(upper);
  ro.iterate_lower_bound = &lower_slice;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> iter(db_->NewIterator(ro, cf_.get()));
  uint64_t counted = 0, sample_bytes = 0;
  for (iter->Seek(lower_slice); iter->Valid() && counted <= kCountedKeys; iter->Next()) {
    if (counted < kSampledKeys) sample_bytes += iter->key().size() + iter->value().size();
    counted++;
  }
  if (counted <= kCountedKeys) return counted;
  rocksdb::Range range(lower, upper);
  uint64_t mem_count = 0, mem_bytes = 0;
  db_->GetApproximateMemTableStats(cf_.get(), range, &mem_count, &mem_bytes);
  rocksdb::SizeApproximationOptions size_options;
  size_options.include_memtables = false;
  size_options.include_files = true;
  size_options.files_size_error_margin = -1;  // exact per-file estimates: a small table inside one big file is not 0
  uint64_t file_bytes = 0;
  db_->GetApproximateSizes(size_options, cf_.get(), &range, 1, &file_bytes);
  if (file_bytes == 0) return mem_count;
  // Files are compressed: count each sampled byte as half a stored byte.
  double per_entry = std::max(1.0, static_cast<double>(sample_bytes) / static_cast<double>(kSampledKeys) / 2);
  return mem_count + static_cast<uint64_t>(static_cast<double>(file_bytes) / per_entry);
}

uint64_t Engine::ApproximateBytes(const std::string& lower, const std::string& upper) {
  std::string end = upper;
  if (end.empty()) end.assign(16, '\xff');  // past every key (they start with a 4-byte object id)
  rocksdb::Range range(lower, end);
  rocksdb::SizeApproximationOptions size_options;
  size_options.include_memtables = false;
  size_options.include_files = true;
  size_options.files_size_error_margin = -1;  // exact per-file estimates, as EstimateKeys
  uint64_t file_bytes = 0;
  ThrowIfError(db_->GetApproximateSizes(size_options, cf_.get(), &range, 1, &file_bytes));
  // The memtables' estimate for a range is coarse (a skip list's level counts), so their entries
  // in the range are read and their bytes added up (the memtables are bounded by the write buffer).
  rocksdb::ReadOptions ro;
  ro.read_tier = rocksdb::kMemtableTier;
  rocksdb::Slice lower_slice(lower), upper_slice(end);
  ro.iterate_lower_bound = &lower_slice;
  ro.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> iter(db_->NewIterator(ro, cf_.get()));
  uint64_t mem_bytes = 0;
  for (iter->Seek(lower_slice); iter->Valid(); iter->Next()) mem_bytes += iter->key().size() + iter->value().size();
  ThrowIfError(iter->status());
  return file_bytes + mem_bytes;
}

void Engine::CompactRange(const std::string& lower, const std::string& upper) {
  rocksdb::Slice begin(lower), end(upper);
  rocksdb::CompactRangeOptions options;
  ThrowIfError(db_->CompactRange(options, cf_.get(), &begin, &end));
}

SsiStats Engine::SerializableStats() { return ssi_->Stats(); }

std::vector<RowLock> Engine::RowLocks() const {
  std::vector<RowLock> out;
  for (const auto& [cf, info] : db_->GetLockStatusData()) {
    if (cf != keyspace_id_) continue;  // another database's
    out.push_back({info.key, std::vector<uint64_t>(info.ids.begin(), info.ids.end()), info.exclusive});
  }
  return out;
}

void Engine::Flush() { ThrowIfError(db_->Flush(rocksdb::FlushOptions(), cf_.get())); }

void Engine::Checkpoint(const std::string& dir) {
  rocksdb::Checkpoint* cp = nullptr;
  ThrowIfError(rocksdb::Checkpoint::Create(db_.get(), &cp));
  std::unique_ptr<rocksdb::Checkpoint> owner(cp);
  ThrowIfError(cp->CreateCheckpoint(dir));
}

}  // namespace kanto::storage
