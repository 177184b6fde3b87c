// Engine: the RocksDB TransactionDB under one database directory, and its transactions.
// Only src/storage/ includes RocksDB; everything above talks to these classes.
// Errors: every RocksDB status is mapped in one place (ThrowIfError) to a kanto::Error:
// Busy/TryAgain -> 40001, deadlock -> 40P01, lock timeout -> 55P03, Corruption -> XX001,
// IOError -> 58030, directory in use -> 55006.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/row_lock_strength.hpp"
#include "storage/written_keys.hpp"

namespace rocksdb {
class DB;
class TransactionDB;
class Transaction;
class ColumnFamilyHandle;
struct ColumnFamilyOptions;
class Iterator;
class Snapshot;
class Status;
struct ReadOptions;
class WriteBatchWithIndex;
}  // namespace rocksdb

namespace kanto::storage {

enum class IsolationLevel : uint8_t { kReadCommitted, kRepeatableRead, kSerializable };

struct EngineOptions {
  bool create_if_missing = true;
  bool sync_commit = true;       // fsync the WAL before COMMIT returns (Transaction::SetSyncCommit)
  int lock_timeout_ms = 10000;   // row lock waits longer than this fail with 55P03
  // RocksDB's cache of uncompressed blocks. 256 MB holds pgbench scale 10's accounts table (about
  // 115 MB uncompressed); at 64 MB half the point selects read and decompressed a block
  // (docs/performance.md, "Block cache"). It fills only as data is read, so idle servers stay small.
  size_t block_cache_bytes = 256u << 20;
};

class SsiManager;
struct SsiXact;
struct BulkState;
class BulkLoad;
class WalSyncer;
class Transaction;
class Engine;

// A row lock held in storage (Engine::RowLocks): the key and the transactions holding it.
struct RowLock {
  std::string key;
  std::vector<uint64_t> txn_ids;
  bool exclusive = true;
};

// Told when a row lock wait starts and ends, and after each slice of it (about 100 ms): the session
// puts the wait into its waits-for graph, and Tick may throw to end the wait (a deadlock).
class RowWaitObserver {
 public:
  virtual ~RowWaitObserver() = default;
  virtual void RowWaitBegin(std::string_view key, bool exclusive) = 0;
  virtual void RowWaitEnd() = 0;
  virtual void RowWaitTick(int64_t waited_ms) = 0;
};

class Iterator {
 public:
  ~Iterator();
  bool Valid() const;
  void Next();
  std::string_view key() const;
  std::string_view value() const;

 private:
  friend class Transaction;
  // SERIALIZABLE: records the range scanned so far as read (once: at the end of the range, or
  // up to the current key when the iterator goes or its transaction ends).
  void RecordRead(bool may_throw);

  std::unique_ptr<rocksdb::Iterator> it_;
  std::string lower_, upper_;  // kept alive for the iterator's bounds
  std::unique_ptr<struct IteratorBounds> bounds_;
  Transaction* recorder_ = nullptr;  // set while the scanned range is still to be recorded
};

class Transaction {
 public:
  ~Transaction();

