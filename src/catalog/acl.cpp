#include "catalog/acl.hpp"

#include <cctype>

#include "catalog/catalog.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {
constexpr const char kLetters[] = "arwdDxtXUCTc";
constexpr const char* kNames[] = {"INSERT",  "SELECT",    "UPDATE", "DELETE",    "TRUNCATE", "REFERENCES",
                                  "TRIGGER", "EXECUTE",   "USAGE",  "CREATE",    "TEMPORARY", "CONNECT"};

// A role name as aclitem prints it: in double quotes unless every character is alphanumeric or _.
std::string AclName(const std::string& name) {
  bool plain = !name.empty();
  for (char c : name) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string RoleText(const Catalog& catalog, uint32_t id) {
  const RoleEntry* role = catalog.GetRole(id);
  return role ? AclName(role->name) : std::to_string(id);
}
}  // namespace

Acl TableAcl(const std::optional<Acl>& acl, uint32_t owner) {
  if (acl) return *acl;
  return {AclItem{owner, owner, kAclAllTable, 0}};
}

namespace {

// The privileges of the items whose grantee `holds` (PUBLIC's always count), and in
// `grant_options` theirs, plus every option of `all` when `holds(owner)`.
template <typename Holds>
uint32_t MaskOfHeld(const Acl& acl, uint32_t owner, uint32_t all, uint32_t* grant_options, Holds holds) {
  uint32_t privileges = 0, options = holds(owner) ? all : 0;
  for (const AclItem& item : acl) {
    if (item.grantee != kAclPublic && !holds(item.grantee)) continue;
    privileges |= item.privileges;
    options |= item.grant_options;
  }
  if (grant_options) *grant_options = options;
  return privileges;
}

}  // namespace

uint32_t AclMask(const Acl& acl, uint32_t owner, uint32_t role, uint32_t all, uint32_t* grant_options) {
  return MaskOfHeld(acl, owner, all, grant_options, [role](uint32_t grantee) { return grantee == role; });
}

uint32_t AclMaskOf(const Catalog& catalog, const Acl& acl, uint32_t owner, uint32_t role, uint32_t all,
                   uint32_t* grant_options) {
  return MaskOfHeld(acl, owner, all, grant_options,
                    [&](uint32_t grantee) { return catalog.HasPrivilegesOf(role, grantee); });
}

std::string AclModeText(uint32_t privileges, uint32_t grant_options) {
  std::string out;
  for (int bit = 0; kLetters[bit]; bit++) {
    if (!(privileges & (1u << bit))) continue;
    out += kLetters[bit];
    if (grant_options & (1u << bit)) out += '*';
  }
  return out;
}

const char* AclModeName(uint32_t bit) {
  for (int i = 0; kLetters[i]; i++) {
    if (bit == (1u << i)) return kNames[i];
  }
  return "?";
}

std::string AclItemText(const Catalog& catalog, const AclItem& item) {
  std::string grantee = item.grantee == kAclPublic ? "" : RoleText(catalog, item.grantee);
  return grantee + "=" + AclModeText(item.privileges, item.grant_options) + "/" + RoleText(catalog, item.grantor);
}

void CheckRelationPermissions(const Catalog& catalog, uint32_t current_role,
                              const std::vector<RelationPermission>& permissions) {
  for (const RelationPermission& p : permissions) {
    uint32_t role = p.role ? p.role : current_role;
    const RoleEntry* entry = catalog.GetRole(role);
    if (entry && entry->superuser) continue;
    const IndexEntry* index = nullptr;
    if (const TableEntry* table = catalog.FindRelationById(p.relation_id, &index); table && !index) {
      uint32_t held = AclMaskOf(catalog, TableAcl(table->acl, table->owner), table->owner, role, kAclAllTable);
      if ((held & p.required) != p.required) {
        throw Error(sqlstate::kInsufficientPrivilege,
                    std::string("permission denied for ") + (table->is_view() ? "view " : "table ") + table->name);
      }
    }
  }
}

void CheckRelationPermissions(const Catalog& catalog, const std::string& user,
                              const std::vector<RelationPermission>& permissions) {
  if (permissions.empty()) return;
  if (const RoleEntry* role = catalog.FindRole(user)) CheckRelationPermissions(catalog, role->id, permissions);
}

}  // namespace kanto
