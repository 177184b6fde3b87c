// Transaction characteristics of a connection: isolation level, READ ONLY and DEFERRABLE, from BEGIN /
// START TRANSACTION, SET TRANSACTION, SET SESSION CHARACTERISTICS, and the settings
// transaction_isolation / transaction_read_only / transaction_deferrable and their default_ forms.
// PostgreSQL's rules: the isolation level and READ WRITE can only change before the transaction's
// first query and outside savepoints (25001); a read-only transaction rejects every statement that
// writes (25006 "cannot execute INSERT in a read-only transaction").
#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "parser/ast_database.hpp"
#include "parser/ast_grant.hpp"
#include "main/database_impl.hpp"

namespace kanto {

namespace {
std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

std::string NormalizeIsolationSetting(const std::string& name, const std::string& value) {
  std::string v = Lower(value);
  if (v == "serializable" || v == "repeatable read" || v == "read committed" || v == "read uncommitted") return v;
  throw Error(sqlstate::kInvalidParameterValue, "invalid value for parameter \"" + name + "\": \"" + value + "\"")
      .WithHint("Available values: serializable, repeatable read, read committed, read uncommitted.");
}

// A Boolean setting's value as PostgreSQL reads it: on/off, true/false, yes/no, 1/0 (or a prefix).
std::string NormalizeBoolSetting(const std::string& name, const std::string& value) {
  std::string v = Lower(value);
  auto prefix_of = [&](const char* word) { return !v.empty() && std::string(word).compare(0, v.size(), v) == 0; };
  if (v == "on" || v == "1" || prefix_of("true") || prefix_of("yes")) return "on";
  if (v == "off" || v == "of" || v == "0" || prefix_of("false") || prefix_of("no")) return "off";
  throw Error(sqlstate::kInvalidParameterValue, "parameter \"" + name + "\" requires a Boolean value");
}

bool IsTransactionModeSetting(const std::string& name) {
  return name == "transaction_isolation" || name == "transaction_read_only" || name == "transaction_deferrable";
}

void ConnectionImpl::StartTransactionModes(const ast::TransactionModes& modes) {
  // An implicit transaction after one that ended with the settings unchanged since: the modes
  // are what EndTransactionModes left (the defaults), so there is nothing to set.
  if (modes.isolation.empty() && modes.read_only < 0 && modes.deferrable < 0 &&
      settings_.version() == modes_reset_version_) {
    txn_snapshot_taken_ = false;
    return;
  }
  std::string iso = modes.isolation.empty() ? GetSetting("default_transaction_isolation")
                                            : NormalizeIsolationSetting("transaction_isolation", modes.isolation);
  settings_.Set("transaction_isolation", iso);
  txn_snapshot_taken_ = false;
  txn_read_only_ = modes.read_only >= 0 ? modes.read_only == 1 : GetSetting("default_transaction_read_only") == "on";
  bool deferrable = modes.deferrable >= 0 ? modes.deferrable == 1 : GetSetting("default_transaction_deferrable") == "on";
  settings_.Set("transaction_read_only", txn_read_only_ ? "on" : "off");
  settings_.Set("transaction_deferrable", deferrable ? "on" : "off");
}

void ConnectionImpl::EndTransactionModes() {
  // Nothing changed the settings since the last reset: they already hold the defaults' modes.
  if (settings_.version() == modes_reset_version_) {
    txn_snapshot_taken_ = false;
    return;
  }
  settings_.Set("transaction_isolation", GetSetting("default_transaction_isolation"));
  txn_read_only_ = GetSetting("default_transaction_read_only") == "on";
  settings_.Set("transaction_read_only", txn_read_only_ ? "on" : "off");
  settings_.Set("transaction_deferrable", GetSetting("default_transaction_deferrable"));
  txn_snapshot_taken_ = false;
  modes_reset_version_ = settings_.version();
}

ast::TransactionModes ConnectionImpl::CurrentTransactionModes() const {
  ast::TransactionModes modes;
  modes.isolation = GetSetting("transaction_isolation");
  modes.read_only = GetSetting("transaction_read_only") == "on";
  modes.deferrable = GetSetting("transaction_deferrable") == "on";
  return modes;
}

void ConnectionImpl::SetTransactionMode(const std::string& name, const std::string& raw) {
  bool in_block = state_ == TxnState::kInBlock && txn_;
  bool in_savepoint = !savepoints_.empty();
  if (name == "transaction_isolation") {
    std::string iso = NormalizeIsolationSetting(name, raw);
    if (!in_block || iso == GetSetting(name)) return;
    if (txn_snapshot_taken_) {
      throw Error(sqlstate::kActiveSqlTransaction, "SET TRANSACTION ISOLATION LEVEL must be called before any query");
    }
    if (in_savepoint) {
      throw Error(sqlstate::kActiveSqlTransaction, "SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
    }
    // Nothing has read or written yet: the storage transaction restarts at the new level.
    txn_->Rollback();
    txn_ = db_impl_.engine().Begin(ParseIsolation(iso));
    txn_isolation_ = ParseIsolation(iso);
    settings_.Set(name, iso);
    return;
  }
  std::string value = NormalizeBoolSetting(name, raw);
  if (!in_block || value == GetSetting(name)) return;
  if (name == "transaction_read_only") {
    if (value == "off") {
      if (in_savepoint) {
        throw Error(sqlstate::kActiveSqlTransaction,
                    "cannot set transaction read-write mode inside a read-only transaction");
      }
      if (txn_snapshot_taken_) {
        throw Error(sqlstate::kActiveSqlTransaction, "transaction read-write mode must be set before any query");
      }
    }
    txn_read_only_ = value == "on";
  } else {
    if (in_savepoint) {
      throw Error(sqlstate::kActiveSqlTransaction, "SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction");
    }
    if (txn_snapshot_taken_) {
      throw Error(sqlstate::kActiveSqlTransaction, "SET TRANSACTION [NOT] DEFERRABLE must be called before any query");
    }
  }
  settings_.Set(name, value);
}

void ConnectionImpl::ApplyTransactionModes(const ast::TransactionModes& modes, bool session_default) {
  const char* prefix = session_default ? "default_" : "";
  auto apply = [&](const std::string& name, const std::string& value) {
    if (session_default) {
      settings_.Set(name, name == "default_transaction_isolation" ? NormalizeIsolationSetting(name, value)
                                                                : NormalizeBoolSetting(name, value));
    } else {
      SetTransactionMode(name, value);
    }
  };
  if (!modes.isolation.empty()) apply(std::string(prefix) + "transaction_isolation", modes.isolation);
  if (modes.read_only >= 0) apply(std::string(prefix) + "transaction_read_only", modes.read_only ? "on" : "off");
  if (modes.deferrable >= 0) apply(std::string(prefix) + "transaction_deferrable", modes.deferrable ? "on" : "off");
}

void ConnectionImpl::CheckWritable(const std::string& command) const {
  if (!txn_read_only_) return;
  throw Error(sqlstate::kReadOnlyTransaction, "cannot execute " + command + " in a read-only transaction");
}

// The command name PostgreSQL's read-only check reports for a statement that writes; "" for
// statements that do not write (queries are checked after binding, in RunQuery).
std::string WritingCommandName(const ast::Statement& stmt) {
  switch (stmt.kind) {
    case ast::StmtKind::kCreateTable: {
      const auto& c = static_cast<const ast::CreateTableStmt&>(stmt);
      return c.as_select ? "CREATE TABLE AS" : "CREATE TABLE";
    }
    case ast::StmtKind::kCreateView: return "CREATE VIEW";
    case ast::StmtKind::kCreateIndex: return "CREATE INDEX";
    case ast::StmtKind::kCreateSchema: return "CREATE SCHEMA";
    case ast::StmtKind::kAlterTable: return "ALTER TABLE";
    case ast::StmtKind::kAlterObjectSchema:
      switch (static_cast<const ast::AlterObjectSchemaStmt&>(stmt).object_type) {
        case ast::AlterObjectSchemaStmt::ObjectType::kSequence: return "ALTER SEQUENCE";
        case ast::AlterObjectSchemaStmt::ObjectType::kView: return "ALTER VIEW";
        case ast::AlterObjectSchemaStmt::ObjectType::kTable: return "ALTER TABLE";
      }
      return "";
    case ast::StmtKind::kAlterOwner: return "ALTER SCHEMA";
    case ast::StmtKind::kComment: return "COMMENT";
    case ast::StmtKind::kCreateType: return "CREATE TYPE";
    case ast::StmtKind::kAlterType: return "ALTER TYPE";
    case ast::StmtKind::kGrant: {
      const auto& grant = static_cast<const ast::GrantStmt&>(stmt);
      return grant.defaults ? "ALTER DEFAULT PRIVILEGES" : grant.is_grant ? "GRANT" : "REVOKE";
    }
    case ast::StmtKind::kTruncate: return "TRUNCATE TABLE";
    case ast::StmtKind::kCopy:
      return static_cast<const ast::CopyStmt&>(stmt).from ? "COPY FROM" : "";
    case ast::StmtKind::kRole:
      switch (static_cast<const ast::RoleStmt&>(stmt).action) {
        case ast::RoleStmt::Action::kCreate: return "CREATE ROLE";
        case ast::RoleStmt::Action::kAlter: return "ALTER ROLE";
        case ast::RoleStmt::Action::kDrop: return "DROP ROLE";
        case ast::RoleStmt::Action::kGrant: return "GRANT ROLE";
        case ast::RoleStmt::Action::kRevoke: return "REVOKE ROLE";
      }
      return "";
    case ast::StmtKind::kDatabase:
      switch (static_cast<const ast::DatabaseStmt&>(stmt).action) {
        case ast::DatabaseStmt::Action::kCreate: return "CREATE DATABASE";
        case ast::DatabaseStmt::Action::kDrop: return "DROP DATABASE";
        default: return "ALTER DATABASE";
      }
    case ast::StmtKind::kDrop:
      switch (static_cast<const ast::DropStmt&>(stmt).object_type) {
        case ast::DropStmt::ObjectType::kTable: return "DROP TABLE";
        case ast::DropStmt::ObjectType::kIndex: return "DROP INDEX";
        case ast::DropStmt::ObjectType::kSchema: return "DROP SCHEMA";
        case ast::DropStmt::ObjectType::kView: return "DROP VIEW";
        case ast::DropStmt::ObjectType::kSequence: return "DROP SEQUENCE";
        case ast::DropStmt::ObjectType::kRole: return "DROP ROLE";
        case ast::DropStmt::ObjectType::kType: return "DROP TYPE";
        case ast::DropStmt::ObjectType::kOther: return "DROP";
      }
      return "";
    default: return "";
  }
}

}  // namespace kanto
