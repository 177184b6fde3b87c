// ConnectionImpl: one session. Owns the transaction state machine (idle / in block / failed),
// statement-level savepoints, the session settings and the transaction's view of the catalog.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/foreign_key.hpp"
#include "catalog/catalog.hpp"
#include "catalog/sequence_session.hpp"
#include "commands/command_context.hpp"
#include "commands/cursor.hpp"
#include "execution/execution_context.hpp"
#include "function/function_context.hpp"
#include "function/session_control.hpp"
#include "kanto/kanto.hpp"
#include "main/notifications.hpp"
#include "main/open_statement.hpp"
#include "parser/ast_stmt.hpp"
#include "main/lock_manager.hpp"
#include "main/session_registry.hpp"
#include "main/setting_values.hpp"
#include "storage/engine.hpp"
#include "types/value.hpp"

namespace kanto {

struct DataModifyingWith;  // main/data_modifying_with.hpp


class DatabaseImpl;
class ResultImpl;
class StreamImpl;
class LiteralPlanCache;     // main/literal_plan_cache.hpp
struct LiteralPlanEntry;
struct LiteralScan;

// Settings values (transaction_modes.cpp): 22023 for unknown values, 0A000 for serializable.
std::string NormalizeIsolationSetting(const std::string& name, const std::string& value);
std::string NormalizeBoolSetting(const std::string& name, const std::string& value);
bool IsTransactionModeSetting(const std::string& name);
// synchronous_commit's value as PostgreSQL names it (22023 for others; transaction_control.cpp).
// Without replication, everything but "off" waits for the WAL sync.
std::string NormalizeSynchronousCommit(const std::string& value);
// The command a read-only transaction refuses ("CREATE TABLE", "COPY FROM", ...), "" if it does not write.
std::string WritingCommandName(const ast::Statement& stmt);

// 25P02's message: a statement other than ROLLBACK in a failed transaction block.
inline constexpr const char* kAbortedTransactionMessage =
    "current transaction is aborted, commands ignored until end of transaction block";

class ConnectionImpl : public SessionSettings, public SessionControl, private storage::RowWaitObserver {
 public:
  explicit ConnectionImpl(std::shared_ptr<Database> db);
  ~ConnectionImpl();

  // Session control and locks (connection_locks.cpp).
  int32_t BackendPid() const override { return session_.pid; }
  bool Advisory(const AdvisoryKey& key, bool shared, bool xact, AdvisoryOp op) override;
  void AdvisoryUnlockAll() override;
  bool SignalBackend(int32_t pid, bool terminate) override;
  void Warning(const std::string& message) override;
  void Sleep(double seconds) override;
  std::vector<ActivityRow> Activity() const override;
  std::vector<LockRow> Locks() const override;
  // Storage and server facts (connection_server_info.cpp).
  uint64_t TransactionId(bool assign) override;
  uint64_t StoredBytes(uint32_t object_id, std::optional<uint32_t> sub_id) override;
  std::optional<uint64_t> DatabaseBytes(uint32_t database_id) override;
  double EstimatedRows(uint32_t table_id) const override;
  int64_t ServerStartMicros() const override;
  Endpoints NetworkEndpoints() const override;
  SessionState& session_state() { return session_; }
  // The query text pg_stat_activity shows for the statements that follow (the first 1024 bytes).
  void SetActivityQuery(std::string_view text);