  // Reads own writes plus the statement's (READ COMMITTED) or transaction's snapshot; `newest`:
  // plus the newest committed value instead of a snapshot's (foreign key checks).
  bool Get(std::string_view key, std::string* value, bool newest = false);
  // Locks the key and reads its newest committed value (validated against the transaction's
  // snapshot in REPEATABLE READ: a concurrent change gives 40001).
  bool GetForUpdate(std::string_view key, std::string* value);
  // SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE and foreign key checks: locks a row
  // in `strength` (two RocksDB locks per row, see KeyLockKey) and compares its newest committed
  // value with the one the statement's snapshot sees. REPEATABLE READ: a change after the
  // transaction's snapshot gives 40001, except for kKeyShare, which gives kChanged with both
  // versions in *seen and *newest (a change that kept the row's key is no conflict: the caller
  // knows the key columns); a row deleted after the snapshot gives 40001 at every strength.
  // `try_only` (NOWAIT, SKIP LOCKED): never waits; kNotAvailable when another transaction holds
  // a conflicting lock.
  enum class LockResult : uint8_t { kUnchanged, kChanged, kDeleted, kNotAvailable };
  LockResult LockRow(std::string_view key, RowLockStrength strength, bool try_only, std::string* seen = nullptr,
                     std::string* newest = nullptr);
  // The row's key lock, exclusive: with the row lock that GetForUpdate and Put take, FOR UPDATE
  // strength (DELETE, an UPDATE changing a key column). `try_only`: false, without waiting, when
  // another transaction holds it.
  bool LockRowKey(std::string_view row_key, bool try_only);
  // Gives back the row lock GetForUpdate took on `key`, when this was its only GetForUpdate since
  // the last savepoint and the key was not written (a write that must wait for the key lock first).
  void UndoRowLock(std::string_view key);
  // Number of writes (puts and deletes) buffered so far.
  uint64_t WriteCount() const;
  // The longest the following lock waits may take (0: the engine's lock timeout, 55P03), and the
  // error a longer wait gives (lock_timeout: 55P03, statement_timeout: 57014).
  void SetLockWait(int64_t ms, std::string sqlstate, std::string message);
  // A flag another thread sets to cancel the statement (CancelRequest): lock waits notice it within
  // a tenth of a second and fail with 57014.
  void SetCancelFlag(const std::atomic<bool>* cancel) { cancel_ = cancel; }
  void SetWaitObserver(RowWaitObserver* observer) { observer_ = observer; }
  // The id Engine::RowLocks names this transaction by.
  uint64_t Id() const;
  void Put(std::string_view key, std::string_view value);
  void Delete(std::string_view key);
  // Put and Delete without the row lock (storage/unlocked_write.cpp): for bulk writes.
  // REQUIRES: no other transaction can write or lock `key` until this one ends: a hidden row id
  // this transaction allocated (Engine::NextRowId), an index entry ending in one, or a key of a
  // table that this transaction holds in ACCESS EXCLUSIVE mode. SERIALIZABLE records the write.
  void PutUnlocked(std::string_view key, std::string_view value);
  void DeleteUnlocked(std::string_view key);
  // Keys in [lower, upper), own writes included; `newest`: as last committed, not as the snapshot
  // sees them.
  std::unique_ptr<Iterator> Scan(std::string lower, std::string upper, bool newest = false);
  // The shared keyspace (the default one, which holds what every database shares: roles, the list
  // of databases), in the same transaction. For a transaction of the default keyspace these are
  // Put, Delete, Scan and GetForUpdate.
  void PutShared(std::string_view key, std::string_view value);
  void DeleteShared(std::string_view key);
  std::unique_ptr<Iterator> ScanShared(std::string lower, std::string upper);
  bool GetSharedForUpdate(std::string_view key, std::string* value);
  IsolationLevel isolation() const { return level_; }

  void SetSavePoint();
  void RollbackToSavePoint();
  void PopSavePoint();

  // SERIALIZABLE: READ ONLY and DEFERRABLE as they stand before the first statement (they take
  // effect when the snapshot is taken).
  void SetAccessMode(bool read_only, bool deferrable) {
    read_only_ = read_only;
    deferrable_ = deferrable;
  }
  // Called before each statement: READ COMMITTED takes a new snapshot; REPEATABLE READ and
  // SERIALIZABLE fix the transaction's snapshot at the first statement (SERIALIZABLE READ ONLY
  // DEFERRABLE first waits for a safe snapshot).
  void BeginStatement();
  // A cursor reads as of its DECLARE: the statement's snapshot (READ COMMITTED; null at the other
  // levels, whose transaction snapshot serves every statement) stays valid while it is shared, and
  // SwapStatementSnapshot makes it the statement's again while the cursor reads (returning the
  // one it replaced).
  std::shared_ptr<const rocksdb::Snapshot> statement_snapshot() const { return statement_snapshot_; }
  std::shared_ptr<const rocksdb::Snapshot> SwapStatementSnapshot(std::shared_ptr<const rocksdb::Snapshot> snapshot);
  // Whether Commit waits for the WAL record to reach the disk (fsync; the engine's sync_commit
  // until this is called). Without: Commit returns once the record is written to the operating
  // system and the WAL syncer (storage/wal_syncer.hpp) syncs it within 200 ms, so a crash of the
  // process loses nothing, while a crash of the machine may lose the commits of about the last
  // 200 ms -- each whole, never a part of one (a WAL record is one checksummed batch). Concurrent
  // commits share one fsync either way (RocksDB's write group).
  void SetSyncCommit(bool sync);
  // A data-modifying WITH statement (main/data_modifying_with.cpp), PostgreSQL's one snapshot for
  // all its parts: between FreezeReads and ThawReads, Get and Scan (not `newest`) read the
  // statement's snapshot plus this transaction's writes as they stood at FreezeReads (a copy of
  // its write batch), not the statement's own; GetForUpdate, LockRow and the newest reads still
  // see them. NextStatementPart starts the statement's next part.
  void FreezeReads();
  void NextStatementPart() { frozen_part_++; }
  void ThawReads();
  // While frozen: whether an earlier part of the statement wrote `key` (PostgreSQL's
  // self-modified rows, which a later UPDATE or DELETE skips).
  bool WrittenByEarlierPart(std::string_view key) const;
  void Commit();
  void Rollback();
  // PREPARE TRANSACTION (prepared_transactions.cpp): the transaction becomes the engine's prepared
  // transaction `info.gid`, durable and holding its row locks (and SERIALIZABLE's read and write
  // sets) until Engine::FinishPrepared; this object is finished. kOk, or (nothing done)
  // kDuplicate when the gid is in use, kLimit when `max_prepared` are prepared already.
  // SERIALIZABLE: 40001 (rolled back) when preparing would complete a dangerous structure.
  struct PreparedInfo;
  enum class PrepareResult : uint8_t { kOk, kDuplicate, kLimit };
  PrepareResult Prepare(const PreparedInfo& info, int max_prepared);

