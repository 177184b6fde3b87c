// Access privileges: PostgreSQL's ACLs (aclitem). An object's ACL is a list of items, each a
// grantee (a role, or PUBLIC), a grantor and the privileges granted with those grantable further.
// An object whose ACL was never set holds none (std::nullopt, relacl NULL): it means the owner's
// default (all of the kind's privileges to the owner, and for some kinds some to PUBLIC).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kanto {

class Catalog;

// Privilege bits, in PostgreSQL's ACL_* order: the aclitem letters are "arwdDxtXUCTc" by bit.
enum AclMode : uint32_t {
  kAclInsert = 1u << 0,
  kAclSelect = 1u << 1,
  kAclUpdate = 1u << 2,
  kAclDelete = 1u << 3,
  kAclTruncate = 1u << 4,
  kAclReferences = 1u << 5,
  kAclTrigger = 1u << 6,
  kAclExecute = 1u << 7,
  kAclUsage = 1u << 8,
  kAclCreate = 1u << 9,
  kAclTemporary = 1u << 10,
  kAclConnect = 1u << 11,
};
// Each object kind's privileges (what ALL PRIVILEGES grants on it).
constexpr uint32_t kAclAllTable =
    kAclInsert | kAclSelect | kAclUpdate | kAclDelete | kAclTruncate | kAclReferences | kAclTrigger;
constexpr uint32_t kAclAllColumn = kAclInsert | kAclSelect | kAclUpdate | kAclReferences;
constexpr uint32_t kAclAllSequence = kAclUsage | kAclSelect | kAclUpdate;
constexpr uint32_t kAclAllSchema = kAclUsage | kAclCreate;
constexpr uint32_t kAclAllDatabase = kAclCreate | kAclTemporary | kAclConnect;

constexpr uint32_t kAclPublic = 0;  // the grantee id of PUBLIC

struct AclItem {
  uint32_t grantee = kAclPublic;
  uint32_t grantor = 0;
  uint32_t privileges = 0;
  uint32_t grant_options = 0;  // a subset of privileges
  bool operator==(const AclItem&) const = default;
};
using Acl = std::vector<AclItem>;

// A table's or view's ACL as it stands: its own, or the owner's default.
Acl TableAcl(const std::optional<Acl>& acl, uint32_t owner);
// The privileges (and, in `grant_options`, the grantable ones) `role` holds through `acl`:
// its own items and PUBLIC's. The owner always holds every grant option of `all`.
uint32_t AclMask(const Acl& acl, uint32_t owner, uint32_t role, uint32_t all, uint32_t* grant_options = nullptr);
// The same with role membership, as PostgreSQL's aclmask: items granted to any role whose
// privileges `role` has (catalog.HasPrivilegesOf: itself, or reached through INHERIT memberships)
// count, and the owner's grant options belong to every role with the owner's privileges.
uint32_t AclMaskOf(const Catalog& catalog, const Acl& acl, uint32_t owner, uint32_t role, uint32_t all,
                   uint32_t* grant_options = nullptr);
// One item as PostgreSQL prints it: "grantee=privs/grantor" (grantee empty for PUBLIC, a `*`
// after each privilege held with grant option, names quoted as needed).
std::string AclItemText(const Catalog& catalog, const AclItem& item);
// The letters of a privilege mask ("arwd").
std::string AclModeText(uint32_t privileges, uint32_t grant_options);
// The PostgreSQL keyword of one privilege bit ("SELECT").
const char* AclModeName(uint32_t bit);

// A privilege a statement needs on a relation (planner: the relations it reads and writes),
// checked as the statement starts: as `role`, or the current user when `role` is 0 (a relation
// inside a view is checked as the view's owner).
// A role without the table-level privilege may still hold it on every column the statement uses
// (PostgreSQL's selectedCols / insertedCols / updatedCols, positions in the table's columns):
// SELECT with no selected column needs it on some column, kWholeRow (t.* as a row) on all.
struct RelationPermission {
  static constexpr uint32_t kWholeRow = UINT32_MAX;
  uint32_t relation_id = 0;
  uint32_t required = 0;
  uint32_t role = 0;
  std::vector<uint32_t> selected_columns;
  std::vector<uint32_t> inserted_columns;
  std::vector<uint32_t> updated_columns;
};
// 42501 "permission denied for table t" unless `role` holds every permission; superusers hold all.
void CheckRelationPermissions(const Catalog& catalog, uint32_t current_role,
                              const std::vector<RelationPermission>& permissions);
// The same for the role named `user`; a user that is no role (an embedded database's) is not checked.
void CheckRelationPermissions(const Catalog& catalog, const std::string& user,
                              const std::vector<RelationPermission>& permissions);

}  // namespace kanto