  // Runs one parsed statement with parameters (already typed values). Never throws. With `stream`,
  // a query that can stream returns at its first row with is_streaming() (the connection's
  // open_statement() then yields the rows, see PullOpen); otherwise the result is whole.
  QueryResult Run(const ast::Statement& stmt, const std::vector<Value>& params, bool stream = false);
  // Streaming (open_statement.cpp). The next batch of `s` into *out (true), or false with its
  // outcome in *end (the statement then completes: commit in autocommit, its errors as Run's).
  bool PullOpen(OpenStatement& s, DataChunk* out, QueryResult* end);
  // Ends `s` where it is: completed (a closed portal), or failed when `abort` (the reader is gone).
  void CloseOpen(OpenStatement& s, bool abort);
  // The streaming statement, if one is open on the connection (set by Run with `stream`).
  const std::shared_ptr<OpenStatement>& open_statement() const { return open_; }
  // Parses a query string (released once parsed); a syntax error inside a transaction block
  // aborts it. Throws Error.
  std::vector<ast::StatementPtr> ParseText(std::string sql);
  std::string user_ = "kanto";  // current_user: the SET ROLE role, else the session user
  // SET ROLE / SET SESSION AUTHORIZATION (session_role.cpp). login_user_ is the role that
  // connected (its superuser flag allows SET SESSION AUTHORIZATION); a change inside a
  // transaction block is undone at ROLLBACK, a SET LOCAL one at COMMIT too.
  struct RoleState {
    std::string session_user = "kanto";
    std::string role = "none";  // SHOW role
  };
  std::string login_user_ = "kanto";
  RoleState role_state_;
  std::optional<RoleState> role_at_txn_start_, role_before_local_;
  std::unique_ptr<ResultImpl> RunSetRole(const ast::SetStmt& stmt);
  void SetRoleState(RoleState state, bool is_local);
  void EndTransactionRole(bool commit);
  void UseRoleState(const RoleState& state);
  // Temporary objects (temp_tables.cpp): the session's schema pg_temp_N (0 until the first CREATE
  // TEMP), its slot N, and the ON COMMIT actions of its tables ('d' DELETE ROWS, 'x' DROP).
  uint32_t temp_schema_id_ = 0;
  int temp_slot_ = 0;
  std::map<uint32_t, char> on_commit_;
  uint32_t TempSchema(commands::CatalogChange& change);
  void ApplyOnCommit();        // before a commit
  void ForgetOnCommitDrops();  // at a rollback: the tables ON COMMIT DROP went with it
  void DropTempObjects();      // when the session ends
  void DiscardTempObjects();   // DISCARD TEMP / ALL: in the statement's transaction
  // Drops the temporary schemas a crash left behind (when the database opens).
  void DropLeftoverTempSchemas();
  commands::CommandContext MakeCommandContext();
  // The same for a prepared statement: the parameters have the types fixed when it was prepared
  // (declared by the client or inferred), not the types of the supplied values.
  // A prepared statement's plan, reused while the catalog snapshot and the settings that planning
  // reads (time zone, search path) stay the same.
  struct PlanCache {
    std::shared_ptr<const Catalog> catalog;
    std::string time_zone, search_path;
    std::shared_ptr<void> plan;  // PlannedStatement (connection.cpp)
    // settings_.version() when time_zone and search_path were last seen equal to the session's:
    // while it stands they are, and the two settings need not be read and compared.
    uint64_t settings_version = 0;
  };
  QueryResult RunPrepared(const ast::Statement& stmt, const std::vector<Value>& params,
                          const std::vector<LogicalType>& param_types, PlanCache* cache = nullptr,
                          bool stream = false);

  // The literal plan cache (literal_plan_cache.cpp): when `sql` is one statement of a shape whose
  // plan is cached and its literals fit that plan, sets stream->single to run it and returns true.
  bool StreamFromPlanCache(const std::string& sql, StreamImpl* stream);

  char transaction_status() const;
  // idle_session_timeout, or idle_in_transaction_session_timeout inside a transaction (ms; 0: none).
  int64_t IdleTimeoutMs() const;
  // 25006 "cannot execute <command> in a read-only transaction" when the transaction is read-only.
  void CheckWritable(const std::string& command) const;
  // COPY FROM STDIN (copy.cpp): the data for the pending COPY, or abandoning it.
  QueryResult CopyIn(std::string_view data);
  QueryResult CopyFail(const std::string& message);
  // A COPY FROM STDIN that cannot get its data (statements follow it in the query string).
  void ForgetPendingCopy() { pending_copy_.reset(); }
  std::atomic<bool>& cancel_flag() { return cancel_; }

