// Session state of a connection: settings (SET, SET LOCAL, RESET, SHOW, current_setting,
// set_config), SQL-level prepared statements (PREPARE, EXECUTE, DEALLOCATE) and DISCARD ALL.
#include <cctype>

#include "common/stack_depth.hpp"

#include "execution/expression_executor.hpp"
#include "kanto/error.hpp"
#include "main/configuration_parameters.hpp"
#include "main/connection_impl.hpp"
#include "main/literal_plan_cache.hpp"
#include "main/database_impl.hpp"
#include "main/duration_setting.hpp"
#include "main/memory_setting.hpp"
#include "main/result_impl.hpp"
#include "main/session_time_zone.hpp"
#include "planner/binder.hpp"
#include "planner/expr_binder.hpp"

namespace kanto {

SettingValues::Map DefaultSettingValues(const Options& options) {
  return {
      {"timezone", "UTC"},
      {"datestyle", "ISO, MDY"},
      {"search_path", "\"$user\", public"},
      {"transaction_isolation", "read committed"},
      {"default_transaction_isolation", "read committed"},
      {"transaction_read_only", "off"},
      {"default_transaction_read_only", "off"},
      {"transaction_deferrable", "off"},
      {"default_transaction_deferrable", "off"},
      {"client_encoding", "UTF8"},
      {"server_encoding", "UTF8"},
      {"server_version", "15.0"},
      {"server_version_num", "150000"},
      {"standard_conforming_strings", "on"},
      {"integer_datetimes", "on"},
      {"intervalstyle", "postgres"},
      {"application_name", ""},
      {"lock_timeout", "0"},
      {"statement_timeout", "0"},
      {"deadlock_timeout", "1s"},
      {"idle_in_transaction_session_timeout", "0"},
      {"idle_session_timeout", "0"},
      // Options::sync_commit (kanto serve -c synchronous_commit=off) is the sessions' default.
      {"synchronous_commit", options.sync_commit ? "on" : "off"},
      {"work_mem", FormatMemorySetting(options.query_memory_limit)},
      {"max_stack_depth", FormatMemorySetting(kDefaultMaxStackDepth)},
      {"max_prepared_transactions", std::to_string(options.max_prepared_transactions)},
      // Kanto's behaviour is these values' (floats print shortest-exact as for any value above 0;
      // there are no function bodies to check, no row security policies to apply, and a sequential
      // scan always starts at the table's first row, which synchronize_seqscans allows either way); the NOTICEs a
      // statement raises are filtered by client_min_messages (ConnectionImpl::Run).
      {"client_min_messages", "notice"},
      {"extra_float_digits", "1"},
      {"check_function_bodies", "on"},
      {"row_security", "on"},
      {"synchronize_seqscans", "on"},
  };
}

SettingValues::Map ConnectionImpl::DefaultSettings() const {
  SettingValues::Map out = *db_impl_.setting_defaults();
  for (const auto& [name, value] : session_defaults_) out[name] = value;
  return out;
}

void ConnectionImpl::ResetSettings() {
  settings_ = SettingValues(db_impl_.setting_defaults());
  for (const auto& [name, value] : session_defaults_) settings_.Set(name, value);
}

void ConnectionImpl::SetSessionDefault(const std::string& raw_name, const std::string& value) {
  std::string name = raw_name;
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!settings_.Contains(name)) {
    ApplySetting(name, value, false);  // 42704 / 0A000 as SET (the connection then fails, as in PostgreSQL)
    return;
  }
  session_defaults_[name] = ApplySetting(name, value, false);
}

const std::string& ConnectionImpl::GetSetting(std::string_view name) const {
  static const std::string empty;
  const std::string* value = settings_.Find(name);
  return value ? *value : empty;
}

bool ConnectionImpl::Get(const std::string& name, std::string* value) const {
  if (name == "kanto.plan_cache_hits") {  // statements run from the literal plan cache
    *value = std::to_string(literal_cache_->hits);
    return true;
  }
  if (name == "session_authorization" || name == "role") {  // session_role.cpp
    *value = name == "role" ? role_state_.role : role_state_.session_user;
    return true;
  }
  if (const std::string* set = settings_.Find(name)) {
    *value = *set;
    return true;
  }
  // A PostgreSQL parameter Kanto does not act on has its default value.
  const ConfigParameter* p = FindConfigParameter(name);
  if (!p) return false;
  *value = p->shown;
  return true;
}

