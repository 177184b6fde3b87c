// Roles: CREATE ROLE / CREATE USER, ALTER ROLE, DROP ROLE, stored in the catalog (transactional like
// all DDL), and the role lookup the server authenticates against. Passwords are kept only as
// SCRAM-SHA-256 verifiers; a password given already in that form is stored as it is.
#include "common/scram.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

namespace {

void Require(const Catalog& catalog, const std::string& user, bool for_superuser) {
  const RoleEntry* me = catalog.FindRole(user);
  if (me && (me->superuser || (!for_superuser && me->createrole))) return;
  throw Error(sqlstate::kInsufficientPrivilege, for_superuser ? "must be superuser to alter superuser roles"
                                                              : "permission denied to create role");
}

void ApplyOptions(const ast::RoleStmt& stmt, RoleEntry* role) {
  if (stmt.login >= 0) role->login = stmt.login;
  if (stmt.superuser >= 0) role->superuser = stmt.superuser;
  if (stmt.createdb >= 0) role->createdb = stmt.createdb;
  if (stmt.createrole >= 0) role->createrole = stmt.createrole;
  if (stmt.password_given) {
    if (stmt.password_null || stmt.password.empty()) {
      role->password.clear();  // PostgreSQL: an empty password is no password
    } else {
      role->password = scram::IsVerifier(stmt.password) ? stmt.password : scram::MakeVerifier(stmt.password);
    }
  }
}

}  // namespace

std::unique_ptr<ResultImpl> ConnectionImpl::RunRole(const ast::RoleStmt& stmt) {
  using A = ast::RoleStmt::Action;
  auto catalog = BeginCatalogChange();
  bool wants_superuser = stmt.superuser >= 0;
  Require(*catalog, user_, wants_superuser);
  switch (stmt.action) {
    case A::kCreate: {
      const std::string& name = stmt.names[0];
      if (name.rfind("pg_", 0) == 0) {
        throw Error(sqlstate::kReservedName, "role name \"" + name + "\" is reserved")
            .WithDetail("Role names starting with \"pg_\" are reserved.");
      }
      if (name == "public" || name == "none") throw Error(sqlstate::kReservedName, "role name \"" + name + "\" is reserved");
      if (catalog->FindRole(name)) throw Error(sqlstate::kDuplicateObject, "role \"" + name + "\" already exists");
      RoleEntry role;
      role.id = catalog->AllocateId();
      role.name = name;
      ApplyOptions(stmt, &role);
      CatalogManager::WriteRole(*txn_, role);
      CatalogManager::WriteNextId(*txn_, catalog->next_id());
      catalog->PutRole(std::move(role));
      FinishCatalogChange(std::move(catalog));
      return TagOnly("CREATE ROLE");
    }
    case A::kAlter: {
      const RoleEntry* existing = catalog->FindRole(stmt.names[0]);
      if (!existing) throw Error(sqlstate::kUndefinedObject, "role \"" + stmt.names[0] + "\" does not exist");
      if (existing->superuser) Require(*catalog, user_, true);
      RoleEntry role = *existing;
      ApplyOptions(stmt, &role);
      CatalogManager::WriteRole(*txn_, role);
      catalog->PutRole(std::move(role));
      FinishCatalogChange(std::move(catalog));
      return TagOnly("ALTER ROLE");
    }
    case A::kDrop: {
      for (const std::string& name : stmt.names) {
        const RoleEntry* existing = catalog->FindRole(name);
        if (!existing) {
          if (stmt.missing_ok) continue;  // PostgreSQL notices "role ... does not exist, skipping"
          throw Error(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
        }
        if (existing->id == kBootstrapRoleId || name == user_) {
          throw Error(sqlstate::kObjectInUse, name == user_ ? "current user cannot be dropped"
                                                            : "cannot drop role " + name + " because it is required by the database system");
        }
        if (existing->superuser) Require(*catalog, user_, true);
        uint32_t id = existing->id;
        CatalogManager::DeleteRole(*txn_, id);
        catalog->RemoveRole(id);
      }
      FinishCatalogChange(std::move(catalog));
      return TagOnly("DROP ROLE");
    }
  }
  return TagOnly("ROLE");
}

bool Database::FindRole(const std::string& name, RoleInfo* out) const {
  auto catalog = impl_->catalog().Current();
  const RoleEntry* role = catalog->FindRole(name);
  if (!role) return false;
  out->can_login = role->login;
  out->superuser = role->superuser;
  out->password_verifier = role->password;
  return true;
}

void Connection::SetUser(const std::string& role) {
  if (!impl_->db().catalog().Current()->FindRole(role)) {
    throw Error(sqlstate::kUndefinedObject, "role \"" + role + "\" does not exist");
  }
  impl_->user_ = role;
}

const std::string& Connection::user() const { return impl_->user_; }

}  // namespace kanto
