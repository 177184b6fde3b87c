// Two-phase commit over RocksDB's TransactionDB (allow_2pc): PREPARE TRANSACTION names the
// RocksDB transaction and prepares it (its write batch goes to the WAL, its row locks stay held);
// COMMIT / ROLLBACK PREPARED finish it. The write batch also carries its prepared state
// (storage/prepared_state.hpp): the row locks it holds, in their strengths, those of SELECT ...
// FOR UPDATE / SHARE without a write included; the caller's table and advisory locks; and a
// SERIALIZABLE one's read and write ranges. At Open, TransactionDB recovers every prepared
// transaction from the WAL and RecoverPrepared adopts them, taking those row locks again (RocksDB's
// recovery does not) and a SERIALIZABLE one's SSI record, so that other sessions wait for and
// conflict with them as before the restart. The RocksDB name carries what pg_prepared_xacts
// shows: "kanto2pc <xid> <prepared_micros> <owner length> <owner><gid>".
#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/transaction_db.h>
#include <rocksdb/utilities/write_batch_with_index.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>
#include <vector>

#include "kanto/error.hpp"
#include "storage/batch_keys.hpp"
#include "storage/engine.hpp"
#include "storage/prepared_state.hpp"
#include "storage/ssi.hpp"
#include "storage/status.hpp"

