#include "catalog/object_acl.hpp"

#include <algorithm>
#include <tuple>

#include "catalog/search_path.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"

namespace kanto {

bool DefaultAclOf(char kind, uint32_t owner, Acl* out) {
  uint32_t owner_privileges = 0, public_privileges = 0;
  switch (kind) {
    case 'c': break;  // columns: none (their table's ACL applies)
    case 'r': owner_privileges = kAclAllTable; break;
    case 's': owner_privileges = kAclAllSequence; break;
    case 'd': owner_privileges = kAclAllDatabase; public_privileges = kAclTemporary | kAclConnect; break;
    case 'f': owner_privileges = public_privileges = kAclExecute; break;
    case 'l': owner_privileges = public_privileges = kAclUsage; break;  // languages
    case 'L': owner_privileges = kAclSelect | kAclUpdate; break;        // large objects
    case 'n': owner_privileges = kAclAllSchema; break;
    case 't': owner_privileges = kAclCreate; break;                     // tablespaces
    case 'F': case 'S': owner_privileges = kAclUsage; break;            // foreign data wrappers, servers
    case 'T': owner_privileges = public_privileges = kAclUsage; break;  // types
    default: return false;
  }
  out->clear();
  if (public_privileges) out->push_back(AclItem{kAclPublic, owner, public_privileges, 0});
  if (owner_privileges) out->push_back(AclItem{owner, owner, owner_privileges, 0});
  return true;
}

namespace {
Acl DefaultAcl(char kind, uint32_t owner) {
  Acl acl;
  DefaultAclOf(kind, owner, &acl);
  return acl;
}
}  // namespace

Acl SequenceAcl(const SequenceEntry& seq) { return seq.acl ? *seq.acl : DefaultAcl('s', seq.owner); }

uint32_t SchemaOwnerId(const Catalog& catalog, const SchemaEntry& schema) {
  const RoleEntry* owner = catalog.FindRole(schema.owner);
  return owner ? owner->id : kBootstrapRoleId;
}

std::optional<Acl> InitialSchemaAcl(const Catalog& catalog, const SchemaEntry& schema) {
  if (schema.id != kPgCatalogSchemaId && schema.id != kInformationSchemaId && schema.id != kPublicSchemaId) {
    return std::nullopt;
  }
  uint32_t owner = SchemaOwnerId(catalog, schema);
  return Acl{AclItem{owner, owner, kAclAllSchema, 0}, AclItem{kAclPublic, owner, kAclUsage, 0}};
}

Acl SchemaAcl(const Catalog& catalog, const SchemaEntry& schema) {
  if (schema.acl) return *schema.acl;
  if (std::optional<Acl> initial = InitialSchemaAcl(catalog, schema)) return *initial;
  return DefaultAcl('n', SchemaOwnerId(catalog, schema));
}

Acl DatabaseAcl(const DatabaseEntry& db) { return db.acl ? *db.acl : DefaultAcl('d', db.owner); }

const RoleEntry* CheckedRole(const Catalog& catalog, std::string_view user) {
  const RoleEntry* role = catalog.FindRole(user);
  return role && !role->superuser ? role : nullptr;
}

bool HoldsAny(const Catalog& catalog, const Acl& acl, uint32_t owner, uint32_t role, uint32_t privileges) {
  return (AclMaskOf(catalog, acl, owner, role, privileges) & privileges) != 0;
}

bool HasDatabasePrivilege(const Catalog& catalog, std::string_view user, const DatabaseEntry& db, uint32_t privilege) {
  const RoleEntry* role = CheckedRole(catalog, user);
  return !role || HoldsAny(catalog, DatabaseAcl(db), db.owner, role->id, privilege);
}

void CheckSequencePrivilege(const Catalog& catalog, std::string_view user, const SequenceEntry& seq, uint32_t any_of) {
  const RoleEntry* role = CheckedRole(catalog, user);
  if (!role || HoldsAny(catalog, SequenceAcl(seq), seq.owner, role->id, any_of)) return;
  throw Error(sqlstate::kInsufficientPrivilege, "permission denied for sequence " + seq.name);
}

bool HasSchemaPrivilege(const Catalog& catalog, std::string_view user, const SchemaEntry& schema, uint32_t privilege) {
  const RoleEntry* role = CheckedRole(catalog, user);
  if (!role || IsTempSchemaName(schema.name)) return true;  // (a session's own temporary schema)
  return HoldsAny(catalog, SchemaAcl(catalog, schema), SchemaOwnerId(catalog, schema), role->id, privilege);
}

void CheckSchemaPrivilege(const Catalog& catalog, std::string_view user, const SchemaEntry& schema, uint32_t privilege,
                          int location) {
  if (HasSchemaPrivilege(catalog, user, schema, privilege)) return;
  throw At(Error(sqlstate::kInsufficientPrivilege, "permission denied for schema " + schema.name), location);
}

namespace {
char AclKindOf(char object_type) {
  switch (object_type) {
    case DefaultAclEntry::kTables: return 'r';
    case DefaultAclEntry::kSequences: return 's';
    case DefaultAclEntry::kFunctions: return 'f';
    case DefaultAclEntry::kTypes: return 'T';
    default: return 'n';
  }
}

// `item` added to `acl`: its privileges go to the item of the same grantee and grantor, or it is
// appended (PostgreSQL's ACL_MODECHG_ADD).
void AddItem(Acl& acl, const AclItem& item) {
  auto it = std::find_if(acl.begin(), acl.end(),
                         [&](const AclItem& x) { return x.grantee == item.grantee && x.grantor == item.grantor; });
  if (it == acl.end()) {
    acl.push_back(item);
  } else {
    it->privileges |= item.privileges;
    it->grant_options |= item.grant_options;
  }
}

// a ∪ b item by item (PostgreSQL's aclmerge).
Acl Merge(Acl a, const Acl& b) {
  for (const AclItem& item : b) AddItem(a, item);
  return a;
}

}  // namespace

std::optional<Acl> AclNewOwner(const std::optional<Acl>& acl, uint32_t old_owner, uint32_t new_owner) {
  if (!acl) return std::nullopt;
  Acl out;
  for (AclItem item : *acl) {
    if (item.grantee == old_owner) item.grantee = new_owner;
    if (item.grantor == old_owner) item.grantor = new_owner;
    AddItem(out, item);
  }
  return out;
}

void SortAcl(Acl& acl) {
  std::sort(acl.begin(), acl.end(), [](const AclItem& x, const AclItem& y) {
    return std::tie(x.grantee, x.grantor, x.privileges, x.grant_options) <
           std::tie(y.grantee, y.grantor, y.privileges, y.grant_options);
  });
}

bool SameAclItems(Acl a, Acl b) {
  SortAcl(a);
  SortAcl(b);
  return a == b;
}

std::optional<Acl> InitialObjectAcl(const Catalog& catalog, char object_type, uint32_t owner, uint32_t schema_id) {
  const DefaultAclEntry* global = catalog.FindDefaultAcl(owner, 0, object_type);
  const DefaultAclEntry* in_schema = schema_id ? catalog.FindDefaultAcl(owner, schema_id, object_type) : nullptr;
  if (!global && !in_schema) return std::nullopt;
  Acl hard = DefaultAcl(AclKindOf(object_type), owner);
  Acl result = Merge(global ? global->acl : hard, in_schema ? in_schema->acl : Acl{});
  SortAcl(result);
  if (SameAclItems(result, hard)) return std::nullopt;
  return result;
}

}  // namespace kanto
