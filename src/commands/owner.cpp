// OWNER TO: ALTER TABLE / SEQUENCE / VIEW / INDEX name OWNER TO role, and ALTER SCHEMA name OWNER TO
// role. A table's indexes and the sequences it owns (serial, identity) follow the table; such a
// sequence cannot be given away on its own (0A000), and an index's owner is its table's (a
// WARNING, nothing changes). Only a superuser or the owner (a role with the owner's privileges) may
// change an owner, and only to a role it is a member of (42501), as PostgreSQL 15. The ACL follows:
// the old owner's grants become the new owner's (aclnewowner).
#include "commands/commands.hpp"
#include "commands/owner.hpp"
#include "commands/relation_names.hpp"
#include "commands/role_name.hpp"
#include "catalog/object_acl.hpp"
#include "catalog/search_path.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {

using O = ast::AlterTableStmt::ObjectType;

// 42501 unless the role running the statement may give `what` (owned by `owner`) to `target`.
void CheckMayChangeOwner(const CatalogChange& change, uint32_t owner, const RoleEntry& target, const std::string& what) {
  const RoleEntry* me = change->GetRole(change.current_role_id());
  if (me && me->superuser) return;
  uint32_t me_id = change.current_role_id();
  // As PostgreSQL 15: the owner's privileges (a member of the owning role that INHERITs), and the
  // new owner a role one may SET ROLE to.
  if (!change->HasPrivilegesOf(me_id, owner)) throw Error(sqlstate::kInsufficientPrivilege, "must be owner of " + what);
  if (!change->IsMemberOf(me_id, target.id)) {
    throw Error(sqlstate::kInsufficientPrivilege, "must be member of role \"" + target.name + "\"");
  }
}

void SetSequenceOwner(const SequenceEntry& seq, uint32_t owner, CatalogChange& change) {
  if (seq.owner == owner) return;
  SequenceEntry updated = seq;
  updated.acl = AclNewOwner(seq.acl, seq.owner, owner);
  updated.owner = owner;
  change.PutSequence(std::move(updated));
}

void SetTableOwner(const TableEntry& table, const RoleEntry& target, CatalogChange& change) {
  uint32_t id = table.id;
  if (table.owner != target.id) {
    CheckMayChangeOwner(change, table.owner, target, std::string(table.is_view() ? "view " : "table ") + table.name);
    TableEntry updated = table;
    updated.acl = AclNewOwner(table.acl, table.owner, target.id);
    for (ColumnEntry& c : updated.columns) c.acl = AclNewOwner(c.acl, table.owner, target.id);
    updated.owner = target.id;
    change.PutTable(std::move(updated));
  }
  for (const SequenceEntry* seq : change->OwnedSequences(id)) SetSequenceOwner(*seq, target.id, change);
}

}  // namespace

void ChangeTableOwner(const TableEntry& table, const ast::RoleName& role, CatalogChange& change,
                      const CommandContext& ctx) {
  SetTableOwner(table, ResolveRoleName(change.catalog(), role, ctx), change);
}

CommandResult ExecuteOwnerTo(const ast::AlterTableStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  const ast::RangeVar& rv = stmt.table;
  RelationRef rel = LookupRelation(change.catalog(), change.path(), rv.schema, rv.name, rv.location);
  CommandResult result{AlterCommandTag(stmt.object_type)};
  if (!rel.found()) {
    if (stmt.missing_ok) {
      result.notices.push_back(Error(sqlstate::kSuccess, "relation \"" + rv.name + "\" does not exist, skipping"));
      return result;
    }
    throw Error(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist");
  }
  const TableEntry* table = rel.index ? nullptr : rel.table;
  if ((stmt.object_type == O::kSequence && !rel.sequence) || (stmt.object_type == O::kView && !(table && table->is_view())) ||
      (stmt.object_type == O::kIndex && !rel.index)) {
    const char* kind = stmt.object_type == O::kSequence ? "sequence" : stmt.object_type == O::kView ? "view" : "index";
    throw Error(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is not a" + (kind[0] == 'i' ? "n " : " ") + kind);
  }
  // (Ids, not pointers: each change replaces the entries.)
  std::string index_name = rel.index ? rel.index->name : "";
  uint32_t sequence_id = rel.sequence ? rel.sequence->id : 0;
  uint32_t table_id = table ? table->id : 0;
  for (const ast::AlterTableCmd& cmd : stmt.cmds) {
    const RoleEntry& target = ResolveRoleName(change.catalog(), cmd.owner, ctx);
    if (!index_name.empty()) {
      result.notices.push_back(Error(sqlstate::kWrongObjectType, "cannot change owner of index \"" + index_name + "\"")
                                   .WithHint("Change the ownership of the index's table, instead."));
    } else if (sequence_id) {
      const SequenceEntry& seq = *change->GetSequence(sequence_id);
      if (seq.owner == target.id) continue;
      if (seq.owner_table != 0) {
        const TableEntry* owner_table = change->GetTable(seq.owner_table);
        throw Error(sqlstate::kFeatureNotSupported, "cannot change owner of sequence \"" + seq.name + "\"")
            .WithDetail("Sequence \"" + seq.name + "\" is linked to table \"" + (owner_table ? owner_table->name : "") + "\".");
      }
      CheckMayChangeOwner(change, seq.owner, target, "sequence " + seq.name);
      SetSequenceOwner(seq, target.id, change);
    } else {
      SetTableOwner(*change->GetTable(table_id), target, change);
    }
  }
  change.Publish();
  return result;
}

CommandResult Execute(const ast::AlterOwnerStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  const RoleEntry& target = ResolveRoleName(change.catalog(), stmt.owner, ctx);
  const SchemaEntry* schema = change->FindSchema(stmt.schema);
  if (!schema) throw Error(sqlstate::kInvalidSchemaName, "schema \"" + stmt.schema + "\" does not exist");
  if (schema->owner != target.name) {
    const RoleEntry* owner = change->FindRole(schema->owner);
    CheckMayChangeOwner(change, owner ? owner->id : 0, target, "schema " + schema->name);
    SchemaEntry updated = *schema;
    updated.acl = AclNewOwner(schema->acl, owner ? owner->id : kBootstrapRoleId, target.id);
    updated.owner = target.name;
    change.PutSchema(std::move(updated));
  }
  change.Publish();
  return {"ALTER SCHEMA"};
}

}  // namespace kanto::commands