 private:
  friend class Engine;
  friend class Iterator;
  Transaction() = default;
  // SERIALIZABLE bookkeeping (storage/ssi.hpp): reads of [lo, hi) and writes of user keys.
  void RecordRead(std::string_view lo, std::string_view hi, bool examined, bool may_throw = true);
  void RecordWrite(std::string_view key);
  // Records what the open iterators scanned and detaches them (before commit or rollback).
  void FlushIterators(bool may_throw);
  // SERIALIZABLE's check at COMMIT and PREPARE: 40001 when a read was lost or the commit would
  // complete a dangerous structure (then the transaction stops taking part as a serializable one).
  void CheckSerializableAtCommit();
  void FinishSerializable(bool committed);
  // Stops tracking (a read-only transaction whose snapshot proved safe, or the end).
  void ForgetSerializable();
  void ReleaseStatementSnapshot();
  // The key SERIALIZABLE tracking records: the key itself in the default keyspace, else tagged
  // with the keyspace (so that equal keys of two databases are not one key).
  std::string SsiKey(std::string_view key) const;
  std::unique_ptr<Iterator> ScanIn(rocksdb::ColumnFamilyHandle* cf, std::string lower, std::string upper, bool newest,
                                   bool track);
  // ThrowIfError, with a lock wait that timed out reported as SetLockWait asked.
  void Check(const rocksdb::Status& s);
  // GetForUpdate waiting in slices of at most 100 ms, so that a cancel is noticed (value null: the
  // lock only). The first attempt does not wait; a wait is reported to the observer.
  rocksdb::Status LockAndRead(std::string_view key, std::string* value, bool exclusive, bool try_only);
  // The newest committed value of `key` (or this transaction's own), without a lock.
  bool GetNewest(std::string_view key, std::string* value);
  // Whether this transaction holds the lock of `key` exclusively.
  bool HoldsExclusive(std::string_view key) const;
  rocksdb::Status WaitForLock(std::string_view key, std::string* value, bool exclusive, const rocksdb::ReadOptions& ro);
  // txn_->GetForUpdate on this keyspace; a key this transaction never wrote is locked without the
  // read and then read from the database, skipping the write batch (written_).
  rocksdb::Status LockThenRead(const rocksdb::ReadOptions& ro, std::string_view key, std::string* value, bool exclusive);
  // txn_->Get on this keyspace, skipping the write batch for a key this transaction never wrote.
  rocksdb::Status ReadOwnOrCommitted(const rocksdb::ReadOptions& ro, std::string_view key, std::string* value);

