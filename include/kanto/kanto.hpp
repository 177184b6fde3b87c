// Kanto embedding API: open a database directory, connect, run SQL, read typed results.
//
//   auto db = kanto::Database::Open("mydata");            // creates the directory if missing
//   if (!db.ok()) { ... db.error() ... }
//   kanto::Connection conn(*db);
//   kanto::QueryResult r = conn.Execute("SELECT 1 + 1");
//   if (!r.ok()) { std::cerr << r.error().sqlstate() << " " << r.error().message(); }
//   for (size_t row = 0; row < r.row_count(); row++) std::cout << r.GetText(row, 0) << "\n";
//
// Thread safety: a Database may be shared by many threads; a Connection (and what it prepares) is
// used by one thread at a time. Nothing here throws for SQL errors: results carry a kanto::Error.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kanto/error.hpp"

namespace kanto {

class DatabaseImpl;
class ConnectionImpl;
class PreparedImpl;
class ResultImpl;
class StreamImpl;

struct Options {
  bool create_if_missing = true;
  // Commits are fsync'ed before COMMIT returns (PostgreSQL's synchronous_commit=on).
  bool sync_commit = true;
  // Memory budget for one query's sorts, hash tables and materialized results (bytes).
  uint64_t query_memory_limit = 1ull << 30;
  // LISTEN / NOTIFY: the most undelivered notifications all listeners may hold together (bytes of
  // channel and payload plus 32 per copy); a commit beyond it fails with 54000.
  uint64_t notification_queue_bytes = 1ull << 30;
  // PREPARE TRANSACTION: how many prepared transactions may exist (0, PostgreSQL's default,
  // disables them: 55000).
  int max_prepared_transactions = 0;
  // Database::Open opens this database of the directory (CREATE DATABASE makes more); "" is the
  // default one ("kanto").
  std::string database;
};

// A notification received by a connection that LISTENs on its channel (NOTIFY, pg_notify).
struct Notification {
  int32_t pid = 0;  // the notifying session's backend pid
  std::string channel;
  std::string payload;
};

// A parameter value for a prepared statement: NULL, boolean, integer, double or text. Text is
// interpreted as an untyped literal and coerced to the parameter's inferred type, as PostgreSQL does.
class Param {
 public:
  Param() = default;  // NULL
  Param(std::nullptr_t) {}
  Param(bool b) : kind_(Kind::kBool), i_(b) {}
  Param(int v) : kind_(Kind::kInt), i_(v) {}
  Param(int64_t v) : kind_(Kind::kInt), i_(v) {}
  Param(double v) : kind_(Kind::kDouble), d_(v) {}
  Param(const char* s) : kind_(Kind::kText), s_(s) {}
  Param(std::string s) : kind_(Kind::kText), s_(std::move(s)) {}
  Param(std::string_view s) : kind_(Kind::kText), s_(s) {}

  enum class Kind { kNull, kBool, kInt, kDouble, kText };
  Kind kind() const { return kind_; }
  int64_t int_value() const { return i_; }
  double double_value() const { return d_; }
  const std::string& text() const& { return s_; }
  std::string text() && { return std::move(s_); }

 private:
  Kind kind_ = Kind::kNull;
  int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
};

struct ColumnInfo {
  std::string name;
  uint32_t type_oid = 0;   // PostgreSQL type OID (23 = integer, 25 = text, ...)
  int32_t typmod = -1;     // PostgreSQL atttypmod
  std::string type_name;   // PostgreSQL spelling ("integer", "numeric(10,2)")
  int16_t type_length = -1;  // PostgreSQL pg_type.typlen (4 = integer and enums, -1 = variable length)
};

// The outcome of one statement: an error, or a command tag plus (for queries) the rows.
class QueryResult {
 public:
  QueryResult();
  explicit QueryResult(Error error);
  explicit QueryResult(std::unique_ptr<ResultImpl> impl);
  QueryResult(QueryResult&&) noexcept;
  QueryResult& operator=(QueryResult&&) noexcept;
  ~QueryResult();

