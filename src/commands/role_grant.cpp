// GRANT role TO role [WITH ADMIN OPTION] [GRANTED BY r] and REVOKE [ADMIN OPTION FOR] role FROM role,
// as PostgreSQL 15's AddRoleMems / DelRoleMems: the rows of pg_auth_members, kept with the member
// (RoleEntry::member_of). The membership questions themselves are in catalog/role_membership.cpp.
#include <algorithm>

#include "commands/commands.hpp"
#include "commands/role_grant.hpp"
#include "commands/role_name.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {

constexpr const char* kInvalidGrantOperation = "0LP01";
constexpr uint32_t kPgDatabaseOwnerRoleId = 6171;

const RoleEntry& Named(const Catalog& catalog, const std::string& name) {
  const RoleEntry* r = catalog.FindRole(name);
  if (!r) throw Error(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
  return *r;
}

// PostgreSQL 15: superuser roles only by superusers; others by CREATEROLE or ADMIN OPTION holders.
void CheckMayGrant(const Catalog& catalog, const RoleEntry& me, uint32_t grantor, const RoleEntry& role) {
  if (role.superuser) {
    if (!me.superuser) throw Error(sqlstate::kInsufficientPrivilege, "must be superuser to alter superusers");
    return;
  }
  if (!me.superuser && !me.createrole && !catalog.IsAdminOf(grantor, role.id)) {
    throw Error(sqlstate::kInsufficientPrivilege, "must have admin option on role \"" + role.name + "\"");
  }
}

// is_member_of_role_nosuper: `member` reaches `role` through memberships (superuser or not).
bool ReachesRole(const Catalog& catalog, uint32_t member, uint32_t role) {
  std::vector<uint32_t> todo{member};
  std::vector<uint32_t> seen{member};
  while (!todo.empty()) {
    const RoleEntry* r = catalog.GetRole(todo.back());
    todo.pop_back();
    if (!r) continue;
    for (const RoleEntry::Membership& m : r->member_of) {
      if (m.role == role) return true;
      if (std::find(seen.begin(), seen.end(), m.role) == seen.end()) {
        seen.push_back(m.role);
        todo.push_back(m.role);
      }
    }
  }
  return false;
}

}  // namespace

CommandResult GrantRoles(const ast::RoleStmt& stmt, CatalogChange& change, const CommandContext& ctx) {
  bool grant = stmt.action == ast::RoleStmt::Action::kGrant;
  CommandResult result(grant ? "GRANT ROLE" : "REVOKE ROLE");
  const RoleEntry& me = Named(change.catalog(), ctx.fn.current_user);
  uint32_t grantor = stmt.has_grantor ? ResolveRoleName(change.catalog(), stmt.grantor, ctx).id : me.id;
  for (const std::string& name : stmt.names) {
    const RoleEntry role = Named(change.catalog(), name);
    if (role.id == kPgDatabaseOwnerRoleId && grant) {
      // PostgreSQL 15 raises it as an internal error (elog): XX000.
      throw Error("XX000", "role \"" + role.name + "\" cannot have explicit members");
    }
    CheckMayGrant(change.catalog(), me, grantor, role);
    for (const ast::RoleName& grantee : stmt.grantees) {
      RoleEntry member = ResolveRoleName(change.catalog(), grantee, ctx);
      auto it = std::find_if(member.member_of.begin(), member.member_of.end(),
                             [&](const RoleEntry::Membership& m) { return m.role == role.id; });
      if (!grant) {
        if (it == member.member_of.end()) {
          result.notices.push_back(Error("01000", "role \"" + member.name + "\" is not a member of role \"" + role.name + "\""));
          continue;
        }
        if (stmt.admin_option) {
          it->admin = false;
        } else {
          member.member_of.erase(it);
        }
        change.PutRole(std::move(member));
        continue;
      }
      // No cycles: the granted role must not be (a member of) the grantee already.
      if (member.id == role.id || ReachesRole(change.catalog(), role.id, member.id)) {
        throw Error(kInvalidGrantOperation, "role \"" + role.name + "\" is a member of role \"" + member.name + "\"");
      }
      if (it != member.member_of.end() && (!stmt.admin_option || it->admin)) {
        result.notices.push_back(Error(sqlstate::kSuccess, "role \"" + member.name + "\" is already a member of role \"" + role.name + "\""));
        continue;
      }
      if (it != member.member_of.end()) {
        *it = {role.id, grantor, true};
      } else {
        member.member_of.push_back({role.id, grantor, stmt.admin_option});
      }
      change.PutRole(std::move(member));
    }
  }
  change.Publish();
  return result;
}

}  // namespace kanto::commands