  rocksdb::TransactionDB* db_ = nullptr;
  Engine* engine_ = nullptr;  // the engine of the default keyspace (prepared transactions)
  rocksdb::ColumnFamilyHandle* cf_ = nullptr;         // the transaction's keyspace
  rocksdb::ColumnFamilyHandle* shared_cf_ = nullptr;  // the default keyspace
  uint32_t keyspace_id_ = 0;                          // 0: the default keyspace
  std::unique_ptr<rocksdb::Transaction> txn_;
  // Every key of this keyspace the write batch may hold (Put, Delete, their unlocked and shared
  // forms), so reads of others need not search it.
  WrittenKeys written_;
  // Puts of this keyspace appended to the write batch without its index (storage/unindexed_writes.cpp):
  // while their keys ascend (a bulk insert in key order), each skips the index's overwrite search.
  // They all lie in [unindexed_lo_, unindexed_hi_]; a read that may meet one indexes the whole
  // batch first, and from then on this transaction's writes are indexed as they are made.
  uint64_t unindexed_ = 0;
  std::string unindexed_lo_, unindexed_hi_;
  bool index_each_write_ = false;
  // Whether a put of `key` may skip the index (then it counts as one that did).
  bool TakeUnindexed(std::string_view key);
  // Before a read of the write batch through its index: of `key`, or of the keys in [lower, upper)
  // (upper empty: no end).
  void IndexBeforeRead(std::string_view key);
  void IndexBeforeScan(std::string_view lower, std::string_view upper);
  void IndexWrites();
  IsolationLevel level_ = IsolationLevel::kReadCommitted;
  std::shared_ptr<const rocksdb::Snapshot> statement_snapshot_;  // released when the last holder lets go
  bool snapshot_fixed_ = false;
  bool finished_ = false;
  bool reusable_ = false;  // txn_ committed or rolled back without error: Engine::Begin may reuse it
  int64_t engine_lock_timeout_ms_ = 0;
  int64_t lock_timeout_ms_ = 0;
  std::string timeout_sqlstate_, timeout_message_;  // empty: the engine's lock timeout error
  const std::atomic<bool>* cancel_ = nullptr;
  bool read_only_ = false, deferrable_ = false;
  SsiManager* ssi_manager_ = nullptr;
  SsiXact* ssi_ = nullptr;  // null: not tracked (not SERIALIZABLE, or a safe read-only snapshot)
  std::unordered_set<Iterator*> open_iterators_;
  bool lost_read_ = false;  // an iterator could not record its range (out of memory)
  RowWaitObserver* observer_ = nullptr;
  // FreezeReads: the write batch's copy (this keyspace's keys), and the keys written since, each
  // with the part that first wrote it.
  std::unique_ptr<rocksdb::WriteBatchWithIndex> frozen_;
  std::unordered_map<std::string, int> frozen_writes_;
  int frozen_part_ = 0;
  // Bulk loads (storage/bulk_load.hpp): the ranges this transaction is building (their lower
  // bounds), and whether it recorded a range to drop at commit; EndBulk, at commit and rollback,
  // drops what is recorded and no longer built.
  friend class BulkLoad;
  friend void DropRangeAtCommit(Transaction& txn, std::string lower, std::string upper);
  friend void MarkOwnRange(Transaction& txn, const std::string& prefix);
  std::vector<std::string> bulk_ranges_;
  bool bulk_drops_ = false;
  void EndBulk();
};

// The second lock key of a row (a RocksDB lock on a key never stored): a row has a key lock and a
// row lock (its own key, which every write locks exclusively). FOR KEY SHARE = key lock shared;
// FOR SHARE = key lock and row lock shared; FOR NO KEY UPDATE = row lock exclusive; FOR UPDATE =
// both exclusive. That gives PostgreSQL's conflict table (common/row_lock_strength.hpp).
std::string KeyLockKey(std::string_view row_key);

// A prepared transaction as pg_prepared_xacts shows it.
struct Transaction::PreparedInfo {
  std::string gid;
  uint64_t xid = 0;
  int64_t prepared_micros = 0;  // Unix time
  std::string owner;
  // The caller's locks (table and advisory locks), encoded by it: kept durably with the prepared
  // transaction and given back as they were by PreparedTransactions after a restart.
  std::string locks;
};

// An Engine is one keyspace of a RocksDB TransactionDB: Open gives the default keyspace (the
// default database, and what all databases share); OpenKeyspace gives another one (a RocksDB column
// family, one per database), sharing the RocksDB instance, its WAL and its SERIALIZABLE tracking.
// Keys are the same layout in every keyspace. Keyspaces (storage/keyspaces.cpp) are created and
// dropped through the default keyspace's Engine, which outlives the others.
class Engine {
 public:
  // Opens every keyspace in `dir`; returns the default one.
  static std::unique_ptr<Engine> Open(const std::string& dir, const EngineOptions& options);
  ~Engine();

  // Keyspaces (the default keyspace's Engine only). Names are [A-Za-z0-9_]+, "default" excluded.
  std::vector<std::string> KeyspaceNames();
  bool HasKeyspace(const std::string& name);
  // A new keyspace holding a copy of `source`'s keys (none when null), except those `skip` names.
  void CreateKeyspace(const std::string& name, Engine* source, const std::function<bool(std::string_view)>& skip);
  // The Engine of an existing keyspace (null when there is none).
  std::unique_ptr<Engine> OpenKeyspace(const std::string& name);
  // Drops the keyspace and its keys (its files go once the last Engine of it does).
  void DropKeyspace(const std::string& name);

  std::unique_ptr<Transaction> Begin(IsolationLevel level);

  // Hidden row ids for tables without a primary key: unique across transactions, resumes after a
  // restart from the largest key stored under `table_prefix`.
  uint64_t NextRowId(uint32_t table_id, const std::string& table_prefix);

