// SET ROLE / RESET ROLE / SET SESSION AUTHORIZATION / RESET SESSION AUTHORIZATION, as PostgreSQL 15:
// current_user is the role SET ROLE chose (a role the session user is a member of), else the
// session user; SET SESSION AUTHORIZATION, allowed when the role that connected is a superuser (or
// names that role), changes the session user and ends SET ROLE. Changes made in a transaction
// block are undone at ROLLBACK; SET LOCAL ones at COMMIT too. (ROLLBACK TO SAVEPOINT keeps them.)
#include "main/connection_impl.hpp"

namespace kanto {

std::unique_ptr<ResultImpl> ConnectionImpl::RunSetRole(const ast::SetStmt& stmt) {
  using T = ast::SetStmt::Type;
  const char* tag = stmt.type == T::kReset ? "RESET" : "SET";
  if (stmt.is_local && state_ == TxnState::kIdle) {
    Warning("SET LOCAL can only be used in transaction blocks");
    return TagOnly(tag);
  }
  std::string value = stmt.type == T::kSet && !stmt.values.empty() ? stmt.values[0] : "";
  bool to_default = stmt.type != T::kSet;
  const Catalog& catalog = *catalog_for_statement();
  RoleState next = role_state_;
  if (stmt.name == "session_authorization") {
    std::string name = to_default ? login_user_ : value;
    const RoleEntry* target = catalog.FindRole(name);
    if (!target) throw Error(sqlstate::kInvalidParameterValue, "role \"" + name + "\" does not exist");
    const RoleEntry* login = catalog.FindRole(login_user_);
    if (name != login_user_ && !(login && login->superuser)) {
      throw Error(sqlstate::kInsufficientPrivilege, "permission denied to set session authorization \"" + name + "\"");
    }
    next.session_user = name;
    next.role = "none";
  } else {  // role
    if (to_default || value == "none") {
      next.role = "none";
    } else {
      const RoleEntry* target = catalog.FindRole(value);
      // A GUC check failure in PostgreSQL: 22023, not 42704.
      if (!target) throw Error(sqlstate::kInvalidParameterValue, "role \"" + value + "\" does not exist");
      const RoleEntry* session = catalog.FindRole(role_state_.session_user);
      if (!session || !catalog.IsMemberOf(session->id, target->id)) {
        throw Error(sqlstate::kInsufficientPrivilege, "permission denied to set role \"" + value + "\"");
      }
      next.role = value;
    }
  }
  SetRoleState(std::move(next), stmt.is_local);
  return TagOnly(tag);
}

void ConnectionImpl::SetRoleState(RoleState state, bool is_local) {
  if (state_ != TxnState::kIdle) {
    if (!role_at_txn_start_) role_at_txn_start_ = role_state_;
    if (is_local && !role_before_local_) role_before_local_ = role_state_;
    if (!is_local) role_before_local_.reset();
  }
  UseRoleState(state);
}

void ConnectionImpl::UseRoleState(const RoleState& state) {
  role_state_ = state;
  user_ = state.role == "none" ? state.session_user : state.role;
}

void ConnectionImpl::EndTransactionRole(bool commit) {
  if (!commit && role_at_txn_start_) {
    UseRoleState(*role_at_txn_start_);
  } else if (role_before_local_) {
    UseRoleState(*role_before_local_);
  }
  role_at_txn_start_.reset();
  role_before_local_.reset();
}

}  // namespace kanto
