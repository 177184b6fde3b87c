// Role membership questions (GRANT role TO role), answered as PostgreSQL 15's acl.c does:
// is_member_of_role, has_privs_of_role and is_admin_of_role. Memberships are stored with the member
// (RoleEntry::member_of); the graph has no cycles (GRANT refuses them), but the walk keeps a visited
// set anyway so a damaged catalog cannot loop.
#include <set>

#include "catalog/catalog.hpp"

namespace kanto {

namespace {

enum class Walk { kMembers, kPrivileges };

// Every role `member` reaches (itself included). kPrivileges does not expand a role without INHERIT.
// When `admin_of` is given, *admin tells whether some reached role holds ADMIN OPTION on it.
std::set<uint32_t> Reach(const Catalog& catalog, uint32_t member, Walk walk, uint32_t admin_of = 0, bool* admin = nullptr) {
  std::set<uint32_t> seen{member};
  std::vector<uint32_t> todo{member};
  while (!todo.empty()) {
    uint32_t id = todo.back();
    todo.pop_back();
    const RoleEntry* r = catalog.GetRole(id);
    if (!r) continue;
    if (walk == Walk::kPrivileges && !r->inherit) continue;
    for (const RoleEntry::Membership& m : r->member_of) {
      if (admin && m.role == admin_of && m.admin) *admin = true;
      if (seen.insert(m.role).second) todo.push_back(m.role);
    }
  }
  return seen;
}

bool IsSuperuser(const Catalog& catalog, uint32_t id) {
  const RoleEntry* r = catalog.GetRole(id);
  return r && r->superuser;
}

}  // namespace

bool Catalog::IsMemberOf(uint32_t member, uint32_t role) const {
  if (member == role || IsSuperuser(*this, member)) return true;
  return Reach(*this, member, Walk::kMembers).count(role) > 0;
}

bool Catalog::HasPrivilegesOf(uint32_t member, uint32_t role) const {
  if (member == role || IsSuperuser(*this, member)) return true;
  return Reach(*this, member, Walk::kPrivileges).count(role) > 0;
}

bool Catalog::IsAdminOf(uint32_t member, uint32_t role) const {
  if (IsSuperuser(*this, member)) return true;
  if (member == role) return false;  // by policy no role has ADMIN OPTION on itself
  bool admin = false;
  Reach(*this, member, Walk::kMembers, role, &admin);
  return admin;
}

bool Catalog::IsMemberOf(std::string_view member, std::string_view role) const {
  const RoleEntry* m = FindRole(member);
  const RoleEntry* r = FindRole(role);
  return m && r && IsMemberOf(m->id, r->id);
}

bool Catalog::HasPrivilegesOf(std::string_view member, std::string_view role) const {
  const RoleEntry* m = FindRole(member);
  const RoleEntry* r = FindRole(role);
  return m && r && HasPrivilegesOf(m->id, r->id);
}

}  // namespace kanto