  // For prepared statements: binds a statement to learn its parameter and result types.
  void Describe(const ast::Statement& stmt, std::vector<LogicalType>* param_types, std::vector<ColumnInfo>* columns);
  // The type a Parse message declares for a parameter by OID: a built-in type, or a user type (an
  // enum, a table's row type, an array of either) of this database as the statement would see it. 0A000 for an OID Kanto
  // has no type of; 0 and 705 (unknown) leave the type to the statement (kUnknown).
  LogicalType DeclaredParamType(uint32_t oid) const;

  // Session settings (SET/SHOW); names lower-case. GetSetting gives "" for unknown names.
  const std::string& GetSetting(std::string_view name) const;
  // max_stack_depth in bytes: the recursion budget of each statement (common/stack_depth.hpp).
  size_t MaxStackDepth() const;
  // A setting given at connection start (application_name, TimeZone, ...): also what RESET and
  // DISCARD ALL return to. Unknown names are ignored. Throws like SET for invalid values.
  void SetSessionDefault(const std::string& name, const std::string& value);
  // SessionSettings (current_setting, set_config).
  bool Get(const std::string& name, std::string* value) const override;
  // The session's settings and PostgreSQL's read-only parameters (pg_settings).
  std::vector<std::pair<std::string, std::string>> All() const override;  // connection_session.cpp
  const std::vector<ColumnInfo>* CursorColumns(const std::string& name) const;  // cursors.cpp
  std::vector<CursorRow> Cursors() const override { return cursors_.List(); }
  std::string Set(const std::string& name, const std::string& value, bool is_local) override;
  std::vector<PreparedXact> PreparedTransactions() const override;  // prepared_transactions.cpp
  const std::shared_ptr<const Catalog>& catalog_for_statement();
  DatabaseImpl& db() { return db_impl_; }

  // Prepared statements named at the protocol level live in the server session; DEALLOCATE asks it
  // to drop one ("" = all). The hook returns false when the name is unknown.
  std::function<bool(const std::string&)> deallocate_hook;

