// The public embedding API (include/kanto/kanto.hpp) over DatabaseImpl and ConnectionImpl.
#include "main/cluster.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"
#include "main/prepared_impl.hpp"

#include "common/stack_depth.hpp"
#include "commands/query_text.hpp"
#include "access/table_reader.hpp"
#include "main/result_impl.hpp"
#include "main/result_stream.hpp"
#include "parser/parser.hpp"

namespace kanto {

DatabaseImpl::DatabaseImpl(std::shared_ptr<Cluster> cluster, const DatabaseEntry& entry)
    : cluster_(std::move(cluster)), id_(entry.id) {
  commands::InstallViewDefinitionPrinter();
  if (entry.keyspace.empty()) {
    engine_ = &cluster_->root();
  } else {
    own_engine_ = cluster_->root().OpenKeyspace(entry.keyspace);
    if (!own_engine_) throw Error(sqlstate::kDataCorrupted, "keyspace of database \"" + entry.name + "\" is missing");
    engine_ = own_engine_.get();
  }
  catalog_ = std::make_unique<CatalogManager>(*engine_, entry.id);
  statistics_ = std::make_unique<StorageStatistics>(*engine_);
  sequences_ = std::make_unique<SequenceStore>(*engine_);
  notifications_ = std::make_unique<NotificationHub>(options().notification_queue_bytes);
  locks_ = std::make_unique<LockManager>(sessions_, *engine_);
  setting_defaults_ = std::make_shared<const SettingValues::Map>(DefaultSettingValues(options()));
  // The table and advisory locks of this database's prepared transactions (recovered after a
  // restart, or kept while the database was closed).
  for (const auto& p : engine_->PreparedTransactions()) locks_->AdoptPrepared(p.gid, p.locks, id_);
}

DatabaseImpl::~DatabaseImpl() = default;

const Options& DatabaseImpl::options() const { return cluster_->options(); }
const std::string& DatabaseImpl::path() const { return cluster_->path(); }

void DatabaseImpl::TerminateSessions() {
  std::vector<int32_t> pids;
  sessions_.ForEach([&](const SessionState& s) { pids.push_back(s.pid); });
  for (int32_t pid : pids) sessions_.Signal(pid, true);
}

Database::Database(std::unique_ptr<DatabaseImpl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

std::shared_ptr<Database> Database::Open(const std::string& path, const Options& options, Error* error) {
  try {
    return Cluster::Open(path, options)->OpenDatabase(options.database);
  } catch (Error& e) {
    if (error) *error = e;
  } catch (std::exception& e) {
    if (error) *error = Error(sqlstate::kIoError, e.what());
  }
  return nullptr;
}

std::shared_ptr<Database> Database::OpenDatabase(const std::string& name, Error* error) {
  try {
    return impl_->cluster().OpenDatabase(name);
  } catch (Error& e) {
    if (error) *error = e;
  } catch (std::exception& e) {
    if (error) *error = Error(sqlstate::kIoError, e.what());
  }
  return nullptr;
}

std::string Database::name() const { return impl_->catalog().Current()->database_name(); }

bool Database::AcceptsConnection(bool superuser, Error* error) const {
  auto catalog = impl_->catalog().Current();
  const DatabaseEntry* entry = catalog->GetDatabase(impl_->id());
  if (!entry || impl_->dropped()) {
    if (error) *error = Error(sqlstate::kInvalidCatalogName, "database \"" + name() + "\" does not exist");
    return false;
  }
  if (!entry->allow_connections) {
    if (error) {
      *error = Error(sqlstate::kObjectNotInPrerequisiteState,
                     "database \"" + entry->name + "\" is not currently accepting connections");
    }
    return false;
  }
  if (!superuser && entry->connection_limit >= 0 && impl_->connection_count() >= entry->connection_limit) {
    if (error) *error = Error(sqlstate::kTooManyConnections, "too many connections for database \"" + entry->name + "\"");
    return false;
  }
  return true;
}

Connection::Connection(std::shared_ptr<Database> db) : impl_(std::make_unique<ConnectionImpl>(std::move(db))) {}
Connection::~Connection() = default;

// Every entry point that parses, plans or runs SQL measures stack depth from its own frame, with
// the session's max_stack_depth as the budget.

QueryResult Connection::Execute(std::string_view sql) {
  auto results = ExecuteAll(sql);
  if (results.empty()) return QueryResult(std::make_unique<ResultImpl>());  // empty query
  return std::move(results.back());
}

std::vector<QueryResult> Connection::ExecuteAll(std::string_view sql) { return ExecuteAllTaking(std::string(sql)); }

std::vector<QueryResult> Connection::ExecuteAllTaking(std::string sql) {
  ResultStream stream = Stream(std::move(sql));
  return ReadAll(stream.impl());
}

ResultStream Connection::Stream(std::string sql) {
  StackDepthScope depth(impl_->MaxStackDepth());
  auto stream = std::make_unique<StreamImpl>();
  stream->conn = impl_.get();
  stream->query_text = sql.substr(0, 1024);
  if (impl_->StreamFromPlanCache(sql, stream.get())) return ResultStream(std::move(stream));
  try {
    stream->stmts = impl_->ParseText(std::move(sql));
  } catch (Error& e) {
    stream->parse_error = std::move(e);
  }
  return ResultStream(std::move(stream));
}

void Connection::Cancel() { impl_->cancel_flag().store(true); }

void Connection::SetSessionDefault(const std::string& name, const std::string& value) {
  impl_->SetSessionDefault(name, value);
}

void Connection::SetDeallocateHook(std::function<bool(const std::string&)> hook) {
  impl_->deallocate_hook = std::move(hook);
}

QueryResult Connection::CopyIn(std::string_view data) {
  StackDepthScope depth(impl_->MaxStackDepth());
  return impl_->CopyIn(data);
}
QueryResult Connection::CopyFail(const std::string& message) { return impl_->CopyFail(message); }

namespace {
Value ParamToValue(Param p) {
  switch (p.kind()) {
    case Param::Kind::kNull: return Value::Null(LogicalType(TypeId::kUnknown));
    case Param::Kind::kBool: return Value::Bool(p.int_value() != 0);
    case Param::Kind::kInt: return Value::Int8(p.int_value());
    case Param::Kind::kDouble: return Value::Float8(p.double_value());
    case Param::Kind::kText: return Value::Unknown(std::move(p).text());
  }
  return Value();
}

std::vector<Value> ParamsToValues(const std::vector<Param>& params) {
  std::vector<Value> out;
  for (const auto& p : params) out.push_back(ParamToValue(p));
  return out;
}

}  // namespace

QueryResult Connection::Execute(std::string_view sql, const std::vector<Param>& params) {
  StackDepthScope depth(impl_->MaxStackDepth());
  std::shared_ptr<ast::Statement> stmt;
  try {
    auto stmts = ParseSql(std::string(sql));
    if (stmts.size() != 1) {
      return QueryResult(Error(sqlstate::kSyntaxError, "cannot insert multiple commands into a prepared statement"));
    }
    stmt = std::move(stmts[0]);
  } catch (Error& e) {
    return QueryResult(std::move(e));
  }
  impl_->SetActivityQuery(sql);
  StreamImpl stream;
  stream.conn = impl_.get();
  stream.single = [this, stmt, values = ParamsToValues(params)] { return impl_->Run(*stmt, values, true); };
  QueryResult start;
  stream.NextStatement(&start);
  return ReadWhole(stream, std::move(start));
}

char Connection::transaction_status() const { return impl_->transaction_status(); }

std::vector<Notification> Connection::TakeNotifications() {
  if (impl_->transaction_status() != 'I') return {};
  return impl_->notifications().Take();
}
void Connection::SetNotificationWake(std::function<void()> wake) { impl_->notifications().SetWake(std::move(wake)); }

std::unique_ptr<PreparedStatement> Connection::Prepare(std::string_view sql, Error* error) {
  return Prepare(sql, {}, error);
}

std::unique_ptr<PreparedStatement> Connection::Prepare(std::string_view sql, const std::vector<uint32_t>& param_type_oids,
                                                       Error* error) {
  StackDepthScope depth(impl_->MaxStackDepth());
  try {
    auto stmts = ParseSql(std::string(sql));
    if (stmts.size() != 1) {
      throw Error(sqlstate::kSyntaxError, "cannot insert multiple commands into a prepared statement");
    }
    auto impl = std::make_unique<PreparedImpl>();
    impl->conn = impl_.get();
    impl->stmt = std::move(stmts[0]);
    impl->text.assign(sql.substr(0, 1024));
    for (uint32_t oid : param_type_oids) impl->param_types.push_back(impl_->DeclaredParamType(oid));
    impl_->Describe(*impl->stmt, &impl->param_types, &impl->columns);
    return std::make_unique<PreparedStatement>(std::move(impl));
  } catch (Error& e) {
    if (error) *error = e;
  }
  return nullptr;
}

PreparedStatement::PreparedStatement(std::unique_ptr<PreparedImpl> impl) : impl_(std::move(impl)) {}
PreparedStatement::~PreparedStatement() = default;
size_t PreparedStatement::param_count() const { return impl_->param_types.size(); }
uint32_t PreparedStatement::param_type_oid(size_t i) const { return impl_->param_types.at(i).oid(); }
const std::vector<ColumnInfo>& PreparedStatement::columns() const { return impl_->columns; }

QueryResult PreparedStatement::Execute(const std::vector<Param>& params) { return Execute(std::vector<Param>(params)); }

QueryResult PreparedStatement::Execute(std::vector<Param>&& params) {
  ResultStream stream = Stream(std::move(params));
  QueryResult start;
  stream.NextStatement(&start);
  return ReadWhole(stream.impl(), std::move(start));
}

ResultStream PreparedStatement::Stream(std::vector<Param>&& params) {
  auto stream = std::make_unique<StreamImpl>();
  stream->conn = impl_->conn;
  if (params.size() != impl_->param_types.size()) {
    stream->parse_error = Error(sqlstate::kProtocolViolation,
                                "bind message supplies " + std::to_string(params.size()) +
                                    " parameters, but prepared statement requires " +
                                    std::to_string(impl_->param_types.size()));
    return ResultStream(std::move(stream));
  }
  // Parameters take the types inferred at prepare time.
  std::vector<Value> values;
  values.reserve(params.size());
  for (size_t i = 0; i < params.size(); i++) {
    Value v = ParamToValue(std::move(params[i]));  // (kind and numbers stay readable)
    if (v.is_null()) {
      v = Value::Null(impl_->param_types[i]);
    } else if (v.type().id != TypeId::kUnknown && v.type().id != impl_->param_types[i].id) {
      // Let the connection convert through text semantics via an untyped literal.
      char buf[40];
      if (params[i].kind() == Param::Kind::kBool) {
        snprintf(buf, sizeof(buf), "%s", params[i].int_value() ? "true" : "false");
      } else if (params[i].kind() == Param::Kind::kInt) {
        snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(params[i].int_value()));
      } else {
        snprintf(buf, sizeof(buf), "%.17g", params[i].double_value());
      }
      v = Value::Unknown(buf);
    }
    values.push_back(std::move(v));
  }
  PreparedImpl* p = impl_.get();
  stream->single = [p, values = std::move(values)] {
    StackDepthScope depth(p->conn->MaxStackDepth());
    p->conn->SetActivityQuery(p->text);
    return p->conn->RunPrepared(*p->stmt, values, p->param_types, &p->plan_cache, true);
  };
  return ResultStream(std::move(stream));
}

}  // namespace kanto

namespace kanto {

double StorageStatistics::TableRows(const TableEntry& table) const {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(table.id);
    if (it != cache_.end() && now - it->second.at < std::chrono::seconds(1)) return it->second.rows;
  }
  double rows = access::EstimateRowCount(engine_, table);
  std::lock_guard<std::mutex> lock(mu_);
  cache_[table.id] = {rows, now};
  return rows;
}

}  // namespace kanto