  bool ok() const { return !error_; }
  // REQUIRES: !ok()
  const Error& error() const { return *error_; }

  // PostgreSQL's command tag: "SELECT 3", "INSERT 0 2", "UPDATE 1", "CREATE TABLE", "BEGIN", ...
  const std::string& command_tag() const;
  // Rows inserted/updated/deleted/selected.
  uint64_t rows_affected() const;
  // The NOTICEs the statement raised, in order (sqlstate "00000"; message, detail, hint), such as
  // DROP ... CASCADE's "drop cascades to view v", and WARNINGs (a class 01 sqlstate, such as
  // pg_advisory_unlock's "you don't own a lock of type ExclusiveLock"; an error result keeps the
  // WARNINGs raised before the error). Empty for most statements.
  const std::vector<Error>& notices() const;
  // True when the statement returns rows (SELECT, VALUES, RETURNING, SHOW, EXPLAIN).
  bool has_rows() const;
  // From ResultStream::NextStatement: the statement is running and its rows follow through
  // ResultStream::NextBatch (this result has the columns and the notices so far, no rows).
  bool is_streaming() const;
  // COPY ... FROM STDIN: the connection waits for the data (Connection::CopyIn / CopyFail);
  // column() describes the target columns.
  bool copy_in_pending() const;
  // COPY ... TO STDOUT: the rows in COPY's text or CSV format (command_tag() is "COPY n").
  bool is_copy_out() const;
  const std::string& copy_data() const;
  // COPY ... (FORMAT binary): copy_data() (or the data CopyIn takes) is PostgreSQL's binary COPY
  // format, and the copy's wire format code is 1.
  bool is_copy_binary() const;

  size_t column_count() const;
  const ColumnInfo& column(size_t col) const;
  size_t row_count() const;

  // The cell accessors throw std::out_of_range for a row or column outside the result.
  bool IsNull(size_t row, size_t col) const;
  // PostgreSQL's text output form of the value ("t", "1.50", "2024-01-05"); "" for NULL.
  std::string GetText(size_t row, size_t col) const;
  // The same as a view: into the result itself for values stored as text (text, varchar, char),
  // else into *scratch. Valid while the result (and *scratch) live.
  std::string_view GetTextView(size_t row, size_t col, std::string* scratch) const;
  // Typed accessors. REQUIRES: !IsNull. Integers and booleans as int64; floats and numerics as
  // double (numerics rounded); others are converted from text where possible, else 0.
  int64_t GetInt64(size_t row, size_t col) const;
  double GetDouble(size_t row, size_t col) const;
  bool GetBool(size_t row, size_t col) const;

  ResultImpl* impl() const { return impl_.get(); }

 private:
  std::unique_ptr<ResultImpl> impl_;
  std::unique_ptr<Error> error_;
};

// One database of a data directory. A directory holds several (CREATE DATABASE); they share the
// storage files, the roles and the options, each has its own objects and data.
class Database {
 public:
  // Opens (or creates) the data directory `path` and returns its database `options.database` (the
  // default one when empty). On failure returns nullptr and fills *error (SQLSTATE 58030 for I/O
  // problems, XX001 for corruption, 55006 if in use, 3D000 for an unknown database).
  static std::shared_ptr<Database> Open(const std::string& path, const Options& options = {},
                                        Error* error = nullptr);
  ~Database();

  // Another database of the same directory, by name (the same object while it is open). On
  // failure returns nullptr and fills *error (3D000 when there is no such database).
  std::shared_ptr<Database> OpenDatabase(const std::string& name, Error* error = nullptr);
  // Its name (pg_database.datname, current_database()).
  std::string name() const;
  // Whether a new session may connect now: false with 55000 when the database does not allow
  // connections (ALLOW_CONNECTIONS false, template0), 53300 at its CONNECTION LIMIT (superusers
  // excepted), 3D000 once dropped.
  bool AcceptsConnection(bool superuser, Error* error = nullptr) const;

