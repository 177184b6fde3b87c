// The embedding API's role calls: the role lookup the server authenticates against, and the role a
// connection runs as. CREATE/ALTER/DROP ROLE are in commands/role.cpp.
#include "catalog/object_acl.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"

namespace kanto {

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
  auto catalog = impl_->db().catalog().Current();
  if (!catalog->FindRole(role)) {
    throw Error(sqlstate::kUndefinedObject, "role \"" + role + "\" does not exist");
  }
  // CONNECT on the database (PUBLIC holds it by default), as PostgreSQL checks it at connect.
  const DatabaseEntry* db = catalog->GetDatabase(catalog->database_id());
  if (db && !HasDatabasePrivilege(*catalog, role, *db, kAclConnect)) {
    throw Error(sqlstate::kInsufficientPrivilege, "permission denied for database \"" + db->name + "\"")
        .WithDetail("User does not have CONNECT privilege.");
  }
  impl_->login_user_ = role;
  impl_->UseRoleState({role, "none"});
  std::lock_guard<std::mutex> lock(impl_->session_state().mu);
  impl_->session_state().user = role;
}

const std::string& Connection::user() const { return impl_->user_; }

}  // namespace kanto
