// Two-phase commit over RocksDB's TransactionDB (allow_2pc): PREPARE TRANSACTION names the
// RocksDB transaction and prepares it (its write batch goes to the WAL, its row locks stay held);
// COMMIT / ROLLBACK PREPARED finish it. At Open, TransactionDB recovers every prepared transaction
// from the WAL and RecoverPrepared adopts them, locking the keys each one writes again (RocksDB's
// recovery does not), so that other sessions wait for them as before the restart. The RocksDB name
// carries what pg_prepared_xacts shows: "kanto2pc <xid> <prepared_micros> <owner length> <owner><gid>".
#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/transaction_db.h>
#include <rocksdb/utilities/write_batch_with_index.h>
#include <rocksdb/write_batch.h>

#include <cstdio>
#include <map>
#include <utility>
#include <vector>

#include "kanto/error.hpp"
#include "storage/batch_keys.hpp"
#include "storage/engine.hpp"
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

}  // namespace

Transaction::PrepareResult Transaction::Prepare(const PreparedInfo& given, int max_prepared) {
  if (ssi_) {
    // Its read/write dependencies would have to outlive the session and a restart.
    throw Error(sqlstate::kFeatureNotSupported, "PREPARE TRANSACTION of a SERIALIZABLE transaction is not supported");
  }
  PreparedInfo info = given;
  info.xid = txn_->GetID();
  std::lock_guard<std::mutex> lock(engine_->prepared_mu_);
  if (engine_->prepared_.count(info.gid)) return PrepareResult::kDuplicate;
  if (static_cast<int>(engine_->prepared_.size()) >= max_prepared) return PrepareResult::kLimit;
  ReleaseStatementSnapshot();
  ThrowIfError(txn_->SetName(EncodeName(info)));
  ThrowIfError(txn_->Prepare());
  finished_ = true;
  engine_->prepared_[info.gid] = {info, std::move(txn_)};
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
    p.info = info;
    p.txn.reset(t);
    BatchKeys batch;
    ThrowIfError(t->GetWriteBatch()->GetWriteBatch()->Iterate(&batch));
    rocksdb::TransactionOptions to;
    to.deadlock_detect = false;
    p.recovered_locks.reset(db_->BeginTransaction(rocksdb::WriteOptions(), to));
    for (const auto& [cf, key] : batch.keys) {
      auto family = families.find(cf);
      if (family == families.end()) continue;  // a dropped keyspace's: nobody can wait for it
      // Nothing else runs yet, and the prepared transactions' writes did not conflict: no wait.
      ThrowIfError(p.recovered_locks->GetForUpdate(rocksdb::ReadOptions(), family->second, key, static_cast<std::string*>(nullptr), true, false));
      // Which strength the write took is not in the batch: the key lock too, FOR UPDATE (a
      // DELETE's or key UPDATE's; more than a non-key UPDATE took before the restart).
      ThrowIfError(p.recovered_locks->GetForUpdate(rocksdb::ReadOptions(), family->second, KeyLockKey(key),
                                                   static_cast<std::string*>(nullptr), true, false));
    }
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
  {
    std::lock_guard<std::mutex> lock(prepared_mu_);
    auto it = prepared_.find(gid);
    if (it == prepared_.end()) return false;
    txn = std::move(it->second.txn);
    recovered_locks = std::move(it->second.recovered_locks);
    prepared_.erase(it);
  }
  ThrowIfError(commit ? txn->Commit() : txn->Rollback());
  if (recovered_locks) ThrowIfError(recovered_locks->Rollback());  // the writes are in: release their keys
  return true;
}

}  // namespace kanto::storage
