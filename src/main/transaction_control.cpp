// The transaction state machine of a connection: BEGIN / START TRANSACTION, COMMIT, ROLLBACK,
// SAVEPOINT / RELEASE / ROLLBACK TO, AND CHAIN, PREPARE TRANSACTION and its COMMIT / ROLLBACK
// PREPARED; beginning, committing and rolling back the storage transaction (deferred constraint
// checks, locks, notifications, the catalog changes it made). Running statements inside it is
// connection.cpp's.
#include <cctype>

#include "common/clock.hpp"
#include "kanto/error.hpp"
#include "main/cluster.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

void ConnectionImpl::BeginTransaction(storage::IsolationLevel level) {
  if (db_impl_.dropped()) {
    throw Error(sqlstate::kInvalidCatalogName, "database \"" + database_name_ + "\" does not exist");
  }
  txn_ = db_impl_.engine().Begin(level);
  txn_isolation_ = level;
  txn_catalog_ = db_impl_.catalog().Current();
  txn_start_micros_ = WallMicros();
  savepoints_.clear();
  deferred_.Clear();
}

void ConnectionImpl::RunDeferredChecks() {
  auto catalog = catalog_for_statement();
  FunctionContext fn = MakeFunctionContext();
  fn.catalog = catalog.get();
  ExecutionContext ctx = MakeExecutionContext(fn, nullptr, nullptr);
  ctx.deferred = nullptr;  // every check runs now
  access::ReferentialQueue(ctx, nullptr).RunNow(deferred_.TakeDue(*catalog, true));
}

std::string NormalizeSynchronousCommit(const std::string& value) {
  std::string v;
  for (char c : value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* name : {"local", "remote_write", "remote_apply", "on", "off"}) {
    if (v == name) return v;
  }
  // PostgreSQL's hidden spellings (whole words only, unlike a Boolean parameter's prefixes).
  if (v == "true" || v == "yes" || v == "1") return "on";
  if (v == "false" || v == "no" || v == "0") return "off";
  throw Error(sqlstate::kInvalidParameterValue, "invalid value for parameter \"synchronous_commit\": \"" + value + "\"")
      .WithHint("Available values: local, remote_write, remote_apply, on, off.");
}

// synchronous_commit as it stands at COMMIT (SET LOCAL included) decides whether the commit waits
// for the WAL sync: "off" returns once the commit record is written to the operating system
// (storage::Transaction::SetSyncCommit says what a crash may lose then).
void ConnectionImpl::CommitTransaction() {
  try {
    if (!deferred_.empty()) RunDeferredChecks();
    cursors_.BeforeCommit();  // WITH HOLD cursors read the rest of their rows
  } catch (...) {
    RollbackTransaction();
    throw;
  }
  deferred_.Clear();
  ApplyOnCommit();
  bool sync = statement_settings().synchronous_commit;
  RestoreLocalSettings();
  EndTransactionRole(true);
  EndTransactionModes();
  cursors_.AtTransactionEnd(true);
  auto txn = std::move(txn_);
  bool had_ddl = holds_ddl_lock_;
  holds_ddl_lock_ = false;
  savepoints_.clear();
  txn_start_micros_ = 0;
  try {
    notifications_.Commit(session_.pid, [&] {
      txn->SetSyncCommit(sync);
      txn->Commit();
    });
  } catch (...) {
    notifications_.Rollback();  // an uncommitted storage transaction rolls back as `txn` goes
    if (had_ddl) db_impl_.catalog().Unlock();
    txn_catalog_.reset();
    EndTransactionLocks();
    throw;
  }
  if (had_ddl) db_impl_.catalog().PublishAndUnlock(txn_catalog_);
  txn_catalog_.reset();
  EndTransactionLocks();
  if (shared_changed_) {
    shared_changed_ = false;
    db_impl_.cluster().RefreshShared();
  }
}

void ConnectionImpl::RollbackTransaction() {
  deferred_.Clear();
  ForgetOnCommitDrops();
  RestoreLocalSettings();
  EndTransactionRole(false);
  EndTransactionModes();
  cursors_.AtTransactionEnd(false);
  auto txn = std::move(txn_);
  savepoints_.clear();
  txn_start_micros_ = 0;
  if (holds_ddl_lock_) {
    holds_ddl_lock_ = false;
    db_impl_.catalog().Unlock();
  }
  txn_catalog_.reset();
  shared_changed_ = false;
  notifications_.Rollback();
  if (txn) txn->Rollback();
  EndTransactionLocks();
}

void ConnectionImpl::RollbackToLastSavepoint() {
  cursors_.BeforeSavepointRollback(savepoints_.size(), txn_->WriteCount() > 0);
  txn_->RollbackToSavePoint();
  txn_catalog_ = savepoints_.back().catalog;
  notifications_.RollbackTo(savepoints_.back().notify);
  db_impl_.locks().ReleaseTransactionLocksAfter(session_, savepoints_.back().locks);
}

std::shared_ptr<Catalog> ConnectionImpl::BeginCatalogChange() {
  if (!holds_ddl_lock_) {
    db_impl_.catalog().LockDdl(10000);
    holds_ddl_lock_ = true;
    // Start from the newest published catalog: nobody else can change it now.
    txn_catalog_ = db_impl_.catalog().Current();
  }
  return std::make_shared<Catalog>(*txn_catalog_);
}