 private:
  // Run: one statement, then the session's activity, notices, and a terminate's 57P01.
  QueryResult RunOne(const ast::Statement& stmt, const std::vector<Value>& params);
  // After a statement's work: commits (autocommit) or releases its savepoint; the result's output
  // settings. FailStatement: rolls it back (autocommit) or aborts the block.
  QueryResult CompleteStatement(std::unique_ptr<ResultImpl> result, bool autocommit, bool session_stmt);
  void FailStatement(bool autocommit);
  // Run's end: activity, notices (client_min_messages), a terminate's 57P01.
  QueryResult FinishRun(QueryResult r);
  // Reads the rest of the open statement into its buffer and completes it (another statement
  // is about to run on the connection).
  void DrainOpen();
  std::shared_ptr<OpenStatement> open_;
  const ast::Statement* stream_stmt_ = nullptr;  // the statement Run may stream
  // DECLARE is opening its query: the query streams even when it yields one row at most, so that
  // its errors come at FETCH, as PostgreSQL runs a cursor's query only then.
  bool declaring_cursor_ = false;
  // RowWaitObserver: row lock waits in storage, for the deadlock detector and pg_stat_activity.
  void RowWaitBegin(std::string_view key, bool exclusive) override;
  void RowWaitEnd() override;
  void RowWaitTick(int64_t waited_ms) override;
  LockWaitLimits WaitLimits() const;
  // Takes a heavyweight lock for the transaction or the session; false when `dont_wait` and taken.
  // *waited: the lock had to be waited for.
  bool AcquireLock(const LockTag& tag, LockMode mode, LockScope scope, bool dont_wait, bool* waited = nullptr);
  // The implicit locks of a query (relation OID -> 1 AccessShare, 2 RowShare, 3 RowExclusive);
  // true when one had to be waited for.
  bool LockRelations(const std::map<uint32_t, int>& relation_locks);
  void CheckPermissions(const Catalog& catalog, const std::vector<RelationPermission>& permissions) const;
  // The implicit lock of a utility statement on the relations it changes (ACCESS EXCLUSIVE for
  // DROP / ALTER / TRUNCATE, SHARE for CREATE INDEX, SHARE UPDATE EXCLUSIVE for VACUUM).
  void LockCommandRelations(const ast::Statement& stmt);
  std::unique_ptr<ResultImpl> RunLockTable(const ast::LockStmt& stmt);
  // At the start of each statement: the storage transaction's id for the waits-for graph.
  void PublishTransaction();
  // At COMMIT / ROLLBACK: the transaction's heavyweight locks go.
  void EndTransactionLocks();
  void ReportActivityStart();
  void ReportActivityEnd();
  SessionState session_;
  uint64_t published_txn_id_ = 0;
  std::string activity_query_;
  int64_t next_deadlock_check_ = 0;  // steady micros, during a row lock wait
  std::vector<Error> notices_;  // WARNINGs for the statement's result (class 01)
  // Set while RunPrepared runs: the statement whose plan `plan_cache_` may hold.
  const ast::Statement* plan_cache_stmt_ = nullptr;
  PlanCache* plan_cache_ = nullptr;
  // Set while RunPrepared runs: the prepared statement's parameter types.
  const std::vector<LogicalType>* prepared_param_types_ = nullptr;
  std::unique_ptr<LiteralPlanCache> literal_cache_;
  // Parses `sql` into the entry with its literals as $n and plans it (false: not cacheable).
  bool BuildLiteralEntry(const std::string& sql, const LiteralScan& scan, LiteralPlanEntry& entry,
                         const std::shared_ptr<const Catalog>& catalog);
  // Plans the entry's statement on `catalog` into entry.plan as RunQuery would (connection.cpp).
  bool PlanLiteralEntry(LiteralPlanEntry& entry, const std::shared_ptr<const Catalog>& catalog);
  // The settings a cached plan depends on beyond PlanCache's (IntervalStyle, the current role).
  std::string PlanSettings() const;
  std::vector<LogicalType> ParamTypes(const std::vector<Value>& params) const;
  // Whether the plan `cache` holds was made under the session's timezone and search_path.
  bool PlanSettingsMatch(PlanCache& cache) const;
  enum class TxnState : uint8_t { kIdle, kInBlock, kFailed };
  struct Savepoint {
    std::string name;
    std::shared_ptr<const Catalog> catalog;
    SessionNotifications::Mark notify;  // LISTEN / NOTIFY actions before it
    size_t locks = 0;                   // table and advisory locks before it (HeldLocks::transaction_order)
  };
  // Back to savepoints_.back(): storage writes and row locks, catalog, LISTEN / NOTIFY actions,
  // table and transaction-level advisory locks.
  void RollbackToLastSavepoint();