std::string ConnectionImpl::Set(const std::string& name, const std::string& value, bool is_local) {
  return ApplySetting(name, value, is_local);
}

std::string ConnectionImpl::ApplySetting(const std::string& name, const std::string& raw, bool is_local) {
  std::string value = raw;
  if (IsTransactionModeSetting(name)) {
    SetTransactionMode(name, value);  // SET LOCAL is the same: the setting lasts for the transaction
    return GetSetting(name);
  }
  if (name == "default_transaction_isolation") value = NormalizeIsolationSetting(name, value);
  if (name == "default_transaction_read_only" || name == "default_transaction_deferrable") {
    value = NormalizeBoolSetting(name, value);
  }
  if (name == "timezone") SessionTimeZone(value);  // validates: throws 22023 for unknown zones
  if (name == "work_mem") value = FormatMemorySetting(ParseMemorySetting(name, value));
  if (IsDurationSetting(name)) value = FormatDurationSetting(ParseDurationSetting(name, value));
  if (name == "deadlock_timeout" && ParseDurationSetting(name, value) == 0) {
    throw Error(sqlstate::kInvalidParameterValue,
                "0 ms is outside the valid range for parameter \"deadlock_timeout\" (1 .. 2147483647)");
  }
  if (name == "max_stack_depth") value = ValidateStackDepth(value);
  if (name == "max_prepared_transactions") {  // fixed when the database opens
    throw Error(sqlstate::kCantChangeRuntimeParam,
                "parameter \"" + name + "\" cannot be changed without restarting the server");
  }
  if (name == "search_path") ParseSearchPath(value);  // validates the list syntax (22023)
  if (name == "synchronous_commit") value = NormalizeSynchronousCommit(value);
  value = ApplyCosmeticSetting(name, value);
  if (!settings_.Contains(name)) {
    // Not a parameter Kanto acts on: a placeholder (myapp.user_id) is kept as given; a PostgreSQL
    // parameter only at its default value (there is nothing to store); any other name is 42704.
    if (const ConfigParameter* p = FindConfigParameter(name)) {
      CheckUnimplementedParameter(*p, value);
      return p->shown;
    }
    if (!IsPlaceholderName(name)) {
      throw Error(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + name + "\"");
    }
  }
  if (IsReadOnlySetting(name)) {
    throw Error(sqlstate::kCantChangeRuntimeParam, "parameter \"" + name + "\" cannot be changed");
  }
  if (is_local) {
    // SET LOCAL outside a transaction block has no effect (PostgreSQL warns).
    if (state_ == TxnState::kIdle) return value;
    if (!local_saved_.count(name)) local_saved_[name] = GetSetting(name);
  } else {
    local_saved_.erase(name);
  }
  settings_.Set(name, value);
  if (name == "max_stack_depth") StackDepthScope::SetBudget(MaxStackDepth());
  return value;
}

