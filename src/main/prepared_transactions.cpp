// PREPARE TRANSACTION 'gid' / COMMIT PREPARED 'gid' / ROLLBACK PREPARED 'gid' (two-phase commit):
// the session's transaction becomes a prepared transaction of the engine (storage/engine.hpp),
// which keeps its writes and row locks, survives a restart or a crash, and is finished by any
// session. max_prepared_transactions (Options, `kanto serve -c max_prepared_transactions=N`)
// bounds how many may exist; 0, PostgreSQL's default, disables them. PostgreSQL's errors: every
// failure of PREPARE TRANSACTION rolls the transaction back.

#include "common/clock.hpp"
#include "kanto/error.hpp"
#include "main/cluster.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

namespace {
constexpr size_t kMaxGidLength = 199;  // PostgreSQL's GIDSIZE, less its terminator
}  // namespace

std::unique_ptr<ResultImpl> ConnectionImpl::RunPrepareTransaction(const std::string& gid) {
  if (state_ == TxnState::kIdle) return TagOnly("ROLLBACK");  // WARNING: there is no transaction in progress
  if (state_ == TxnState::kFailed || !txn_) {
    RollbackTransaction();
    state_ = TxnState::kIdle;
    return TagOnly("ROLLBACK");
  }
  state_ = TxnState::kIdle;
  auto refuse = [&](Error e) {
    RollbackTransaction();
    throw e;
  };
  // In PostgreSQL's order: WITH HOLD cursors, LISTEN / NOTIFY state, then the identifier, then
  // the limit.
  if (cursors_.DeclaredWithHold()) {
    refuse(Error(sqlstate::kFeatureNotSupported, "cannot PREPARE a transaction that has created a cursor WITH HOLD"));
  }
  if (notifications_.HasPendingActions()) {
    refuse(Error(sqlstate::kFeatureNotSupported,
                 "cannot PREPARE a transaction that has executed LISTEN, UNLISTEN, or NOTIFY"));
  }
  if (holds_ddl_lock_) {
    // Kanto publishes catalog changes at commit from the session; a prepared transaction has none.
    refuse(Error(sqlstate::kFeatureNotSupported, "PREPARE TRANSACTION after schema changes is not supported"));
  }
  if (gid.size() > kMaxGidLength) {
    refuse(Error(sqlstate::kInvalidParameterValue, "transaction identifier \"" + gid + "\" is too long"));
  }
  int max = db_impl_.options().max_prepared_transactions;
  if (max == 0) {
    refuse(Error(sqlstate::kObjectNotInPrerequisiteState, "prepared transactions are disabled")
               .WithHint("Set max_prepared_transactions to a nonzero value."));
  }
  if (LockManager::HoldsBothScopes(session_)) {
    refuse(Error(sqlstate::kFeatureNotSupported,
                 "cannot PREPARE while holding both session-level and transaction-level locks on the same object"));
  }
  cursors_.AtTransactionEnd(false);  // (its cursors read in the storage transaction: they close first)
  storage::Transaction::PreparedInfo info;
  info.gid = gid;
  info.owner = user_;
  info.prepared_micros = WallMicros();
  info.locks = LockManager::EncodeTransactionLocks(session_, db_impl_.id());
  auto r = storage::Transaction::PrepareResult::kOk;
  try {
    r = txn_->Prepare(info, max);
  } catch (Error& e) {
    refuse(e);
  }
  if (r == storage::Transaction::PrepareResult::kDuplicate) {
    refuse(Error(sqlstate::kDuplicateObject, "transaction identifier \"" + gid + "\" is already in use"));
  }
  if (r == storage::Transaction::PrepareResult::kLimit) {
    refuse(Error(sqlstate::kOutOfMemory, "maximum number of prepared transactions reached")
               .WithHint("Increase max_prepared_transactions (currently " + std::to_string(max) + ")."));
  }
  txn_.reset();  // finished: the engine holds the prepared storage transaction
  db_impl_.locks().TransferToPrepared(session_, gid);  // and the lock manager its table and advisory locks
  RollbackTransaction();  // the session's part: SET LOCAL, transaction modes, cursors
  return TagOnly("PREPARE TRANSACTION");
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunFinishPrepared(const std::string& gid, bool commit) {
  const char* name = commit ? "COMMIT PREPARED" : "ROLLBACK PREPARED";
  if (state_ == TxnState::kFailed) {
    throw Error(sqlstate::kInFailedTransaction,
                "current transaction is aborted, commands ignored until end of transaction block");
  }
  if (state_ != TxnState::kIdle) {
    AbortAfterError();
    throw Error(sqlstate::kActiveSqlTransaction, std::string(name) + " cannot run inside a transaction block");
  }
  for (const auto& p : db_impl_.engine().PreparedTransactions()) {
    uint32_t database = p.gid == gid ? LockManager::PreparedDatabase(p.locks) : 0;
    if (database != 0 && database != db_impl_.id()) {
      throw Error(sqlstate::kFeatureNotSupported, "prepared transaction belongs to another database")
          .WithHint("Connect to the database where the transaction was prepared to finish it.");
    }
  }
  if (!db_impl_.engine().FinishPrepared(gid, commit)) {
    throw Error(sqlstate::kUndefinedObject, "prepared transaction with identifier \"" + gid + "\" does not exist");
  }
  db_impl_.locks().ReleasePrepared(gid);
  return TagOnly(name);
}

std::vector<SessionSettings::PreparedXact> ConnectionImpl::PreparedTransactions() const {
  std::vector<PreparedXact> out;
  std::map<uint32_t, std::string> names;
  std::string current = MakeFunctionContext().current_database;
  for (const auto& p : db_impl_.engine().PreparedTransactions()) {
    // The database that prepared it (named by its lock encoding; unknown: this one).
    uint32_t database = LockManager::PreparedDatabase(p.locks);
    if (database != 0 && database != db_impl_.id() && names.empty()) names = db_impl_.cluster().DatabaseNames();
    auto name = names.find(database);
    out.push_back({p.xid, p.gid, p.prepared_micros, p.owner, name != names.end() ? name->second : current});
  }
  return out;
}

}  // namespace kanto