  std::unique_ptr<ResultImpl> Dispatch(const ast::Statement& stmt, const std::vector<Value>& params);
  std::unique_ptr<ResultImpl> RunTransactionStmt(const ast::TransactionStmt& stmt);
  // PREPARE TRANSACTION, COMMIT PREPARED, ROLLBACK PREPARED (prepared_transactions.cpp).
  std::unique_ptr<ResultImpl> RunPrepareTransaction(const std::string& gid);
  std::unique_ptr<ResultImpl> RunFinishPrepared(const std::string& gid, bool commit);
  std::unique_ptr<ResultImpl> RunQuery(const ast::Statement& stmt, const std::vector<Value>& params);
  // A statement whose WITH clause holds INSERT / UPDATE / DELETE (data_modifying_with.hpp): those
  // run first, each through RunQuery, then the statement over the rows they returned; dml_with_
  // holds those rows meanwhile (what the binder reads for them).
  std::unique_ptr<ResultImpl> RunDataModifyingWith(const ast::Statement& stmt, const ast::WithClause& with,
                                                   const std::vector<Value>& params);
  const DataModifyingWith* dml_with_ = nullptr;
  std::unique_ptr<ResultImpl> RunExplain(const ast::ExplainStmt& stmt, const std::vector<Value>& params);
  // Settings and SQL-level prepared statements (connection_session.cpp).
  std::unique_ptr<ResultImpl> RunSet(const ast::SetStmt& stmt);
  std::unique_ptr<ResultImpl> RunShow(const ast::ShowStmt& stmt);
  std::unique_ptr<ResultImpl> RunPrepare(const ast::PrepareStmt& stmt);
  std::unique_ptr<ResultImpl> RunExecute(const ast::ExecuteStmt& stmt);
  std::unique_ptr<ResultImpl> RunDeallocate(const ast::DeallocateStmt& stmt);
  std::unique_ptr<ResultImpl> RunDiscard(const ast::DiscardStmt& stmt);
  std::unique_ptr<ResultImpl> RunCursor(const ast::CursorStmt& stmt, const std::vector<Value>& params);  // cursors.cpp
  std::unique_ptr<ResultImpl> RunCopy(const ast::CopyStmt& stmt);
  std::unique_ptr<ResultImpl> RunNotify(const ast::NotifyStmt& stmt);  // connection_notify.cpp
  // The values RESET returns to: the database's defaults and this session's startup ones.
  SettingValues::Map DefaultSettings() const;
  // All settings back to those (the session's start, DISCARD ALL).
  void ResetSettings();
  // Validates and normalizes a value (time zones, memory sizes) and stores it.
  std::string ApplySetting(const std::string& name, const std::string& value, bool is_local);
  // max_stack_depth: superuser only, at least 100kB, at most what this thread's stack allows.
  std::string ValidateStackDepth(const std::string& value);
  // client_encoding, DateStyle, extra_float_digits, client_min_messages, ...: the values whose
  // behaviour Kanto has (normalized, as SHOW gives them); 0A000 for the others, 22023 for a
  // malformed one. Any other parameter's value is returned as given.
  std::string ApplyCosmeticSetting(const std::string& name, const std::string& value);
  // SET LOCAL values end with the transaction.
  void RestoreLocalSettings();
  // Utility statements (src/commands/, through run_command.cpp): DDL, TRUNCATE, VACUUM, roles.
  std::unique_ptr<ResultImpl> RunCommand(const ast::Statement& stmt);
  // Takes the DDL lock (once per transaction) and returns a fresh copy of the catalog to change.
  std::shared_ptr<Catalog> BeginCatalogChange();
  void FinishCatalogChange(std::shared_ptr<Catalog> changed);

  // Transaction characteristics (transaction_modes.cpp).
  void StartTransactionModes(const ast::TransactionModes& modes);  // at BEGIN and at an implicit transaction
  void EndTransactionModes();                                      // at COMMIT / ROLLBACK
  // The running transaction's modes, for COMMIT / ROLLBACK AND CHAIN.
  ast::TransactionModes CurrentTransactionModes() const;
  ast::TransactionModes chain_modes_;
  // settings_.version() as EndTransactionModes left it: while it stands, the transaction modes
  // are the defaults' and Start/EndTransactionModes have nothing to do (0: not yet reset).
  uint64_t modes_reset_version_ = 0;  // a chained block's inherited modes ({} after BEGIN)
  // SET transaction_isolation / transaction_read_only / transaction_deferrable (and SET TRANSACTION).
  void SetTransactionMode(const std::string& name, const std::string& value);
  // SET TRANSACTION modes, or SET SESSION CHARACTERISTICS (the default_ settings) when session_default.
  void ApplyTransactionModes(const ast::TransactionModes& modes, bool session_default);
  // After an error inside a transaction block: the transaction, or its innermost savepoint, is
  // rolled back at once (releasing its row locks), and the block stays failed until ROLLBACK.
  void AbortAfterError();