std::string ConnectionImpl::ApplyCosmeticSetting(const std::string& name, const std::string& value) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  auto unsupported = [&](const char* shown) {
    return Error(sqlstate::kFeatureNotSupported, "parameter \"" + std::string(shown) + "\" is not supported with value \"" + value + "\"");
  };
  if (name == "client_encoding") {
    // Encoding names compare as PostgreSQL compares them: case and all but letters and digits
    // ignored (asyncpg sends 'utf-8', quotes included).
    std::string v;
    for (char c : lower(value)) {
      if (std::isalnum(static_cast<unsigned char>(c))) v += c;
    }
    if (v == "utf8" || v == "unicode") return "UTF8";
    throw unsupported("client_encoding").WithDetail("Kanto's client encoding is UTF8.");
  }
  if (name == "datestyle") {
    // Output ISO and input order MDY, Kanto's only ones; a list may name either or both.
    std::string v = lower(value);
    size_t start = 0;
    while (start <= v.size()) {
      size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      std::string word = v.substr(start, comma - start);
      word.erase(0, word.find_first_not_of(' '));
      word.erase(word.find_last_not_of(' ') + 1);
      start = comma + 1;
      if (word == "iso" || word == "mdy" || word == "us" || word == "noneuropean" || word == "default") continue;
      if (word == "sql" || word == "postgres" || word == "german" || word == "dmy" || word == "ymd" ||
          word == "euro" || word == "european") {
        throw unsupported("DateStyle").WithDetail("Kanto's DateStyle is ISO, MDY.");
      }
      throw Error(sqlstate::kInvalidParameterValue, "invalid value for parameter \"DateStyle\": \"" + value + "\"")
          .WithDetail("Unrecognized key word: \"" + word + "\".");
    }
    return "ISO, MDY";
  }
  if (name == "extra_float_digits") {
    const ConfigParameter* p = FindConfigParameter(name);
    char* end = nullptr;
    long digits = std::strtol(value.c_str(), &end, 10);
    if (end == value.c_str() || *end) {
      throw Error(sqlstate::kInvalidParameterValue, "invalid value for parameter \"extra_float_digits\": \"" + value + "\"");
    }
    if (digits < -15 || digits > 3) {
      throw Error(sqlstate::kInvalidParameterValue,
                  value + " is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)");
    }
    // Above 0, PostgreSQL prints floats shortest-exact, as Kanto always does; 0 and below round.
    if (digits <= 0) throw unsupported(p->name).WithDetail("Kanto prints floating-point values in their shortest exact form.");
    return std::to_string(digits);
  }
  if (name == "client_min_messages") {
    std::string v = lower(value);
    for (const char* level : {"debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"}) {
      if (v == level) return v;
    }
    if (v == "debug") return "debug2";
    throw Error(sqlstate::kInvalidParameterValue, "invalid value for parameter \"client_min_messages\": \"" + value + "\"")
        .WithHint("Available values: debug5, debug4, debug3, debug2, debug1, log, notice, warning, error.");
  }
  if (name == "check_function_bodies" || name == "row_security" || name == "synchronize_seqscans") return NormalizeBoolSetting(name, value);
  if (name == "standard_conforming_strings" || name == "intervalstyle") {
    const ConfigParameter* p = FindConfigParameter(name);
    CheckUnimplementedParameter(*p, value);
    return p->shown;
  }
  return value;
}

std::string ConnectionImpl::ValidateStackDepth(const std::string& value) {
  const RoleEntry* me = catalog_for_statement()->FindRole(user_);
  if (me && !me->superuser) {
    throw Error(sqlstate::kInsufficientPrivilege, "permission denied to set parameter \"max_stack_depth\"");
  }
  uint64_t bytes = ParseMemorySetting("max_stack_depth", value, 100);
  // The statement threads must be able to recurse that deep (PostgreSQL checks getrlimit).
  uint64_t usable_kb = UsableStackSize() / 1024;
  if (bytes / 1024 > usable_kb) {
    throw Error(sqlstate::kInvalidParameterValue,
                "invalid value for parameter \"max_stack_depth\": " + std::to_string(bytes / 1024))
        .WithDetail("\"max_stack_depth\" must not exceed " + std::to_string(usable_kb) + "kB.")
        .WithHint("Increase the platform's stack depth limit via \"ulimit -s\" or local equivalent.");
  }
  return FormatMemorySetting(bytes);
}

size_t ConnectionImpl::MaxStackDepth() const { return statement_settings().max_stack_depth; }