  // A role as authentication needs it (from the committed catalog). False when there is no such role.
  struct RoleInfo {
    bool can_login = false;
    bool superuser = false;
    std::string password_verifier;  // SCRAM-SHA-256 verifier; empty: the role has no password
  };
  bool FindRole(const std::string& name, RoleInfo* out) const;

  DatabaseImpl& impl() { return *impl_; }

 private:
  friend class Cluster;
  explicit Database(std::unique_ptr<DatabaseImpl> impl);
  std::unique_ptr<DatabaseImpl> impl_;
};

class PreparedStatement;

// Statements whose rows are read as the executor produces them, a batch (up to ~2K rows) at a time,
// so memory stays flat however many rows a query returns. From Connection::Stream or
// PreparedStatement::Stream; the whole-result calls (Execute, ExecuteAll) read such a stream.
//
//   kanto::ResultStream s = conn.Stream("SELECT ...; UPDATE ...");
//   kanto::QueryResult r, batch;
//   while (s.NextStatement(&r)) {        // an error, a finished statement, or a running query
//     if (r.is_streaming()) {
//       while (s.NextBatch(&batch)) { for (size_t i = 0; i < batch.row_count(); i++) ... }
//       r = std::move(batch);             // the outcome: "SELECT n", or the error raised mid-stream
//     }
//   }
//
// While a statement streams it holds its transaction (an autocommit statement commits when its
// last row has been read) and its snapshot. If another statement runs on the connection
// meanwhile, the rest of the rows are read into memory first and the statement completes.
// Destroying the stream (or Close) ends the running statement where it is, as closing a portal
// does; Abort ends it as failed (the reader went away: an autocommit statement rolls back).
class ResultStream {
 public:
  explicit ResultStream(std::unique_ptr<StreamImpl> impl);
  ResultStream(ResultStream&&) noexcept;
  ResultStream& operator=(ResultStream&&) noexcept;
  ~ResultStream();

  // Runs the next statement up to its first row. False when none is left (after an error the
  // following statements are not run). *start is the statement's result, or, when
  // start->is_streaming(), its columns and notices, with the rows to come from NextBatch.
  bool NextStatement(QueryResult* start);
  // The next rows of the streaming statement: true with at least one row in *out; false at the
  // end, and *out is the statement's outcome (command tag and notices, or its error).
  bool NextBatch(QueryResult* out);
  // Ends the streaming statement now (no outcome), as closing a portal does.
  void Close();
  // Ends it as failed: the client that read it is gone (08006).
  void Abort();
  // Rows the streaming statement has produced so far.
  uint64_t rows_streamed() const;

  StreamImpl& impl() { return *impl_; }

 private:
  std::unique_ptr<StreamImpl> impl_;
};

// A session: transaction state, prepared statements and settings. Opening one is cheap.
class Connection {
 public:
  explicit Connection(std::shared_ptr<Database> db);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // The role this session acts as (current_user; "kanto" unless set). The server sets it to the
  // authenticated role; it must exist (42704 otherwise).
  void SetUser(const std::string& role);
  // The result columns of the open SQL cursor `name` (DECLARE ... CURSOR), or null. The wire
  // protocol describes such cursors as portals.
  const std::vector<ColumnInfo>* CursorColumns(const std::string& name) const;
  const std::string& user() const;

