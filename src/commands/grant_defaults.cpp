// ALTER DEFAULT PRIVILEGES [FOR ROLE r, ...] [IN SCHEMA s, ...] GRANT / REVOKE ... ON TABLES |
// SEQUENCES | SCHEMAS (not IN SCHEMA), as PostgreSQL's SetDefaultACL: an entry per (role, schema, kind) in pg_default_acl.
// The entry for every schema replaces the kind's default ACL (it starts as that default), an entry
// for one schema adds to it (it starts empty); an entry that comes back to where it started is
// removed. The grantor is always the target role. New tables, views, sequences and schemas take the result
// (catalog/object_acl.hpp InitialObjectAcl, applied by CatalogChange).
#include "catalog/object_acl.hpp"
#include "commands/grant.hpp"
#include "commands/role_name.hpp"
#include "kanto/error.hpp"
#include "parser/ast_grant.hpp"

namespace kanto::commands {

using Target = ast::GrantStmt::Target;

CommandResult ExecuteDefaultPrivileges(const ast::GrantStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  CommandResult result{"ALTER DEFAULT PRIVILEGES"};
  // The kind: its pg_default_acl letter, acldefault letter, privileges and name in errors.
  struct Kind {
    char object_type, acl_kind;
    uint32_t all;
    const char* name;
  };
  const Kind kind = stmt.target == Target::kSequence ? Kind{DefaultAclEntry::kSequences, 's', kAclAllSequence, "sequence"}
                    : stmt.target == Target::kSchema ? Kind{DefaultAclEntry::kSchemas, 'n', kAclAllSchema, "schema"}
                                                     : Kind{DefaultAclEntry::kTables, 'r', kAclAllTable, "relation"};
  char object_type = kind.object_type;
  uint32_t all = kind.all;
  std::vector<uint32_t> roles;
  if (stmt.for_roles.empty()) roles.push_back(change.current_role_id());
  for (const ast::RoleName& name : stmt.for_roles) {
    const RoleEntry& role = ResolveRoleName(change.catalog(), name, ctx);
    if (!change->IsMemberOf(change.current_role_id(), role.id)) {
      throw Error(sqlstate::kInsufficientPrivilege, "must be member of role \"" + role.name + "\"");
    }
    roles.push_back(role.id);
  }
  std::vector<uint32_t> schemas;
  for (const std::string& name : stmt.in_schemas) {
    const SchemaEntry* schema = change->FindSchema(name);
    if (!schema) throw Error(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
    schemas.push_back(schema->id);
  }
  if (schemas.empty()) schemas.push_back(0);
  uint32_t privileges = stmt.all_privileges ? all : 0;
  for (const ast::GrantStmt::Privilege& p : stmt.privileges) {
    uint32_t bit = PrivilegeBit(p.name);
    CheckPrivilegesValid(bit, all, kind.name);
    privileges |= bit;
  }
  if (object_type == DefaultAclEntry::kSchemas && schemas.front() != 0) {
    throw Error("0LP01", "cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS");
  }
  std::vector<uint32_t> grantees = ResolveGrantees(stmt, change, ctx);
  for (uint32_t role : roles) {
    for (uint32_t schema : schemas) {
      Acl start;
      if (!schema) DefaultAclOf(kind.acl_kind, role, &start);
      const DefaultAclEntry* existing = change->FindDefaultAcl(role, schema, object_type);
      DefaultAclEntry entry = existing ? *existing : DefaultAclEntry{0, role, schema, object_type, start};
      // The target role grants, as the owner of what it will create.
      GrantObject object{role, all, "", ""};
      entry.acl = ApplyGrant(change.catalog(), role, object, entry.acl, privileges, true, grantees, stmt, result);
      SortAcl(entry.acl);
      if (SameAclItems(entry.acl, start)) {
        if (existing) change.RemoveDefaultAcl(existing->id);
        continue;
      }
      if (!entry.id) entry.id = change.AllocateId();
      change.PutDefaultAcl(std::move(entry));
    }
  }
  change.Publish();
  return result;
}

}  // namespace kanto::commands