const ConnectionImpl::StatementSettings& ConnectionImpl::statement_settings() const {
  StatementSettings& s = statement_settings_;
  if (s.version == settings_.version()) return s;
  StatementSettings fresh;
  const std::string* stack = settings_.Find("max_stack_depth");
  fresh.max_stack_depth = stack ? ParseMemorySetting("max_stack_depth", *stack, 100) : kDefaultMaxStackDepth;
  fresh.statement_timeout_ms = ParseDurationSetting("statement_timeout", GetSetting("statement_timeout"));
  fresh.lock_timeout_ms = ParseDurationSetting("lock_timeout", GetSetting("lock_timeout"));
  fresh.deadlock_timeout_ms = ParseDurationSetting("deadlock_timeout", GetSetting("deadlock_timeout"));
  fresh.idle_session_timeout_ms = ParseDurationSetting("idle_session_timeout", GetSetting("idle_session_timeout"));
  fresh.idle_in_transaction_session_timeout_ms =
      ParseDurationSetting("idle_in_transaction_session_timeout", GetSetting("idle_in_transaction_session_timeout"));
  fresh.work_mem = ParseMemorySetting("work_mem", GetSetting("work_mem"));
  fresh.default_isolation = ParseIsolation(GetSetting("default_transaction_isolation"));
  fresh.transaction_deferrable = GetSetting("transaction_deferrable") == "on";
  const std::string& min_level = GetSetting("client_min_messages");
  fresh.client_min_messages = min_level == "error" ? 2 : min_level == "warning" ? 1 : 0;
  fresh.synchronous_commit = GetSetting("synchronous_commit") != "off";
  fresh.version = settings_.version();
  s = fresh;
  return s;
}