  // Number of committed keys in [lower, upper): counted up to 10,000, above that approximated by
  // memtable entries plus SST bytes divided by the average entry size of a small sample. For the
  // optimizer's row estimates.
  uint64_t EstimateKeys(const std::string& lower, const std::string& upper);
  // Bytes the keys in [lower, upper) take in storage (`upper` empty: to the keyspace's end): the
  // SST files' bytes over the range as RocksDB approximates them, plus the bytes of the range's
  // live entries still in memtables. For pg_relation_size and the other size functions.
  uint64_t ApproximateBytes(const std::string& lower, const std::string& upper);

  // What SERIALIZABLE transactions currently keep (storage/ssi.hpp).
  struct SsiStats SerializableStats();
  // Prepared transactions (PREPARE TRANSACTION), those recovered at Open included, by gid.
  std::vector<Transaction::PreparedInfo> PreparedTransactions();
  // COMMIT PREPARED / ROLLBACK PREPARED: false when no prepared transaction has the gid.
  bool FinishPrepared(const std::string& gid, bool commit);
  // Every row lock held now (a scan of RocksDB's lock table: for the deadlock detector and pg_locks).
  std::vector<RowLock> RowLocks() const;

  void Flush();
  // Compacts the keys in [lower, upper) (drops deleted rows' tombstones and old versions).
  void CompactRange(const std::string& lower, const std::string& upper);
  // A consistent copy of the database in `dir` (hard links where possible).
  void Checkpoint(const std::string& dir);

 private:
  friend class Transaction;
  Engine() = default;
  std::shared_ptr<rocksdb::TransactionDB> db_;
  EngineOptions options_;
  std::shared_ptr<SsiManager> ssi_;
  Engine* root_ = this;  // the default keyspace's Engine
  std::shared_ptr<rocksdb::ColumnFamilyHandle> cf_;
  uint32_t keyspace_id_ = 0;
  std::shared_ptr<rocksdb::ColumnFamilyOptions> column_options_;  // for new keyspaces
  // The default keyspace's Engine: the other keyspaces' handles, by name.
  std::mutex keyspaces_mu_;
  std::map<std::string, std::shared_ptr<rocksdb::ColumnFamilyHandle>> keyspaces_;
  std::shared_ptr<rocksdb::ColumnFamilyHandle> Handle(rocksdb::ColumnFamilyHandle* raw);
  // Prepared transactions by gid (their RocksDB transaction names encode the PreparedInfo).
  void RecoverPrepared();
  std::mutex prepared_mu_;
  struct Prepared {
    Transaction::PreparedInfo info;
    std::unique_ptr<rocksdb::Transaction> txn;
    // Recovered at Open: RocksDB does not lock a recovered transaction's keys, so this transaction
    // of the engine holds the row locks it held, in their strengths, until it is finished.
    std::unique_ptr<rocksdb::Transaction> recovered_locks;
    SsiXact* ssi = nullptr;  // SERIALIZABLE: its record in the SsiManager, until it is finished
  };
  std::map<std::string, Prepared> prepared_;
  std::mutex rowid_mu_;
  std::map<uint32_t, uint64_t> next_rowid_;
  // One past the largest hidden row id under `table_prefix` that a prepared transaction writes
  // in this keyspace (0: none), for NextRowId (storage/prepared_row_ids.cpp).
  uint64_t PreparedRowIdEnd(const std::string& table_prefix);
  // The default keyspace's Engine: finished RocksDB transactions, which Begin reuses (RocksDB's
  // BeginTransaction with an old transaction re-initialises it instead of allocating its write
  // batch, lock tracker and the rest again: docs/performance.md, bench/embedded cause 9).
  std::mutex txn_pool_mu_;
  std::vector<std::unique_ptr<rocksdb::Transaction>> txn_pool_;
  void Recycle(std::unique_ptr<rocksdb::Transaction> txn);
  // The default keyspace's Engine: syncs the WAL after commits that did not (declared after db_:
  // it goes first).
  std::shared_ptr<WalSyncer> wal_syncer_;
  // Bulk loads (storage/bulk_load.cpp), in the default keyspace's Engine: the ranges being built.
  // DropRecordedRanges drops the recorded ranges of one keyspace that no transaction is building
  // (at Open for every keyspace, and when a transaction that recorded one ends).
  friend class BulkLoad;
  std::shared_ptr<BulkState> bulk_;
  static std::shared_ptr<BulkState> MakeBulkState(rocksdb::DB* db);
  void DropRecordedRanges(rocksdb::ColumnFamilyHandle* cf);
  void DropAllRecordedRanges();
};

}  // namespace kanto::storage