  // Runs every statement in `sql`; returns the result of the last one, or the first error (later
  // statements are not run). In autocommit mode each statement is its own transaction.
  QueryResult Execute(std::string_view sql);
  // Runs every statement in `sql` and returns each result; stops after the first error.
  std::vector<QueryResult> ExecuteAll(std::string_view sql);
  // The same, taking the text: it is released once parsed, so a large query is not held while its
  // statements run (the server hands over each query string this way).
  std::vector<QueryResult> ExecuteAllTaking(std::string sql);
  // The same, as a stream: each statement runs when NextStatement reaches it, and query rows are
  // read batch by batch (see ResultStream). Takes the text (released once parsed).
  ResultStream Stream(std::string sql);
  // Asks the statement running on this connection to stop with 57014 (a CancelRequest). The one
  // call that may come from another thread while the connection is in use.
  void Cancel();
  // A setting given when the session starts (application_name, TimeZone, -c options): also what
  // RESET and DISCARD ALL return to. Unknown names are ignored. Throws kanto::Error like SET for an
  // invalid value.
  void SetSessionDefault(const std::string& name, const std::string& value);
  // Prepared statements named at the protocol level live in the caller (the server session):
  // DEALLOCATE name asks `hook` to drop one, DEALLOCATE ALL and DISCARD ALL call it with "". The
  // hook returns false when the name is unknown (DEALLOCATE then fails with 26000).
  void SetDeallocateHook(std::function<bool(const std::string&)> hook);
  // Runs one statement with $1..$n parameters.
  QueryResult Execute(std::string_view sql, const std::vector<Param>& params);

  // Parses and plans one statement with $n parameters. On error returns nullptr and fills *error.
  std::unique_ptr<PreparedStatement> Prepare(std::string_view sql, Error* error = nullptr);
  // The same with parameter types given as PostgreSQL type OIDs (0, or an OID Kanto does not know:
  // inferred from the statement), as the wire protocol's Parse message declares them.
  std::unique_ptr<PreparedStatement> Prepare(std::string_view sql, const std::vector<uint32_t>& param_type_oids,
                                             Error* error = nullptr);

  // Completes a pending COPY ... FROM STDIN with all of its data (text or CSV, as the statement
  // said); the result's tag is "COPY n". CopyFail abandons it (error 57014).
  QueryResult CopyIn(std::string_view data);
  QueryResult CopyFail(const std::string& message);

  // 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block.
  char transaction_status() const;

  // LISTEN / NOTIFY. Notifications for the channels this connection listens on arrive when the
  // notifying transaction commits; TakeNotifications returns those received so far (oldest first)
  // while the connection is outside a transaction block, and nothing inside one (they wait for
  // its end, as in PostgreSQL). `wake` is called from the committing thread when new ones arrive
  // (keep it short; null to stop).
  std::vector<Notification> TakeNotifications();
  void SetNotificationWake(std::function<void()> wake);
  // The session's process id: BackendKeyData, pg_backend_pid(), pg_stat_activity.pid, and the
  // sender pid of its notifications.
  int32_t backend_pid() const;
  // The client as pg_stat_activity shows it (port -1: not a network client).
  void SetClient(const std::string& address, int32_t port);
  // The server's end of the client's connection (inet_server_addr, inet_server_port).
  void SetServerEndpoint(const std::string& address, int32_t port);
  // Called from another thread when pg_terminate_backend names this session (the server ends an
  // idle connection with it); terminate_requested() then stays true, and statements fail with
  // 57P01 "terminating connection due to administrator command".
  void SetTerminateHook(std::function<void()> hook);
  bool terminate_requested() const;
  // How long the session may sit idle before the server ends it, in ms (0: no limit):
  // idle_in_transaction_session_timeout inside a transaction block, idle_session_timeout outside.
  int64_t IdleTimeoutMs() const;

  ConnectionImpl& impl() { return *impl_; }

 private:
  std::unique_ptr<ConnectionImpl> impl_;
};

class PreparedStatement {
 public:
  explicit PreparedStatement(std::unique_ptr<PreparedImpl> impl);
  ~PreparedStatement();

  size_t param_count() const;
  // Inferred PostgreSQL type OID of parameter i (0-based).
  uint32_t param_type_oid(size_t i) const;
  // Result columns (empty for statements without rows).
  const std::vector<ColumnInfo>& columns() const;

  QueryResult Execute(const std::vector<Param>& params = {});
  // The same, taking the parameters' text instead of copying it (a large value is held once).
  QueryResult Execute(std::vector<Param>&& params);
  // Runs it as a stream of one statement (see ResultStream).
  ResultStream Stream(std::vector<Param>&& params);

  PreparedImpl& impl() { return *impl_; }

 private:
  std::unique_ptr<PreparedImpl> impl_;
};

}  // namespace kanto