  void BeginTransaction(storage::IsolationLevel level);
  void CommitTransaction();
  void RollbackTransaction();
  FunctionContext MakeFunctionContext() const;
  // COMMIT: the checks of deferred foreign keys (23503 fails the commit).
  void RunDeferredChecks();
  ExecutionContext MakeExecutionContext(const FunctionContext& fn, const std::vector<Value>* params,
                                        MemoryTracker* memory);
  storage::IsolationLevel ParseIsolation(const std::string& text) const;

  std::shared_ptr<Database> db_;
  DatabaseImpl& db_impl_;
  std::string database_name_;  // current_database(): fixed while connected (no RENAME of it)
  std::unique_ptr<commands::DatabaseDirectory> directory_;  // CREATE / DROP DATABASE
  bool shared_changed_ = false;  // the transaction changed roles or databases
  std::unique_ptr<storage::Transaction> txn_;
  bool xid_forced_ = false;  // txid_current() gave the transaction its id (as a write does)
  // Open cursors (cursors.cpp). Declared after txn_: a cursor still reading its query goes first.
  commands::CursorSet cursors_;
  TxnState state_ = TxnState::kIdle;
  storage::IsolationLevel txn_isolation_ = storage::IsolationLevel::kReadCommitted;
  std::shared_ptr<const Catalog> txn_catalog_;  // the transaction's view (own DDL included)
  // The checks of deferred foreign keys, run at COMMIT, and the SET CONSTRAINTS modes.
  access::DeferredConstraints deferred_;
  bool holds_ddl_lock_ = false;
  std::vector<Savepoint> savepoints_;
  bool txn_read_only_ = false;
  bool txn_snapshot_taken_ = false;  // a query ran in this transaction: its isolation level is fixed
  int64_t txn_start_micros_ = 0;
  int64_t stmt_start_micros_ = 0;
  int64_t stmt_deadline_micros_ = 0;  // statement_timeout (steady clock), 0 for none
  SettingValues settings_;
  // What every statement reads from settings_, parsed once per settings_.version().
  struct StatementSettings {
    uint64_t version = 0;  // (SettingValues versions start at 1)
    size_t max_stack_depth = 0;
    int64_t statement_timeout_ms = 0, lock_timeout_ms = 0, deadlock_timeout_ms = 1000;
    int64_t idle_session_timeout_ms = 0, idle_in_transaction_session_timeout_ms = 0;
    uint64_t work_mem = 0;
    storage::IsolationLevel default_isolation = storage::IsolationLevel::kReadCommitted;
    bool transaction_deferrable = false;
    int client_min_messages = 0;  // 0: notice and below, 1: warning, 2: error
    bool synchronous_commit = true;
  };
  mutable StatementSettings statement_settings_;
  const StatementSettings& statement_settings() const;
  // MakeFunctionContext's session part (time zone, role, database, parsed search_path), built
  // again only when a setting, the role or the temporary schema changes.
  mutable FunctionContext function_base_;
  mutable uint64_t function_base_version_ = 0;
  std::map<std::string, std::string> local_saved_;
  std::map<std::string, std::string> session_defaults_;  // from the startup packet  // values before SET LOCAL, restored at transaction end
  struct SqlPrepared {
    std::shared_ptr<const ast::Statement> statement;
    std::vector<LogicalType> types;
  };
  std::map<std::string, SqlPrepared> sql_prepared_;  // PREPARE name AS ...
  // A COPY FROM STDIN waiting for its data: the statement (table, columns, format).
  std::unique_ptr<ast::CopyStmt> pending_copy_;
  // While CopyIn runs the pending COPY as a statement: its data.
  const std::string_view* copy_data_ = nullptr;
  std::atomic<bool> cancel_{false};
  SequenceSession sequences_;  // currval / lastval of this session
  SessionNotifications notifications_;  // LISTEN / NOTIFY (connection_notify.cpp)

 public:
  SessionNotifications& notifications() { return notifications_; }
};

}  // namespace kanto