namespace kanto::storage {

namespace {
constexpr const char* kNamePrefix = "kanto2pc ";

std::string EncodeName(const Transaction::PreparedInfo& info) {
  return kNamePrefix + std::to_string(info.xid) + " " + std::to_string(info.prepared_micros) + " " +
         std::to_string(info.owner.size()) + " " + info.owner + info.gid;
}

bool DecodeName(const std::string& name, Transaction::PreparedInfo* info) {
  if (name.rfind(kNamePrefix, 0) != 0) return false;
  unsigned long long xid = 0, owner_len = 0;
  long long micros = 0;
  int used = 0;
  if (std::sscanf(name.c_str() + 9, "%llu %lld %llu %n", &xid, &micros, &owner_len, &used) != 3) return false;
  size_t at = 9 + static_cast<size_t>(used);
  if (at + owner_len > name.size()) return false;
  info->xid = xid;
  info->prepared_micros = micros;
  info->owner = name.substr(at, owner_len);
  info->gid = name.substr(at + owner_len);
  return true;
}

// The row locks `txn` holds (RocksDB's lock table, whose keys are per column family).
std::vector<PreparedState::RowLock> HeldRowLocks(rocksdb::TransactionDB* db, uint64_t txn_id) {
  std::vector<PreparedState::RowLock> out;
  for (const auto& [cf, info] : db->GetLockStatusData()) {
    if (std::find(info.ids.begin(), info.ids.end(), txn_id) == info.ids.end()) continue;
    out.push_back({cf, info.key, info.exclusive});
  }
  return out;
}

// A recovered transaction's write batch: the keys it writes, and its prepared state.
class RecoveredBatch : public BatchKeys {
 public:
  std::string state;
  bool has_state = false;
  rocksdb::Status PutCF(uint32_t cf, const rocksdb::Slice& key, const rocksdb::Slice& value) override {
    if (cf == 0 && IsPreparedStateKey(std::string_view(key.data(), key.size()))) {
      state = value.ToString();
      has_state = true;
      return rocksdb::Status::OK();
    }
    return BatchKeys::PutCF(cf, key, value);
  }
  rocksdb::Status DeleteCF(uint32_t cf, const rocksdb::Slice& key) override {
    if (cf == 0 && IsPreparedStateKey(std::string_view(key.data(), key.size()))) return rocksdb::Status::OK();
    return BatchKeys::DeleteCF(cf, key);
  }
};

}  // namespace

Transaction::PrepareResult Transaction::Prepare(const PreparedInfo& given, int max_prepared) {
  // A range built by bulk load is the transaction's only once its commit deletes the range's drop
  // record (bulk_load.hpp); a prepared transaction recovered after a restart would find it dropped.
  if (!bulk_ranges_.empty()) {
    throw Error(sqlstate::kFeatureNotSupported,
                "PREPARE TRANSACTION after CREATE INDEX or ADD PRIMARY KEY on existing rows in the same transaction is not supported");
  }
  PreparedInfo info = given;
  info.xid = txn_->GetID();
  std::lock_guard<std::mutex> lock(engine_->prepared_mu_);
  if (engine_->prepared_.count(info.gid)) return PrepareResult::kDuplicate;
  if (static_cast<int>(engine_->prepared_.size()) >= max_prepared) return PrepareResult::kLimit;
  ReleaseStatementSnapshot();
  PreparedState state;
  if (ssi_) {
    // As PostgreSQL: the commit's check runs at PREPARE (40001 here); the transaction then takes
    // part in conflict detection as a prepared one until it is finished.
    CheckSerializableAtCommit();
    if (ssi_) {
      state.serializable = true;
      ssi_manager_->Describe(ssi_, &state.reads, &state.writes);
    }
  }
  state.row_locks = HeldRowLocks(db_, txn_->GetID());
  state.locks = info.locks;
  // In the prepared batch, untracked (no lock): a put for the recovery to find and a delete, so
  // that COMMIT PREPARED stores nothing of it.
  std::string key = PreparedStateKey(info.gid);
  ThrowIfError(txn_->PutUntracked(shared_cf_, key, state.Encode()));
  ThrowIfError(txn_->DeleteUntracked(shared_cf_, key));
  ThrowIfError(txn_->SetName(EncodeName(info)));
  // PREPARE and COMMIT / ROLLBACK PREPARED are always synced, whatever synchronous_commit says (as
  // in PostgreSQL): the transaction manager relies on their outcome.
  txn_->GetWriteOptions()->sync = true;
  ThrowIfError(txn_->Prepare());
  finished_ = true;
  Engine::Prepared& p = engine_->prepared_[info.gid];
  p.info = info;
  p.txn = std::move(txn_);
  p.ssi = ssi_;
  ForgetSerializable();  // the engine finishes it
  return PrepareResult::kOk;
}

void Engine::RecoverPrepared() {
  std::vector<rocksdb::Transaction*> recovered;
  db_->GetAllPreparedTransactions(&recovered);
  std::map<uint32_t, rocksdb::ColumnFamilyHandle*> families;
  families[cf_->GetID()] = cf_.get();
  {
    std::lock_guard<std::mutex> lock(keyspaces_mu_);
    for (const auto& [name, handle] : keyspaces_) families[handle->GetID()] = handle.get();
  }
  std::lock_guard<std::mutex> lock(prepared_mu_);
  for (rocksdb::Transaction* t : recovered) {
    Transaction::PreparedInfo info;
    if (!DecodeName(t->GetName(), &info)) {
      info.gid = t->GetName();  // not Kanto's naming: shown as is
    }
    Prepared& p = prepared_[info.gid];
    p.txn.reset(t);
    RecoveredBatch batch;
    ThrowIfError(t->GetWriteBatch()->GetWriteBatch()->Iterate(&batch));
    PreparedState state;
    bool has_state = batch.has_state && state.Decode(batch.state);
    if (!has_state) {
      // Prepared without a prepared state (by an older Kanto): every key it writes, and the key
      // lock of each, exclusively -- more than a non-key UPDATE took before the restart.
      for (const auto& [cf, key] : batch.keys) {
        state.row_locks.push_back({cf, key, true});
        state.row_locks.push_back({cf, KeyLockKey(key), true});
      }
    }
    info.locks = state.locks;
    p.info = info;
    rocksdb::TransactionOptions to;
    to.deadlock_detect = false;
    p.recovered_locks.reset(db_->BeginTransaction(rocksdb::WriteOptions(), to));
    for (const PreparedState::RowLock& l : state.row_locks) {
      auto family = families.find(l.cf);
      if (family == families.end()) continue;  // a dropped keyspace's: nobody can wait for it
      // Nothing else runs yet, and the prepared transactions held these together: no wait.
      ThrowIfError(p.recovered_locks->GetForUpdate(rocksdb::ReadOptions(), family->second, l.key,
                                                   static_cast<std::string*>(nullptr), l.exclusive, false));
    }
    if (state.serializable) p.ssi = ssi_->RecoverPrepared(state.reads, state.writes);
  }
}

std::vector<Transaction::PreparedInfo> Engine::PreparedTransactions() {
  if (root_ != this) return root_->PreparedTransactions();  // they belong to the instance
  std::lock_guard<std::mutex> lock(prepared_mu_);
  std::vector<Transaction::PreparedInfo> out;
  for (const auto& [gid, p] : prepared_) out.push_back(p.info);
  return out;
}

bool Engine::FinishPrepared(const std::string& gid, bool commit) {
  if (root_ != this) return root_->FinishPrepared(gid, commit);
  std::unique_ptr<rocksdb::Transaction> txn, recovered_locks;
  SsiXact* ssi = nullptr;
  {
    std::lock_guard<std::mutex> lock(prepared_mu_);
    auto it = prepared_.find(gid);
    if (it == prepared_.end()) return false;
    txn = std::move(it->second.txn);
    recovered_locks = std::move(it->second.recovered_locks);
    ssi = it->second.ssi;
    prepared_.erase(it);
  }
  txn->GetWriteOptions()->sync = true;  // a recovered transaction has RocksDB's default options
  rocksdb::Status s = commit ? txn->Commit() : txn->Rollback();
  if (ssi) ssi_->Finish(ssi, commit && s.ok());
  ThrowIfError(s);
  if (recovered_locks) ThrowIfError(recovered_locks->Rollback());  // the writes are in: release their keys
  return true;
}

}  // namespace kanto::storage
