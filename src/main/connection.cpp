#include <algorithm>
#include <chrono>

#include "catalog/row_type.hpp"
#include "common/clock.hpp"
#include "common/stack_depth.hpp"
#include "execution/expression_executor.hpp"
#include "function/cast.hpp"
#include "execution/explain_document.hpp"
#include "execution/physical_planner.hpp"
#include "execution/operator/physical_lock_rows.hpp"
#include "kanto/error.hpp"
#include "commands/database_directory.hpp"
#include "main/cluster.hpp"
#include "main/connection_impl.hpp"
#include "main/duration_setting.hpp"
#include "main/literal_plan_cache.hpp"
#include "main/memory_setting.hpp"
#include "main/data_modifying_with.hpp"
#include "main/database_impl.hpp"
#include "main/result_impl.hpp"
#include "main/session_time_zone.hpp"
#include "optimizer/optimizer.hpp"
#include "parser/parser.hpp"
#include "planner/binder.hpp"

namespace kanto {

ConnectionImpl::ConnectionImpl(std::shared_ptr<Database> db)
    : db_(std::move(db)), db_impl_(db_->impl()), sequences_(db_impl_.sequences()),
      notifications_(db_impl_.notifications()) {
  literal_cache_ = std::make_unique<LiteralPlanCache>();
  db_impl_.AddConnection();
  ResetSettings();
  session_.cancel = &cancel_;
  session_.user = user_;
  session_.backend_start_micros = WallMicros();
  session_.state_change_micros = session_.backend_start_micros;
  db_impl_.sessions().Add(&session_);
  auto catalog = db_impl_.catalog().Current();
  database_name_ = catalog->database_name();
  directory_ = db_impl_.cluster().Directory(db_impl_.id());
  // ALTER DATABASE ... SET: this database's defaults (those that are no longer valid are skipped).
  if (const DatabaseEntry* entry = catalog->GetDatabase(db_impl_.id())) {
    for (const auto& [name, value] : entry->settings) {
      try {
        SetSessionDefault(name, value);
      } catch (const Error&) {
      }
    }
  }
}

ConnectionImpl::~ConnectionImpl() {
  if (txn_) {
    try {
      RollbackTransaction();
    } catch (...) {
    }
  }
  DropTempObjects();
  db_impl_.locks().ReleaseAll(session_, LockScope::kSession);
  db_impl_.sessions().Remove(&session_);
  db_impl_.RemoveConnection();
}

char ConnectionImpl::transaction_status() const {
  switch (state_) {
    case TxnState::kIdle: return 'I';
    case TxnState::kInBlock: return 'T';
    case TxnState::kFailed: return 'E';
  }
  return 'I';
}


FunctionContext ConnectionImpl::MakeFunctionContext() const {
  FunctionContext& base = function_base_;
  if (function_base_version_ != settings_.version() || base.current_user != user_ ||
      base.session_user != role_state_.session_user ||
      base.search_path.temp_schema_id != temp_schema_id_) {
    base.time_zone_name = GetSetting("timezone");
    base.time_zone = SessionTimeZone(base.time_zone_name);
    base.settings = const_cast<ConnectionImpl*>(this);
    base.current_user = user_;
    base.session_user = role_state_.session_user;
    base.current_database = database_name_;
    base.search_path.entries = ParseSearchPath(GetSetting("search_path"));
    base.search_path.user = user_;
    base.search_path.temp_schema_id = temp_schema_id_;
    base.sequences = const_cast<SequenceSession*>(&sequences_);
    base.notifications = const_cast<SessionNotifications*>(&notifications_);
    base.session = const_cast<ConnectionImpl*>(this);
    function_base_version_ = settings_.version();
  }
  FunctionContext ctx = base;
  ctx.transaction_start_micros = txn_start_micros_ ? txn_start_micros_ : WallMicros();
  ctx.statement_start_micros = stmt_start_micros_ ? stmt_start_micros_ : ctx.transaction_start_micros;
  return ctx;
}

storage::IsolationLevel ConnectionImpl::ParseIsolation(const std::string& text) const {
  if (text == "repeatable read") return storage::IsolationLevel::kRepeatableRead;
  if (text == "serializable") return storage::IsolationLevel::kSerializable;
  return storage::IsolationLevel::kReadCommitted;  // read committed, read uncommitted
}

const std::shared_ptr<const Catalog>& ConnectionImpl::catalog_for_statement() {
  if (!txn_catalog_ || (!holds_ddl_lock_ && txn_isolation_ == storage::IsolationLevel::kReadCommitted)) {
    txn_catalog_ = db_impl_.catalog().Current();
  }
  return txn_catalog_;
}

namespace {
// Statements that read no table data: they neither take the transaction's snapshot nor need a
// statement savepoint (SET TRANSACTION ISOLATION LEVEL may follow them).
bool IsSessionStatement(const ast::Statement& stmt) {
  return stmt.kind == ast::StmtKind::kSet || stmt.kind == ast::StmtKind::kShow;
}
}  // namespace

void ConnectionImpl::AbortAfterError() {
  // The statement's own savepoint is on top when it ran inside a user's savepoint (RunOne).
  if (!savepoints_.empty() && savepoints_.back().name.empty()) {
    RollbackToLastSavepoint();
    savepoints_.pop_back();
  }
  state_ = TxnState::kFailed;
  if (savepoints_.empty()) {
    // As PostgreSQL aborts the transaction at the error: its writes and locks go now; the block
    // waits for ROLLBACK.
    RollbackTransaction();
    return;
  }
  // Inside a savepoint only the innermost subtransaction aborts; ROLLBACK TO resumes from there.
  RollbackToLastSavepoint();
  txn_->SetSavePoint();
}

QueryResult ConnectionImpl::Run(const ast::Statement& stmt, const std::vector<Value>& params, bool stream) {
  if (open_) DrainOpen();
  if (session_.terminate.load()) {
    return QueryResult(Error("57P01", "terminating connection due to administrator command"));
  }
  ReportActivityStart();
  stream_stmt_ = stream ? &stmt : nullptr;
  QueryResult r = RunOne(stmt, params);
  stream_stmt_ = nullptr;
  if (r.is_streaming()) {
    // The notices so far go with the header; activity and the rest follow at the end.
    r.impl()->notices = std::move(notices_);
    notices_.clear();
    return r;
  }
  return FinishRun(std::move(r));
}

QueryResult ConnectionImpl::FinishRun(QueryResult r) {
  // pg_terminate_backend ended the statement: the session ends with 57P01 (the server sends it as FATAL).
  if (!r.ok() && session_.terminate.load()) r = QueryResult(Error("57P01", "terminating connection due to administrator command"));
  ReportActivityEnd();
  if (!notices_.empty()) {
    if (!r.impl()) r = QueryResult(std::make_unique<ResultImpl>());
    auto& out = r.impl()->notices;
    out.insert(out.end(), notices_.begin(), notices_.end());
    notices_.clear();
  }
  // client_min_messages: warning drops the NOTICEs, error the WARNINGs too (class 01).
  int min_level = statement_settings().client_min_messages;
  if (r.impl() && min_level > 0 && !r.impl()->notices.empty()) {
    auto& out = r.impl()->notices;
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Error& n) { return min_level == 2 || n.sqlstate().rfind("01", 0) != 0; }),
              out.end());
  }
  return r;
}