void ConnectionImpl::RestoreLocalSettings() {
  for (auto& [name, value] : local_saved_) settings_.Set(name, value);
  local_saved_.clear();
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunSet(const ast::SetStmt& stmt) {
  using T = ast::SetStmt::Type;
  if (stmt.type == T::kSetTransaction || stmt.type == T::kSetSessionCharacteristics) {
    // Outside a transaction block SET TRANSACTION has no effect (PostgreSQL warns).
    ApplyTransactionModes(stmt.modes, stmt.type == T::kSetSessionCharacteristics);
    return TagOnly("SET");
  }
  if (stmt.type == T::kResetAll) {
    auto defaults = DefaultSettings();
    for (auto& [name, value] : defaults) {
      if (!IsTransactionModeSetting(name)) settings_.Set(name, value);
    }
    local_saved_.clear();
    return TagOnly("RESET");
  }
  if (stmt.name == "role" || stmt.name == "session_authorization") return RunSetRole(stmt);
  std::string value;
  if (stmt.name == "search_path") {
    value = FormatSearchPath(stmt.values);  // each schema name quoted when it must be
  } else {
    for (size_t i = 0; i < stmt.values.size(); i++) value += (i ? ", " : "") + stmt.values[i];
  }
  if (stmt.type == T::kSetDefault || stmt.type == T::kReset) {
    auto defaults = DefaultSettings();
    if (auto it = defaults.find(stmt.name); it != defaults.end()) {
      value = it->second;
    } else if (const ConfigParameter* p = FindConfigParameter(stmt.name)) {
      value = p->shown;
    } else {
      value = "";  // a placeholder resets to empty
    }
  }
  ApplySetting(stmt.name, value, stmt.is_local);
  return TagOnly(stmt.type == T::kReset ? "RESET" : "SET");
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunShow(const ast::ShowStmt& stmt) {
  std::string shown;
  if (!Get(stmt.name, &shown)) {
    throw Error(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + stmt.name + "\"");
  }
  auto result = std::make_unique<ResultImpl>();
  result->has_rows = true;
  result->types = {LogicalType(TypeId::kText)};
  std::string col = stmt.name == "timezone" ? "TimeZone" : stmt.name == "datestyle" ? "DateStyle" : stmt.name;
  result->columns.push_back(ResultColumn(col, result->types[0]));
  DataChunk chunk(result->types);
  chunk.AppendRow({Value::Text(shown)});
  result->AddChunk(std::move(chunk));
  result->rows_affected = 1;
  result->tag = "SHOW";
  return result;
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunPrepare(const ast::PrepareStmt& stmt) {
  if (sql_prepared_.count(stmt.name)) {
    throw Error(sqlstate::kDuplicatePreparedStatement, "prepared statement \"" + stmt.name + "\" already exists");
  }
  SqlPrepared p;
  p.statement = stmt.query;
  FunctionContext fn = MakeFunctionContext();
  for (const auto& t : stmt.types) p.types.push_back(Binder::ResolveTypeName(t, catalog_for_statement().get(), fn.search_path));
  // Bind now so that errors show at PREPARE, as in PostgreSQL.
  std::vector<LogicalType> types = p.types;
  std::vector<ColumnInfo> columns;
  Describe(*p.statement, &types, &columns);
  p.types = types;
  sql_prepared_[stmt.name] = std::move(p);
  return TagOnly("PREPARE");
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunExecute(const ast::ExecuteStmt& stmt) {
  auto it = sql_prepared_.find(stmt.name);
  if (it == sql_prepared_.end()) {
    throw Error(sqlstate::kUndefinedPreparedStatement, "prepared statement \"" + stmt.name + "\" does not exist");
  }
  SqlPrepared prepared = it->second;  // the statement stays alive even if it deallocates itself
  if (stmt.params.size() != prepared.types.size()) {
    throw Error(sqlstate::kSyntaxError, "wrong number of parameters for prepared statement \"" + stmt.name + "\"")
        .WithDetail("Expected " + std::to_string(prepared.types.size()) + " parameters but got " +
                    std::to_string(stmt.params.size()) + ".");
  }
  // Parameters are constant expressions, converted to the statement's parameter types.
  auto catalog = catalog_for_statement();
  BinderEnv env;
  env.catalog = catalog.get();
  FunctionContext fn = MakeFunctionContext();
  env.fn_ctx = &fn;
  Binder binder(env);
  ExprBinder eb(binder, nullptr, nullptr, "EXECUTE parameter");
  ExecutionContext ctx = MakeExecutionContext(fn, nullptr, nullptr);
  std::vector<Value> params;
  for (size_t i = 0; i < stmt.params.size(); i++) {
    auto bound = binder.Coerce(eb.Bind(*stmt.params[i]), prepared.types[i], CastContext::kAssignment,
                               stmt.params[i]->location);
    params.push_back(ExpressionExecutor::EvaluateScalar(*bound, ctx));
  }
  return Dispatch(*prepared.statement, params);
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunDeallocate(const ast::DeallocateStmt& stmt) {
  // Copy the name first: the hook may free the statement that is running this DEALLOCATE.
  std::string name = stmt.name;
  if (name.empty()) {
    sql_prepared_.clear();
    if (deallocate_hook) deallocate_hook("");
    return TagOnly("DEALLOCATE ALL");
  }
  bool found = sql_prepared_.erase(name) > 0 || (deallocate_hook && deallocate_hook(name));
  if (!found) throw Error(sqlstate::kUndefinedPreparedStatement, "prepared statement \"" + name + "\" does not exist");
  return TagOnly("DEALLOCATE");
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunDiscard(const ast::DiscardStmt& stmt) {
  if (stmt.all || (!stmt.sequences && !stmt.temp)) literal_cache_->Clear();  // PLANS, ALL
  if (stmt.sequences) sequences_.Discard();
  if (stmt.temp) DiscardTempObjects();
  if (!stmt.all) return TagOnly(stmt.sequences ? "DISCARD SEQUENCES" : stmt.temp ? "DISCARD TEMP" : "DISCARD PLANS");
  if (state_ != TxnState::kIdle) {
    throw Error(sqlstate::kActiveSqlTransaction, "DISCARD ALL cannot run inside a transaction block");
  }
  DiscardTempObjects();
  ResetSettings();
  local_saved_.clear();
  UseRoleState(RoleState{login_user_, "none"});  // SET SESSION AUTHORIZATION DEFAULT
  sql_prepared_.clear();
  cursors_.CloseAll();
  sequences_.Discard();
  notifications_.UnlistenAll();  // at this statement's commit, as PostgreSQL's UNLISTEN *
  AdvisoryUnlockAll();
  if (deallocate_hook) deallocate_hook("");
  return TagOnly("DISCARD ALL");
}

std::vector<std::pair<std::string, std::string>> ConnectionImpl::All() const {
  SettingValues::Map all = settings_.All();
  // The read-only (internal) ones are facts of the server, such as max_index_keys, which pgjdbc
  // reads from here; the others Kanto does not act on are left out (pg_dump sets the ones it finds
  // with set_config, which is 0A000 for a value Kanto would ignore).
  for (const ConfigParameter& p : ConfigParameters()) {
    if (std::string_view(p.context) == "internal") all.emplace(p.name, p.reset);
  }
  return {all.begin(), all.end()};
}

}  // namespace kanto
