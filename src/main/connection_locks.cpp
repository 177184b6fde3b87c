// A connection's locks and session control: the implicit relation locks of each statement, LOCK
// TABLE, advisory locks, pg_cancel_backend / pg_terminate_backend, row lock waits reported to the
// deadlock detector, and what pg_stat_activity and pg_locks show of the session.
#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "common/clock.hpp"
#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"
#include "main/duration_setting.hpp"
#include "main/result_impl.hpp"
#include "catalog/system_table_builder.hpp"
#include "planner/binder.hpp"

namespace kanto {

namespace {
constexpr size_t kActivityQueryBytes = 1024;  // PostgreSQL's track_activity_query_size

LockMode ImplicitMode(int level) {
  return level >= 3 ? LockMode::kRowExclusive : level == 2 ? LockMode::kRowShare : LockMode::kAccessShare;
}
}  // namespace

// --- the public API --------------------------------------------------------------------------

int32_t Connection::backend_pid() const { return impl_->BackendPid(); }

void Connection::SetClient(const std::string& address, int32_t port) {
  SessionState& s = impl_->session_state();
  std::lock_guard<std::mutex> lock(s.mu);
  s.client_addr = address;
  s.client_port = port;
}

void Connection::SetServerEndpoint(const std::string& address, int32_t port) {
  SessionState& s = impl_->session_state();
  std::lock_guard<std::mutex> lock(s.mu);
  s.server_addr = address;
  s.server_port = port;
}

void Connection::SetTerminateHook(std::function<void()> hook) {
  SessionState& s = impl_->session_state();
  std::lock_guard<std::mutex> lock(s.mu);
  s.on_terminate = std::move(hook);
}

bool Connection::terminate_requested() const { return impl_->session_state().terminate.load(); }

int64_t Connection::IdleTimeoutMs() const { return impl_->IdleTimeoutMs(); }

int64_t ConnectionImpl::IdleTimeoutMs() const {
  // (Asked before every read of the client's next message: parsed once per settings change.)
  const StatementSettings& settings = statement_settings();
  return transaction_status() == 'I' ? settings.idle_session_timeout_ms : settings.idle_in_transaction_session_timeout_ms;
}

// --- heavyweight locks -----------------------------------------------------------------------

LockWaitLimits ConnectionImpl::WaitLimits() const {
  // (The settings as parsed once per change: parsing them for every relation lock of every
  // statement was 2% of a prepared point select.)
  const StatementSettings& settings = statement_settings();
  LockWaitLimits l;
  if (settings.lock_timeout_ms) l.lock_deadline = SteadyMicros() + settings.lock_timeout_ms * 1000;
  l.statement_deadline = stmt_deadline_micros_;
  l.deadlock_timeout_ms = settings.deadlock_timeout_ms;
  return l;
}

bool ConnectionImpl::AcquireLock(const LockTag& tag, LockMode mode, LockScope scope, bool dont_wait, bool* waited) {
  bool held = session_.held.locks.count({tag, mode}) > 0;
  // Nothing to wait for when the session has the lock already: the limits need not be computed.
  LockWaitLimits limits = held ? LockWaitLimits{} : WaitLimits();
  return db_impl_.locks().Acquire(session_, tag, mode, scope, dont_wait, limits, waited);
}

bool ConnectionImpl::LockRelations(const std::map<uint32_t, int>& relation_locks) {
  bool any_waited = false;
  for (const auto& [oid, level] : relation_locks) {
    bool waited = false;
    AcquireLock(LockTag::Relation(oid), ImplicitMode(level & ~BinderEnv::kAlsoRowShare), LockScope::kTransaction, false,
                &waited);
    any_waited |= waited;
    if (level & BinderEnv::kAlsoRowShare) {
      AcquireLock(LockTag::Relation(oid), LockMode::kRowShare, LockScope::kTransaction, false, &waited);
      any_waited |= waited;
    }
  }
  return any_waited;
}

void ConnectionImpl::LockCommandRelations(const ast::Statement& stmt) {
  std::vector<const ast::RangeVar*> targets;
  LockMode mode = LockMode::kAccessExclusive;
  switch (stmt.kind) {
    case ast::StmtKind::kDrop: {
      const auto& d = static_cast<const ast::DropStmt&>(stmt);
      if (d.object_type != ast::DropStmt::ObjectType::kTable && d.object_type != ast::DropStmt::ObjectType::kView) return;
      for (const auto& rv : d.objects) targets.push_back(&rv);
      break;
    }
    case ast::StmtKind::kAlterTable: targets.push_back(&static_cast<const ast::AlterTableStmt&>(stmt).table); break;
    case ast::StmtKind::kAlterObjectSchema:
      targets.push_back(&static_cast<const ast::AlterObjectSchemaStmt&>(stmt).relation);
      break;
    case ast::StmtKind::kRename: {
      const auto& r = static_cast<const ast::RenameStmt&>(stmt);
      if (r.object_type == ast::RenameStmt::ObjectType::kSequence || r.object_type == ast::RenameStmt::ObjectType::kIndex) {
        return;
      }
      targets.push_back(&r.relation);
      break;
    }
    case ast::StmtKind::kTruncate:
      for (const auto& rv : static_cast<const ast::TruncateStmt&>(stmt).tables) targets.push_back(&rv);
      break;
    case ast::StmtKind::kCreateIndex:
      targets.push_back(&static_cast<const ast::CreateIndexStmt&>(stmt).table);
      mode = LockMode::kShare;
      break;
    case ast::StmtKind::kCopy: {
      const auto& c = static_cast<const ast::CopyStmt&>(stmt);
      if (!c.from) return;  // COPY TO: its query takes the locks
      targets.push_back(&c.table);
      mode = LockMode::kRowExclusive;
      break;
    }
    case ast::StmtKind::kVacuum:
      for (const auto& rv : static_cast<const ast::VacuumStmt&>(stmt).tables) targets.push_back(&rv);
      mode = LockMode::kShareUpdateExclusive;
      break;
    default: return;
  }
  auto catalog = catalog_for_statement();
  FunctionContext fn = MakeFunctionContext();  // the session's search_path
  BinderEnv env;
  env.catalog = catalog.get();
  env.fn_ctx = &fn;
  Binder binder(env);
  bool waited = false;
  for (const ast::RangeVar* rv : targets) {
    const TableEntry* t = nullptr;
    try {
      t = binder.FindTableRef(*rv);
    } catch (const Error&) {
      continue;  // the command reports a missing relation itself (or IF EXISTS skips it)
    }
    bool w = false;
    AcquireLock(LockTag::Relation(t->id), mode, LockScope::kTransaction, false, &w);
    waited |= w;
  }
  // Read committed: what the statement waited for may have changed the catalog.
  if (waited && !holds_ddl_lock_ && txn_isolation_ == storage::IsolationLevel::kReadCommitted) txn_catalog_.reset();
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunLockTable(const ast::LockStmt& stmt) {
  if (state_ == TxnState::kIdle) {
    throw Error(sqlstate::kNoActiveTransaction, "LOCK TABLE can only be used in transaction blocks");
  }
  auto catalog = catalog_for_statement();
  FunctionContext fn = MakeFunctionContext();  // the session's search_path
  BinderEnv env;
  env.catalog = catalog.get();
  env.fn_ctx = &fn;
  Binder binder(env);
  LockMode mode = static_cast<LockMode>(std::clamp(stmt.mode, 1, 8));
  for (const ast::RangeVar& rv : stmt.tables) {
    const TableEntry* t = binder.FindTableRef(rv);
    if (!AcquireLock(LockTag::Relation(t->id), mode, LockScope::kTransaction, stmt.nowait)) {
      throw Error(sqlstate::kLockNotAvailable, "could not obtain lock on relation \"" + t->name + "\"");
    }
  }
  return TagOnly("LOCK TABLE");
}

void ConnectionImpl::EndTransactionLocks() {
  db_impl_.locks().ReleaseAll(session_, LockScope::kTransaction);
  published_txn_id_ = 0;
  xid_forced_ = false;
  std::lock_guard<std::mutex> lock(session_.mu);
  session_.txn_id = 0;
  session_.xid_assigned = false;
  session_.xact_start_micros = 0;
}

void ConnectionImpl::PublishTransaction() {
  txn_->SetWaitObserver(this);
  uint64_t id = txn_->Id();
  if (id == published_txn_id_) return;
  published_txn_id_ = id;
  std::lock_guard<std::mutex> lock(session_.mu);
  session_.txn_id = id;
  session_.local_xid++;
  if (!session_.xact_start_micros) session_.xact_start_micros = txn_start_micros_;
}

// --- advisory locks and signals --------------------------------------------------------------

bool ConnectionImpl::Advisory(const AdvisoryKey& key, bool shared, bool xact, AdvisoryOp op) {
  LockTag tag = key.pair ? LockTag::Advisory(key.key1, key.key2) : LockTag::Advisory(key.key);
  LockMode mode = shared ? LockMode::kShare : LockMode::kExclusive;
  if (op == AdvisoryOp::kUnlock) {
    if (db_impl_.locks().Release(session_, tag, mode, LockScope::kSession)) return true;
    Warning(std::string("you don't own a lock of type ") + LockModeName(mode));
    return false;
  }
  return AcquireLock(tag, mode, xact ? LockScope::kTransaction : LockScope::kSession, op == AdvisoryOp::kTryLock);
}

void ConnectionImpl::AdvisoryUnlockAll() { db_impl_.locks().ReleaseAll(session_, LockScope::kSession, true); }

bool ConnectionImpl::SignalBackend(int32_t pid, bool terminate) {
  if (db_impl_.sessions().Signal(pid, terminate)) return true;
  Warning("PID " + std::to_string(pid) + " is not a PostgreSQL backend process");
  return false;
}

void ConnectionImpl::Warning(const std::string& message) { notices_.push_back(Error("01000", message)); }

void ConnectionImpl::Sleep(double seconds) {
  if (!(seconds > 0)) return;
  int64_t end = SteadyMicros() + static_cast<int64_t>(std::min(seconds, 1e9) * 1e6);
  LockWaitLimits limits;
  limits.statement_deadline = stmt_deadline_micros_;
  while (true) {
    int64_t now = SteadyMicros();
    CheckLockWaitEnd(session_, limits, now);
    if (now >= end) return;
    std::this_thread::sleep_for(std::chrono::microseconds(std::min<int64_t>(end - now, 10000)));
  }
}

// --- row lock waits --------------------------------------------------------------------------

void ConnectionImpl::RowWaitBegin(std::string_view key, bool exclusive) {
  next_deadlock_check_ =
      SteadyMicros() + statement_settings().deadlock_timeout_ms * 1000;
  std::lock_guard<std::mutex> lock(session_.mu);
  session_.row_waiting = true;
  session_.row_wait_key.assign(key);
  session_.row_wait_exclusive = exclusive;
  session_.row_wait_start_micros = WallMicros();
  session_.wait_event_type = "Lock";
  session_.wait_event = "transactionid";
}

void ConnectionImpl::RowWaitEnd() {
  std::lock_guard<std::mutex> lock(session_.mu);
  session_.row_waiting = false;
  session_.row_wait_key.clear();
  session_.wait_event_type.clear();
  session_.wait_event.clear();
}

void ConnectionImpl::RowWaitTick(int64_t) {
  if (session_.terminate.load()) throw Error("57P01", "terminating connection due to administrator command");
  if (SteadyMicros() < next_deadlock_check_) return;
  db_impl_.locks().CheckDeadlock(session_);
  next_deadlock_check_ =
      SteadyMicros() + statement_settings().deadlock_timeout_ms * 1000;
}

// --- pg_stat_activity and pg_locks -----------------------------------------------------------

void ConnectionImpl::SetActivityQuery(std::string_view text) {
  activity_query_.assign(text.substr(0, kActivityQueryBytes));
}

void ConnectionImpl::ReportActivityStart() {
  int64_t now = WallMicros();
  std::lock_guard<std::mutex> lock(session_.mu);
  session_.state = "active";
  session_.query_start_micros = now;
  session_.state_change_micros = now;
  if (!activity_query_.empty()) session_.query.swap(activity_query_);
  activity_query_.clear();
}

void ConnectionImpl::ReportActivityEnd() {
  bool wrote = txn_ && (xid_forced_ || txn_->WriteCount() > 0);
  const char* state = state_ == TxnState::kIdle     ? "idle"
                      : state_ == TxnState::kFailed ? "idle in transaction (aborted)"
                                                    : "idle in transaction";
  std::lock_guard<std::mutex> lock(session_.mu);
  session_.state = state;
  session_.state_change_micros = WallMicros();
  session_.xid_assigned = wrote;
  const std::string& app = GetSetting("application_name");
  if (session_.application_name != app) session_.application_name = app;
}

std::vector<ActivityRow> ConnectionImpl::Activity() const {
  std::vector<ActivityRow> out;
  db_impl_.sessions().ForEach([&](const SessionState& s) {
    std::lock_guard<std::mutex> lock(s.mu);
    ActivityRow a;
    a.pid = s.pid;
    a.user = s.user;
    a.application_name = s.application_name;
    a.client_addr = s.client_addr;
    a.client_port = s.client_port;
    a.backend_start = s.backend_start_micros;
    a.xact_start = s.xact_start_micros;
    a.query_start = s.query_start_micros;
    a.state_change = s.state_change_micros;
    a.wait_event_type = s.wait_event_type;
    a.wait_event = s.wait_event;
    a.state = s.state;
    a.query = s.query;
    a.backend_xid = s.xid_assigned ? s.txn_id : 0;
    out.push_back(std::move(a));
  });
  return out;
}

std::vector<LockRow> ConnectionImpl::Locks() const {
  std::vector<LockRow> out;
  const uint32_t db = db_impl_.id();
  for (const LockStatus& l : db_impl_.locks().Status()) {
    LockRow r;
    r.pid = l.pid;
    r.mode = LockModeName(l.mode);
    r.granted = l.granted;
    r.waitstart = l.wait_start_micros;
    if (l.tag.kind == LockTag::Kind::kRelation) {
      r.locktype = "relation";
      r.database = db;
      r.relation = l.tag.id1;
    } else {
      r.locktype = "advisory";
      r.database = db;
      r.classid = l.tag.id1;
      r.objid = l.tag.id2;
      r.objsubid = static_cast<int16_t>(l.tag.id3);
    }
    out.push_back(std::move(r));
  }
  // Transactions: each holds its virtual id, and its transaction id once it has written; a row
  // lock wait is a wait for the holder's transaction id, as in PostgreSQL.
  struct RowWait {
    int32_t pid;
    uint64_t txn_id;
    std::string key;
    int64_t since;
  };
  std::vector<RowWait> row_waits;
  std::map<int32_t, std::string> virtual_ids;
  db_impl_.sessions().ForEach([&](const SessionState& s) {
    std::lock_guard<std::mutex> lock(s.mu);
    virtual_ids[s.pid] = std::to_string(s.pid) + "/" + std::to_string(s.local_xid);
    if (!s.txn_id) return;
    LockRow v;
    v.locktype = "virtualxid";
    v.virtualxid = std::to_string(s.pid) + "/" + std::to_string(s.local_xid);
    v.pid = s.pid;
    v.mode = "ExclusiveLock";
    v.granted = true;
    out.push_back(v);
    if (s.xid_assigned) {
      LockRow x;
      x.locktype = "transactionid";
      x.transactionid = s.txn_id;
      x.pid = s.pid;
      x.mode = "ExclusiveLock";
      x.granted = true;
      out.push_back(x);
    }
    if (s.row_waiting) row_waits.push_back({s.pid, s.txn_id, s.row_wait_key, s.row_wait_start_micros});
  });
  if (!row_waits.empty()) {
    for (const storage::RowLock& held : db_impl_.engine().RowLocks()) {
      for (const RowWait& w : row_waits) {
        if (held.key != w.key) continue;
        for (uint64_t id : held.txn_ids) {
          if (id == w.txn_id) continue;
          LockRow x;
          x.locktype = "transactionid";
          x.transactionid = id;
          x.pid = w.pid;
          x.mode = "ShareLock";
          x.waitstart = w.since;
          out.push_back(x);
        }
      }
    }
  }
  for (LockRow& r : out) r.virtualtransaction = virtual_ids[r.pid];
  return out;
}

}  // namespace kanto