void ConnectionImpl::FailStatement(bool autocommit) {
  try {
    if (autocommit) {
      RollbackTransaction();
    } else {
      AbortAfterError();
    }
  } catch (...) {
    state_ = TxnState::kFailed;
  }
}

QueryResult ConnectionImpl::RunOne(const ast::Statement& stmt, const std::vector<Value>& params) {
  cancel_.store(false);
  stmt_start_micros_ = WallMicros();
  const StatementSettings& settings = statement_settings();
  int64_t timeout_ms = settings.statement_timeout_ms;
  stmt_deadline_micros_ = timeout_ms ? SteadyMicros() + timeout_ms * 1000 : 0;
  if (stmt.kind == ast::StmtKind::kTransaction) {
    try {
      return QueryResult(RunTransactionStmt(static_cast<const ast::TransactionStmt&>(stmt)));
    } catch (Error& e) {
      return QueryResult(std::move(e));
    }
  }
  if (state_ == TxnState::kFailed) return QueryResult(Error(sqlstate::kInFailedTransaction, kAbortedTransactionMessage));

  bool autocommit = txn_ == nullptr;
  bool session_stmt = IsSessionStatement(stmt);
  try {
    if (autocommit) {
      BeginTransaction(settings.default_isolation);
      StartTransactionModes({});
    } else if (!session_stmt && !savepoints_.empty()) {
      // Inside a user's savepoint the statement has its own on top (AbortAfterError). Outside
      // one it needs none: an error rolls the whole transaction back, and a RocksDB savepoint
      // tracks every row lock a second time (8% of a bulk insert: docs/performance.md,
      // bench/embedded cause 12).
      txn_->SetSavePoint();
      savepoints_.push_back({"", txn_catalog_, notifications_.mark(), session_.held.transaction_order.size()});
    }
  } catch (Error& e) {
    txn_.reset();
    return QueryResult(std::move(e));
  }
  std::unique_ptr<ResultImpl> result;
  try {
    if (!session_stmt) {
      txn_snapshot_taken_ = true;
      std::string writes = WritingCommandName(stmt);
      if (!writes.empty()) CheckWritable(writes);
      txn_->SetCancelFlag(&cancel_);
      txn_->SetAccessMode(txn_read_only_, statement_settings().transaction_deferrable);
      txn_->BeginStatement();
      PublishTransaction();
      // Row lock waits end at lock_timeout, or at statement_timeout if that comes first.
      int64_t lock_ms = statement_settings().lock_timeout_ms;
      if (timeout_ms > 0 && (lock_ms == 0 || timeout_ms < lock_ms)) {
        txn_->SetLockWait(timeout_ms, sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
      } else {
        txn_->SetLockWait(lock_ms, sqlstate::kLockNotAvailable, "canceling statement due to lock timeout");
      }
    }
    result = Dispatch(stmt, params);
    // A cancel that came while the statement ran (pg_cancel_backend of itself included) fails it.
    if (cancel_.load()) throw Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
  } catch (Error& e) {
    open_.reset();
    FailStatement(autocommit);
    return QueryResult(std::move(e));
  } catch (std::bad_alloc&) {
    open_.reset();
    FailStatement(autocommit);
    return QueryResult(Error(sqlstate::kOutOfMemory, "out of memory"));
  } catch (std::exception& e) {
    open_.reset();
    FailStatement(autocommit);
    return QueryResult(Error(sqlstate::kInternalError, std::string("internal error: ") + e.what()));
  }
  if (result->streaming) {
    // The rows follow (PullOpen); the statement completes after the last one.
    open_->autocommit = autocommit;
    result->fn = MakeFunctionContext();
    result->catalog = open_->catalog;
    result->fn.catalog = result->catalog.get();
    open_->header = std::make_unique<ResultImpl>();
    open_->header->has_rows = true;
    open_->header->columns = result->columns;
    open_->header->types = result->types;
    open_->header->fn = result->fn;
    open_->header->catalog = result->catalog;
    return QueryResult(std::move(result));
  }
  return CompleteStatement(std::move(result), autocommit, session_stmt);
}

QueryResult ConnectionImpl::CompleteStatement(std::unique_ptr<ResultImpl> result, bool autocommit, bool session_stmt) {
  try {
    if (autocommit) {
      CommitTransaction();
      stmt_start_micros_ = 0;
    } else if (!session_stmt && !savepoints_.empty() && savepoints_.back().name.empty()) {
      txn_->PopSavePoint();  // the statement's own (RunOne)
      savepoints_.pop_back();
    }
  } catch (Error& e) {
    return QueryResult(std::move(e));
  }
  // The function context formats the result's cells as text: a result without rows (an INSERT's
  // tag) needs none, and making one per statement was 1% of a bulk insert.
  if (result->has_rows || !result->chunks.empty()) {
    result->fn = MakeFunctionContext();
    if (result->has_rows) {
      result->catalog = catalog_for_statement();
      result->fn.catalog = result->catalog.get();
    }
  }
  return QueryResult(std::move(result));
}

std::vector<ast::StatementPtr> ConnectionImpl::ParseText(std::string sql) {
  SetActivityQuery(sql);
  try {
    return ParseSql(sql);
  } catch (Error&) {
    if (state_ == TxnState::kInBlock) {
      try {
        AbortAfterError();
      } catch (...) {
        state_ = TxnState::kFailed;
      }
    }
    throw;
  }
}

std::unique_ptr<ResultImpl> ConnectionImpl::Dispatch(const ast::Statement& stmt, const std::vector<Value>& params) {
  switch (stmt.kind) {
    case ast::StmtKind::kSelect:
    case ast::StmtKind::kInsert:
    case ast::StmtKind::kUpdate:
    case ast::StmtKind::kDelete:
    case ast::StmtKind::kMerge:
      return RunQuery(stmt, params);
    case ast::StmtKind::kExplain:
      return RunExplain(static_cast<const ast::ExplainStmt&>(stmt), params);
    case ast::StmtKind::kCursor:
      return RunCursor(static_cast<const ast::CursorStmt&>(stmt), params);
    case ast::StmtKind::kSet:
      return RunSet(static_cast<const ast::SetStmt&>(stmt));
    case ast::StmtKind::kShow:
      return RunShow(static_cast<const ast::ShowStmt&>(stmt));
    case ast::StmtKind::kDeallocate:
      return RunDeallocate(static_cast<const ast::DeallocateStmt&>(stmt));
    case ast::StmtKind::kPrepare:
      return RunPrepare(static_cast<const ast::PrepareStmt&>(stmt));
    case ast::StmtKind::kExecute:
      return RunExecute(static_cast<const ast::ExecuteStmt&>(stmt));
    case ast::StmtKind::kDiscard:
      return RunDiscard(static_cast<const ast::DiscardStmt&>(stmt));
    case ast::StmtKind::kCopy:
      return RunCopy(static_cast<const ast::CopyStmt&>(stmt));
    case ast::StmtKind::kNotify:
      return RunNotify(static_cast<const ast::NotifyStmt&>(stmt));
    case ast::StmtKind::kLock:
      return RunLockTable(static_cast<const ast::LockStmt&>(stmt));
    default:
      return RunCommand(stmt);
  }
}

namespace {
struct PlannedStatement {
  BoundStatement bound;
  PhysicalOperatorPtr physical;
  std::vector<LogicalType> param_types;
  std::map<uint32_t, int> relation_locks;  // BinderEnv::relation_locks
  bool reads_session_state = false;
  std::vector<RelationPermission> permissions;  // BinderEnv::RequiredPermissions
  // At most one row (a point read of a primary key): the result is made whole, not streamed.
  bool at_most_one_row = false;
};

PlannedStatement Plan(const ast::Statement& stmt, const Catalog& catalog, std::vector<LogicalType> param_types,
                      const FunctionContext* fn, const Statistics* stats, const DataModifyingWith* dml = nullptr,
                      std::vector<BinderEnv::ParamCoercion>* coercions = nullptr) {
  BinderEnv env;
  env.catalog = &catalog;
  env.param_coercions = coercions;
  if (dml) {
    env.returned = &dml->returned;
    env.outer_with = dml->outer_with;
  }
  env.param_types = std::move(param_types);
  env.fn_ctx = fn;
  Binder binder(env);
  PlannedStatement p;
  p.bound = binder.Bind(stmt);
  p.param_types = env.param_types;
  p.relation_locks = std::move(env.relation_locks);
  p.reads_session_state = env.reads_session_state;
  p.permissions = env.RequiredPermissions();
  p.bound.plan = Optimize(std::move(p.bound.plan), stats);
  p.physical = CreatePhysicalPlan(*p.bound.plan);
  p.at_most_one_row = AtMostOneRow(*p.physical);
  return p;
}

}  // namespace

// 42501 unless the current user holds the privileges the statement needs (a session whose user is
// no role, an embedded database's, is not checked).
void ConnectionImpl::CheckPermissions(const Catalog& catalog, const std::vector<RelationPermission>& permissions) const {
  CheckRelationPermissions(catalog, user_, permissions);
}

namespace {
// 25006 for INSERT / UPDATE / DELETE in a read-only transaction.
void CheckWritable(const ConnectionImpl& conn, const PlannedStatement& planned) {
  switch (planned.bound.kind) {
    case BoundStatementKind::kInsert: conn.CheckWritable("INSERT"); break;
    case BoundStatementKind::kUpdate: conn.CheckWritable("UPDATE"); break;
    case BoundStatementKind::kDelete: conn.CheckWritable("DELETE"); break;
    case BoundStatementKind::kMerge: conn.CheckWritable("MERGE"); break;
    case BoundStatementKind::kSelect: break;
  }
  if (!planned.bound.locking.empty()) conn.CheckWritable(planned.bound.locking);
}

std::vector<ColumnInfo> ResultColumns(const BoundStatement& bound) {
  std::vector<ColumnInfo> out;
  for (size_t i = 0; i < bound.names.size(); i++) {
    out.push_back(ResultColumn(bound.names[i], bound.types[i]));
  }
  return out;
}

std::vector<LogicalType> TypesOf(const std::vector<Value>& params) {
  std::vector<LogicalType> out;
  for (const auto& v : params) out.push_back(v.type());
  return out;
}

// Converts the supplied parameter values to the types the statement gave its parameters.
std::vector<Value> TypedParams(const std::vector<Value>& params, const std::vector<LogicalType>& types,
                               const FunctionContext& fn) {
  if (types.size() > params.size()) {
    throw Error(sqlstate::kProtocolViolation, "bind message supplies " + std::to_string(params.size()) +
                                                  " parameters, but prepared statement requires " +
                                                  std::to_string(types.size()));
  }
  std::vector<Value> out;
  out.reserve(params.size());
  for (size_t i = 0; i < params.size(); i++) {
    const Value& v = params[i];
    LogicalType t = i < types.size() ? types[i] : v.type();
    if (t.id == TypeId::kUnknown) t = LogicalType(TypeId::kText);
    if (v.is_null()) {
      out.push_back(Value::Null(t));
    } else if (v.type() == t) {
      out.push_back(v);
    } else if (v.type().id == TypeId::kUnknown && t.id == TypeId::kText && t.mod1 < 0) {
      Value text = v;  // text input is the identity: a large value stays shared, not copied
      text.set_type(t);
      out.push_back(std::move(text));
    } else if (v.type().id == TypeId::kUnknown) {
      out.push_back(TextToValue(v.str_value(), t, fn));
    } else {
      Value c = CastValue(v, t, CastContext::kAssignment, fn);
      c.set_type(t);
      out.push_back(std::move(c));
    }
  }
  return out;
}
}  // namespace

ExecutionContext ConnectionImpl::MakeExecutionContext(const FunctionContext& fn, const std::vector<Value>* params,
                                                      MemoryTracker* memory) {
  // (Designated: fn is copied in place, not default-made and then assigned.)
  return ExecutionContext{.engine = &db_impl_.engine(),
                          .txn = txn_.get(),
                          .fn = fn,
                          .params = params,
                          .memory = memory,
                          .cancel = &cancel_,
                          .deadline_micros = stmt_deadline_micros_,
                          .deferred = &deferred_};
}

QueryResult ConnectionImpl::RunPrepared(const ast::Statement& stmt, const std::vector<Value>& params,
                                        const std::vector<LogicalType>& param_types, PlanCache* cache, bool stream) {
  if (open_) DrainOpen();  // (before the prepared statement's settings below apply)
  prepared_param_types_ = &param_types;
  plan_cache_stmt_ = cache ? &stmt : nullptr;
  plan_cache_ = cache;
  QueryResult r = Run(stmt, params, stream);
  prepared_param_types_ = nullptr;
  plan_cache_stmt_ = nullptr;
  plan_cache_ = nullptr;
  return r;
}

bool ConnectionImpl::PlanLiteralEntry(LiteralPlanEntry& entry, const std::shared_ptr<const Catalog>& catalog) {
  FunctionContext fn = MakeFunctionContext();
  fn.catalog = catalog.get();
  std::vector<BinderEnv::ParamCoercion> coercions;
  std::shared_ptr<PlannedStatement> planned;
  try {
    planned = std::make_shared<PlannedStatement>(
        Plan(*entry.stmt, *catalog, entry.param_types, &fn, &db_impl_.statistics(), nullptr, &coercions));
  } catch (std::exception&) {
    return false;  // (the statement planned afresh reports it)
  }
  if (planned->reads_session_state) return false;
  // A string literal is typed by where it is used; one whose type nothing decides is not cached.
  for (size_t i = 0; i < entry.param_types.size(); i++) {
    if (i >= planned->param_types.size() || planned->param_types[i].id == TypeId::kUnknown) return false;
  }
  entry.plan = PlanCache{catalog, GetSetting("timezone"), GetSetting("search_path"), planned};
  entry.coercions = std::move(coercions);
  entry.settings = PlanSettings();
  return true;
}

bool ConnectionImpl::PlanSettingsMatch(PlanCache& cache) const {
  if (cache.settings_version == settings_.version()) return true;
  if (cache.time_zone != GetSetting("timezone") || cache.search_path != GetSetting("search_path")) return false;
  cache.settings_version = settings_.version();
  return true;
}

std::vector<LogicalType> ConnectionImpl::ParamTypes(const std::vector<Value>& params) const {
  if (prepared_param_types_ && prepared_param_types_->size() == params.size()) return *prepared_param_types_;
  return TypesOf(params);
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunQuery(const ast::Statement& stmt, const std::vector<Value>& params) {
  if (!dml_with_) {
    if (const ast::WithClause* with = DataModifyingWithClause(stmt)) return RunDataModifyingWith(stmt, *with, params);
  }
  auto catalog = catalog_for_statement();
  FunctionContext fn = MakeFunctionContext();
  fn.catalog = catalog.get();
  std::shared_ptr<PlannedStatement> cached;
  PlanCache* cache = plan_cache_stmt_ == &stmt && !dml_with_ ? plan_cache_ : nullptr;
  if (cache && cache->plan && cache->catalog == catalog && PlanSettingsMatch(*cache)) {
    cached = std::static_pointer_cast<PlannedStatement>(cache->plan);
  } else {
    cached = std::make_shared<PlannedStatement>(Plan(stmt, *catalog, ParamTypes(params), &fn, &db_impl_.statistics(), dml_with_));
    if (cache && !cached->reads_session_state) {
      *cache = PlanCache{catalog, GetSetting("timezone"), GetSetting("search_path"), cached, settings_.version()};
    }
  }
  // The relations' implicit locks. A wait (for a LOCK TABLE or DDL elsewhere) may have let the
  // catalog change: read committed plans again on the newest one.
  if (LockRelations(cached->relation_locks) && !holds_ddl_lock_ &&
      txn_isolation_ == storage::IsolationLevel::kReadCommitted && db_impl_.catalog().Current() != catalog) {
    catalog = catalog_for_statement();
    fn.catalog = catalog.get();
    cached = std::make_shared<PlannedStatement>(Plan(stmt, *catalog, ParamTypes(params), &fn, &db_impl_.statistics(), dml_with_));
    LockRelations(cached->relation_locks);
  }
  const PlannedStatement& planned = *cached;
  CheckPermissions(*catalog, planned.permissions);
  kanto::CheckWritable(*this, planned);
  std::vector<Value> typed = TypedParams(params, planned.param_types, fn);
  std::unique_ptr<ResultImpl> result;
  // (Not the main query of a data-modifying WITH: it must read before the statement ends. Nor a
  // point select: streaming its one row cost an OpenStatement, a header and a batch result, and
  // two more pulls, about 8% of a prepared select; a cursor's query streams all the same.)
  if (stream_stmt_ == &stmt && !dml_with_ && planned.bound.kind == BoundStatementKind::kSelect && planned.bound.returns_rows &&
      planned.bound.locking.empty() && (!planned.at_most_one_row || declaring_cursor_)) {
    // The rows stream: the plan runs batch by batch as the reader asks (PullOpen). Locking
    // queries do not (a READ COMMITTED restart must not follow rows already delivered).
    auto open = std::make_shared<OpenStatement>();
    open->plan_owner = cached;
    open->plan = planned.physical.get();
    open->catalog = catalog;
    open->params = std::move(typed);
    open->memory = std::make_unique<MemoryTracker>(statement_settings().work_mem);
    open->ctx = MakeExecutionContext(fn, &open->params, open->memory.get());
    open->state = planned.physical->InitState(open->ctx);
    result = std::make_unique<ResultImpl>();
    result->streaming = true;
    result->has_rows = true;
    result->types = planned.bound.types;
    result->columns = ResultColumns(planned.bound);
    open_ = std::move(open);
    return result;
  }
  MemoryTracker memory(statement_settings().work_mem);
  ExecutionContext ctx = MakeExecutionContext(fn, &typed, &memory);
  uint64_t rows = 0;
  // SELECT ... FOR UPDATE at READ COMMITTED: a locked row that changed after the snapshot restarts
  // the statement on a new snapshot (the locks stay). Only while the statement has written nothing.
  uint64_t writes_before = txn_->WriteCount();
  for (int attempt = 0;; attempt++) {
    result = std::make_unique<ResultImpl>();
    rows = 0;
    try {
      // The rows of RETURNING and of locking queries are the client's result, not an operator's
      // working memory: work_mem does not count them.
      auto state = planned.physical->InitState(ctx);
      DataChunk chunk;
      while (planned.physical->Pull(ctx, *state, chunk)) {
        rows += chunk.size();
        if (planned.bound.returns_rows) result->AddChunk(std::move(chunk));
      }
      break;
    } catch (StatementRestart&) {
      if (attempt >= 100 || dml_with_ || txn_->WriteCount() != writes_before || txn_isolation_ != storage::IsolationLevel::kReadCommitted) {
        throw;
      }
      txn_->BeginStatement();
      ctx = MakeExecutionContext(fn, &typed, &memory);
    }
  }
  result->has_rows = planned.bound.returns_rows;
  result->types = planned.bound.types;
  result->columns = ResultColumns(planned.bound);
  switch (planned.bound.kind) {
    case BoundStatementKind::kSelect:
      result->rows_affected = rows;
      result->tag = "SELECT " + std::to_string(rows);
      break;
    case BoundStatementKind::kInsert:
      result->rows_affected = ctx.rows_affected;
      result->tag = "INSERT 0 " + std::to_string(ctx.rows_affected);
      break;
    case BoundStatementKind::kUpdate:
      result->rows_affected = ctx.rows_affected;
      result->tag = "UPDATE " + std::to_string(ctx.rows_affected);
      break;
    case BoundStatementKind::kDelete:
      result->rows_affected = ctx.rows_affected;
      result->tag = "DELETE " + std::to_string(ctx.rows_affected);
      break;
    case BoundStatementKind::kMerge:
      result->rows_affected = ctx.rows_affected;
      result->tag = "MERGE " + std::to_string(ctx.rows_affected);
      break;
  }
  return result;
}

namespace {
// EXPLAIN's one column, "QUERY PLAN": json for FORMAT JSON; text otherwise (Kanto has no xml type,
// so FORMAT XML is text, as YAML and TEXT are). RunExplain and Describe both give it.
LogicalType ExplainResultType(ExplainFormat format) {
  return LogicalType(format == ExplainFormat::kJson ? TypeId::kJson : TypeId::kText);
}

ColumnInfo ExplainColumn(ExplainFormat format) {
  return ResultColumn("QUERY PLAN", ExplainResultType(format));
}
}  // namespace

std::unique_ptr<ResultImpl> ConnectionImpl::RunExplain(const ast::ExplainStmt& stmt, const std::vector<Value>& params) {
  const ast::Statement& inner = *stmt.stmt;
  if (inner.kind != ast::StmtKind::kSelect && inner.kind != ast::StmtKind::kInsert &&
      inner.kind != ast::StmtKind::kUpdate && inner.kind != ast::StmtKind::kDelete &&
      inner.kind != ast::StmtKind::kMerge) {
    throw Error(sqlstate::kFeatureNotSupported, "EXPLAIN of this statement is not supported");
  }
  auto catalog = catalog_for_statement();
  FunctionContext fn = MakeFunctionContext();
  fn.catalog = catalog.get();
  auto plan_start = std::chrono::steady_clock::now();
  PlannedStatement planned = Plan(inner, *catalog, ParamTypes(params), &fn, &db_impl_.statistics());
  CheckPermissions(*catalog, planned.permissions);
  double planning_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - plan_start).count();
  std::vector<Value> typed = TypedParams(params, planned.param_types, fn);
  std::unique_ptr<OperatorState> state;
  double total_ms = 0;
  if (stmt.analyze) {
    kanto::CheckWritable(*this, planned);
    MemoryTracker memory(ParseMemorySetting("work_mem", GetSetting("work_mem")));
    ExecutionContext ctx = MakeExecutionContext(fn, &typed, &memory);
    ctx.analyze = true;
    auto start = std::chrono::steady_clock::now();
    state = planned.physical->InitState(ctx);
    DataChunk chunk;
    while (planned.physical->Pull(ctx, *state, chunk)) {
    }
    total_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  auto result = std::make_unique<ResultImpl>();
  result->has_rows = true;
  ExplainFormat format = ParseExplainFormat(stmt.format);
  result->types = {ExplainResultType(format)};
  result->columns.push_back(ExplainColumn(format));
  DataChunk chunk(result->types);
  if (format != ExplainFormat::kText) {
    ExplainDocumentOptions options;
    options.format = format;
    options.costs = stmt.costs;
    options.timing = stmt.timing;
    options.summary = stmt.summary;
    options.planning_ms = planning_ms;
    options.execution_ms = total_ms;
    std::string document = ExplainDocument(*planned.physical, state.get(), options);
    chunk.AppendRow({format == ExplainFormat::kJson ? Value::FromString(LogicalType(TypeId::kJson), document) : Value::Text(document)});
    result->rows_affected = 1;
  } else {
    ExplainOptions options;
    options.costs = stmt.costs;
    options.timing = stmt.timing;
    auto lines = ExplainPlan(*planned.physical, state.get(), options);
    if (stmt.summary) {
      char buf[64];
      snprintf(buf, sizeof(buf), "Planning Time: %.3f ms", planning_ms);
      lines.push_back(buf);
      if (stmt.analyze) {
        snprintf(buf, sizeof(buf), "Execution Time: %.3f ms", total_ms);
        lines.push_back(buf);
      }
    }
    for (auto& l : lines) chunk.AppendRow({Value::Text(l)});
    result->rows_affected = lines.size();
  }
  result->AddChunk(std::move(chunk));
  result->tag = "EXPLAIN";
  return result;
}

LogicalType ConnectionImpl::DeclaredParamType(uint32_t oid) const {
  LogicalType t = LogicalType::FromOid(oid);
  if (t.id != TypeId::kUnknown || oid == 0 || oid == 705) return t;
  std::shared_ptr<const Catalog> catalog = txn_catalog_ ? txn_catalog_ : db_impl_.catalog().Current();
  bool array = false;
  if (const TypeEntry* user = catalog->FindTypeByOid(oid, &array)) {
    LogicalType type = catalog->TypeOf(*user);
    return array ? LogicalType::ArrayOf(type) : type;
  }
  if (const TableEntry* relation = FindRowTypeRelation(*catalog, oid, &array)) {  // a table's row type
    LogicalType type = TableRowType(*relation);
    return array ? LogicalType::ArrayOf(type) : type;
  }
  // A PostgreSQL type Kanto does not have (time, inet, ... as psycopg 3 declares them) is refused,
  // not read as text.
  throw Error(sqlstate::kFeatureNotSupported, "parameter type with OID " + std::to_string(oid) + " is not supported");
}

void ConnectionImpl::Describe(const ast::Statement& stmt, std::vector<LogicalType>* param_types,
                              std::vector<ColumnInfo>* columns) {
  if (stmt.kind == ast::StmtKind::kCursor) {  // FETCH returns the cursor's columns
    const auto& c = static_cast<const ast::CursorStmt&>(stmt);
    if (c.action == ast::CursorStmt::Action::kFetch) {
      if (const auto* cols = CursorColumns(c.name)) *columns = *cols;
    }
    return;
  }
  if (stmt.kind == ast::StmtKind::kExplain) {
    columns->push_back(ExplainColumn(ParseExplainFormat(static_cast<const ast::ExplainStmt&>(stmt).format)));
    return;
  }
  if (stmt.kind != ast::StmtKind::kSelect && stmt.kind != ast::StmtKind::kInsert &&
      stmt.kind != ast::StmtKind::kUpdate && stmt.kind != ast::StmtKind::kDelete &&
      stmt.kind != ast::StmtKind::kMerge) {
    return;
  }
  auto catalog = db_impl_.catalog().Current();
  if (txn_catalog_) catalog = txn_catalog_;
  BinderEnv env;
  env.catalog = catalog.get();
  env.param_types = *param_types;
  FunctionContext fn = MakeFunctionContext();
  fn.catalog = catalog.get();
  env.fn_ctx = &fn;
  DataModifyingWith dml;
  if (const ast::WithClause* with = DataModifyingWithClause(stmt)) {
    PrepareDataModifyingWith(stmt, *with, *catalog, &fn, &env.param_types, &dml);
    env.returned = &dml.returned;
  }
  Binder binder(env);
  BoundStatement bound = binder.Bind(stmt);
  for (auto& t : env.param_types) {
    if (t.id == TypeId::kUnknown) t = LogicalType(TypeId::kText);
  }
  *param_types = env.param_types;
  if (bound.returns_rows) {
    for (size_t i = 0; i < bound.names.size(); i++) {
      columns->push_back(ResultColumn(bound.names[i], bound.types[i]));
    }
  }
}

}  // namespace kanto