void ConnectionImpl::FinishCatalogChange(std::shared_ptr<Catalog> changed) { txn_catalog_ = std::move(changed); }

std::unique_ptr<ResultImpl> ConnectionImpl::RunTransactionStmt(const ast::TransactionStmt& stmt) {
  using T = ast::TransactionStmt::Type;
  switch (stmt.type) {
    case T::kBegin:
    case T::kStart: {
      if (state_ != TxnState::kIdle) {
        // PostgreSQL warns and keeps going; the block continues.
        return TagOnly("BEGIN");
      }
      std::string iso = stmt.modes.isolation.empty()
                            ? GetSetting("default_transaction_isolation")
                            : NormalizeIsolationSetting("transaction_isolation", stmt.modes.isolation);
      BeginTransaction(ParseIsolation(iso));
      StartTransactionModes(stmt.modes);
      chain_modes_ = {};
      state_ = TxnState::kInBlock;
      return TagOnly("BEGIN");
    }
    case T::kCommit:
    case T::kRollback: {
      bool commit = stmt.type == T::kCommit;
      if (state_ == TxnState::kIdle) {
        if (stmt.chain) {
          throw Error(sqlstate::kNoActiveTransaction,
                      std::string(commit ? "COMMIT" : "ROLLBACK") + " AND CHAIN can only be used in transaction blocks");
        }
        return TagOnly(commit ? "COMMIT" : "ROLLBACK");  // WARNING: there is no transaction in progress
      }
      // AND CHAIN: the next transaction has this one's isolation level, READ ONLY and DEFERRABLE
      // modes (as they are now, SET TRANSACTION included).
      // A failed block whose storage transaction is gone has the modes it started with (as in
      // PostgreSQL, the abort undoes BEGIN's and SET TRANSACTION's modes, not a chain's).
      ast::TransactionModes chained = txn_ ? CurrentTransactionModes() : chain_modes_;
      commit = commit && state_ != TxnState::kFailed;  // a failed block rolls back
      state_ = TxnState::kIdle;
      if (commit) {
        CommitTransaction();  // when the commit fails, no transaction follows it
      } else {
        RollbackTransaction();
      }
      if (stmt.chain) {
        BeginTransaction(ParseIsolation(chained.isolation));
        StartTransactionModes(chained);
        chain_modes_ = chained;
        state_ = TxnState::kInBlock;
      }
      return TagOnly(commit ? "COMMIT" : "ROLLBACK");
    }
    case T::kSavepoint: {
      if (state_ == TxnState::kIdle) {
        throw Error(sqlstate::kNoActiveTransaction, "SAVEPOINT can only be used in transaction blocks");
      }
      if (state_ == TxnState::kFailed) throw Error(sqlstate::kInFailedTransaction, kAbortedTransactionMessage);
      txn_->SetSavePoint();
      savepoints_.push_back({stmt.savepoint, txn_catalog_, notifications_.mark(), session_.held.transaction_order.size()});
      return TagOnly("SAVEPOINT");
    }
    case T::kRelease:
    case T::kRollbackTo: {
      bool rollback = stmt.type == T::kRollbackTo;
      if (state_ == TxnState::kIdle) {
        throw Error(sqlstate::kNoActiveTransaction,
                    std::string(rollback ? "ROLLBACK TO SAVEPOINT" : "RELEASE SAVEPOINT") +
                        " can only be used in transaction blocks");
      }
      if (!rollback && state_ == TxnState::kFailed) throw Error(sqlstate::kInFailedTransaction, kAbortedTransactionMessage);
      int found = -1;
      for (int i = static_cast<int>(savepoints_.size()) - 1; i >= 0; i--) {
        if (savepoints_[i].name == stmt.savepoint) {
          found = i;
          break;
        }
      }
      if (found < 0) {
        // An error inside a transaction block aborts it, as in PostgreSQL.
        if (state_ != TxnState::kFailed) AbortAfterError();
        throw Error(sqlstate::kSavepointException, "savepoint \"" + stmt.savepoint + "\" does not exist");
      }
      // Savepoints above the target go away.
      while (static_cast<int>(savepoints_.size()) - 1 > found) {
        txn_->PopSavePoint();
        savepoints_.pop_back();
      }
      if (rollback) {
        RollbackToLastSavepoint();
        // ROLLBACK TO keeps the savepoint itself.
        txn_->SetSavePoint();
        state_ = TxnState::kInBlock;
        return TagOnly("ROLLBACK");
      }
      txn_->PopSavePoint();
      savepoints_.pop_back();
      cursors_.AfterSavepointRelease(savepoints_.size());
      return TagOnly("RELEASE");
    }
    case T::kPrepare: return RunPrepareTransaction(stmt.gid);
    case T::kCommitPrepared:
    case T::kRollbackPrepared: return RunFinishPrepared(stmt.gid, stmt.type == T::kCommitPrepared);
  }
  throw Error(sqlstate::kFeatureNotSupported, "this transaction statement is not supported");
}

}  // namespace kanto
