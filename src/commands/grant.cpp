// GRANT / REVOKE privileges on tables and views (ON [TABLE] names, ON ALL TABLES IN SCHEMA names;
// column lists are 0A000), on sequences (ON SEQUENCE names, ON ALL SEQUENCES IN SCHEMA names, or
// ON TABLE naming a sequence), on schemas (ON SCHEMA names) and databases (ON DATABASE names:
// CONNECT, CREATE, TEMPORARY), to roles and PUBLIC, WITH GRANT
// OPTION, REVOKE [GRANT OPTION FOR] ... [CASCADE | RESTRICT], GRANTED BY the current user, with
// PostgreSQL's rules (ExecuteGrantStmt, select_best_grantor, merge_acl_with_grant,
// recursive_revoke): a user with the owner's privileges (the owner, its members, superusers)
// grants as the owner; another grants as itself what it holds with grant option, with a WARNING
// when that is less than it asked for. ALTER DEFAULT PRIVILEGES is in grant_defaults.cpp.
#include "commands/grant.hpp"

#include <algorithm>

#include "catalog/object_acl.hpp"
#include "catalog/search_path.hpp"
#include "commands/commands.hpp"
#include "commands/role_name.hpp"
#include "kanto/error.hpp"
#include "parser/ast_grant.hpp"

namespace kanto::commands {

uint32_t PrivilegeBit(const std::string& name) {
  static const std::pair<const char*, uint32_t> kNames[] = {
      {"insert", kAclInsert},   {"select", kAclSelect},     {"update", kAclUpdate},       {"delete", kAclDelete},
      {"truncate", kAclTruncate}, {"references", kAclReferences}, {"trigger", kAclTrigger}, {"execute", kAclExecute},
      {"usage", kAclUsage},     {"create", kAclCreate},     {"temporary", kAclTemporary}, {"temp", kAclTemporary},
      {"connect", kAclConnect}};
  for (const auto& [n, bit] : kNames) {
    if (name == n) return bit;
  }
  if (name == "rule") return 0;  // (PostgreSQL ignores the old RULE privilege)
  throw Error(sqlstate::kSyntaxError, "unrecognized privilege type \"" + name + "\"");
}

void CheckPrivilegesValid(uint32_t privileges, uint32_t valid, const std::string& kind) {
  for (uint32_t bit = 1; bit && bit <= privileges; bit <<= 1) {
    if (privileges & bit & ~valid) {
      throw Error("0LP01", std::string("invalid privilege type ") + AclModeName(bit) + " for " + kind);
    }
  }
}

std::vector<uint32_t> ResolveGrantees(const ast::GrantStmt& stmt, const CatalogChange& change, const CommandContext& ctx) {
  std::vector<uint32_t> grantees;
  for (const ast::RoleName& name : stmt.grantees) {
    if (name.kind == ast::RoleName::Kind::kName && name.name.empty()) {
      if (stmt.is_grant && stmt.grant_option) throw Error("0LP01", "grant options can only be granted to roles");
      grantees.push_back(kAclPublic);
    } else {
      grantees.push_back(ResolveRoleName(change.catalog(), name, ctx).id);
    }
  }
  return grantees;
}

namespace {

AclItem* FindItem(Acl& acl, uint32_t grantee, uint32_t grantor) {
  for (AclItem& item : acl) {
    if (item.grantee == grantee && item.grantor == grantor) return &item;
  }
  return nullptr;
}

// Takes `privileges` (or only their grant options) granted by `grantor` from `grantee`; the grants
// that rested on a grant option the grantee no longer holds go too (CASCADE) or stop the
// statement (2BP01).
void Revoke(Acl& acl, uint32_t owner, uint32_t all, uint32_t grantee, uint32_t grantor, uint32_t privileges,
            bool option_only, bool cascade) {
  AclItem* item = FindItem(acl, grantee, grantor);
  if (!item) return;
  uint32_t lost_options = item->grant_options & privileges;
  item->grant_options &= ~privileges;
  if (!option_only) item->privileges &= ~privileges;
  if (grantee != kAclPublic && grantee != owner && lost_options) {
    uint32_t still = 0;
    AclMask(acl, owner, grantee, all, &still);
    lost_options &= ~still;
    for (size_t i = 0; lost_options && i < acl.size(); i++) {
      if (acl[i].grantor != grantee || !(acl[i].privileges & lost_options)) continue;
      if (!cascade) {
        throw Error(sqlstate::kDependentObjectsStillExist, "dependent privileges exist")
            .WithHint("Use CASCADE to revoke them too.");
      }
      Revoke(acl, owner, all, acl[i].grantee, grantee, lost_options, false, cascade);
    }
  }
  std::erase_if(acl, [](const AclItem& a) { return a.privileges == 0; });
}

}  // namespace

Acl ApplyGrant(const Catalog& catalog, uint32_t me, const GrantObject& object, const Acl& acl, uint32_t privileges,
               bool all_privileges, const std::vector<uint32_t>& grantees, const ast::GrantStmt& stmt,
               CommandResult& result) {
  // select_best_grantor: the owner's privileges make the user grant as the owner.
  bool as_owner = catalog.HasPrivilegesOf(me, object.owner);
  uint32_t grantor = as_owner ? object.owner : me;
  uint32_t grantable = object.all;
  if (!as_owner) {
    uint32_t held = AclMask(acl, object.owner, me, object.all, &grantable);
    if (grantable == 0 && held == 0) throw Error(sqlstate::kInsufficientPrivilege, object.denied);
  }
  uint32_t effective = privileges & grantable;
  if (!as_owner || effective != privileges) {
    const char* what = stmt.is_grant ? "granted" : "revoked";
    const char* verb = stmt.is_grant ? "were" : "could be";
    if (effective == 0) {
      result.notices.push_back(
          Error(stmt.is_grant ? "01007" : "01006", std::string("no privileges ") + verb + " " + what + " for " + object.shown));
    } else if (!all_privileges && effective != privileges) {
      result.notices.push_back(Error(stmt.is_grant ? "01007" : "01006",
                                     std::string("not all privileges ") + verb + " " + what + " for " + object.shown));
    }
  }
  Acl out = acl;
  for (uint32_t grantee : grantees) {
    if (stmt.is_grant) {
      AclItem* item = FindItem(out, grantee, grantor);
      if (!item) {
        out.push_back(AclItem{grantee, grantor, 0, 0});
        item = &out.back();
      }
      item->privileges |= effective;
      if (stmt.grant_option) item->grant_options |= effective;
    } else {
      Revoke(out, object.owner, object.all, grantee, grantor, effective, stmt.grant_option, stmt.cascade);
    }
  }
  std::erase_if(out, [](const AclItem& a) { return a.privileges == 0; });  // (nothing granted)
  return out;
}

namespace {

using Target = ast::GrantStmt::Target;

// The privileges of one GRANT on the whole object. Column lists are checked as PostgreSQL checks
// them, then refused: statements do not check column privileges yet (docs/privileges.md).
struct Requested {
  uint32_t privileges = 0;
};

Requested ParsePrivileges(const ast::GrantStmt& stmt, uint32_t valid, const std::string& kind) {
  Requested out;
  bool columns = !stmt.all_columns.empty();
  if (stmt.all_privileges && !columns) out.privileges = valid;
  for (const ast::GrantStmt::Privilege& p : stmt.privileges) {
    uint32_t bit = PrivilegeBit(p.name);
    if (!p.columns.empty()) {
      columns = true;
      if (stmt.target == Target::kTable) CheckPrivilegesValid(bit, kAclAllColumn, "column");
      continue;
    }
    CheckPrivilegesValid(bit, valid, kind);
    out.privileges |= bit;
  }
  if (columns && stmt.target != Target::kTable) throw Error("0LP01", "column privileges are only valid for relations");
  if (columns) throw Error(sqlstate::kFeatureNotSupported, "column privileges are not supported");
  return out;
}

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

void ChangeSequence(const SequenceEntry& seq, const ast::GrantStmt& stmt, const Requested& req,
                    const std::vector<uint32_t>& grantees, CatalogChange& change, CommandResult& result) {
  uint32_t privileges = req.privileges;
  bool all = stmt.all_privileges;
  if (stmt.target == Target::kTable) {
    if (all) privileges = kAclAllSequence;
    if (privileges & ~kAclAllSequence) {
      // (PostgreSQL's WARNING has SQLSTATE 0LP01; class 01 is what makes a notice a WARNING here.)
      result.notices.push_back(
          Error("01000", "sequence \"" + seq.name + "\" only supports USAGE, SELECT, and UPDATE privileges"));
      privileges &= kAclAllSequence;
    }
  }
  GrantObject object{seq.owner, kAclAllSequence, "permission denied for sequence " + seq.name, Quoted(seq.name)};
  SequenceEntry updated = seq;
  updated.acl = ApplyGrant(change.catalog(), change.current_role_id(), object, SequenceAcl(seq), privileges, all,
                           grantees, stmt, result);
  change.PutSequence(std::move(updated));
}

void ChangeTable(const TableEntry& table, const ast::GrantStmt& stmt, const Requested& req,
                 const std::vector<uint32_t>& grantees, CatalogChange& change, CommandResult& result) {
  uint32_t privileges = stmt.all_privileges ? kAclAllTable : req.privileges;
  if (privileges & ~kAclAllTable) throw Error("0LP01", "invalid privilege type USAGE for table");
  std::string denied = std::string("permission denied for ") + (table.is_view() ? "view " : "table ") + table.name;
  GrantObject object{table.owner, kAclAllTable, denied, Quoted(table.name)};
  TableEntry updated = table;
  updated.acl = ApplyGrant(change.catalog(), change.current_role_id(), object, TableAcl(table.acl, table.owner),
                           privileges, stmt.all_privileges, grantees, stmt, result);
  change.PutTable(std::move(updated));
}

void ChangeSchema(const SchemaEntry& schema, const ast::GrantStmt& stmt, const Requested& req,
                  const std::vector<uint32_t>& grantees, CatalogChange& change, CommandResult& result) {
  const Catalog& catalog = change.catalog();
  GrantObject object{SchemaOwnerId(catalog, schema), kAclAllSchema, "permission denied for schema " + schema.name,
                     Quoted(schema.name)};
  SchemaEntry updated = schema;
  updated.acl = ApplyGrant(catalog, change.current_role_id(), object, SchemaAcl(catalog, schema), req.privileges,
                           stmt.all_privileges, grantees, stmt, result);
  change.PutSchema(std::move(updated));
}

void ChangeDatabase(const DatabaseEntry& db, const ast::GrantStmt& stmt, const Requested& req,
                    const std::vector<uint32_t>& grantees, CatalogChange& change, CommandResult& result) {
  GrantObject object{db.owner, kAclAllDatabase, "permission denied for database " + db.name, Quoted(db.name)};
  DatabaseEntry updated = db;
  updated.acl = ApplyGrant(change.catalog(), change.current_role_id(), object, DatabaseAcl(db), req.privileges,
                           stmt.all_privileges, grantees, stmt, result);
  change.PutDatabase(std::move(updated));
}

const SchemaEntry& SchemaNamed(const CatalogChange& change, const std::string& name, bool usage) {
  const SchemaEntry* schema = change->FindSchema(name);
  if (!schema) throw Error(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
  if (usage) CheckSchemaPrivilege(change.catalog(), change.path().user, *schema, kAclUsage);
  return *schema;
}

}  // namespace

void CheckGrantor(const ast::GrantStmt& stmt, const CatalogChange& change, const CommandContext& ctx) {
  if (!stmt.has_grantor) return;
  if (ResolveRoleName(change.catalog(), stmt.grantor, ctx).id != change.current_role_id()) {
    throw Error(sqlstate::kFeatureNotSupported, "grantor must be current user");
  }
}

CommandResult Execute(const ast::GrantStmt& stmt, CommandContext& ctx) {
  if (stmt.defaults) return ExecuteDefaultPrivileges(stmt, ctx);
  CatalogChange change(ctx);
  CommandResult result{stmt.is_grant ? "GRANT" : "REVOKE"};
  const char* kind = stmt.target == Target::kSequence   ? "sequence"
                     : stmt.target == Target::kSchema   ? "schema"
                     : stmt.target == Target::kDatabase ? "database"
                                                        : "table";
  uint32_t valid = stmt.target == Target::kSequence   ? kAclAllSequence
                   : stmt.target == Target::kSchema   ? kAclAllSchema
                   : stmt.target == Target::kDatabase ? kAclAllDatabase
                                                      : kAclAllTable | kAclAllSequence;
  Requested req = ParsePrivileges(stmt, valid, kind);
  std::vector<uint32_t> grantees = ResolveGrantees(stmt, change, ctx);
  CheckGrantor(stmt, change, ctx);
  if (stmt.target == Target::kDatabase) {
    std::vector<uint32_t> ids;
    for (const std::string& name : stmt.objects) {
      const DatabaseEntry* db = change->FindDatabase(name);
      if (!db) throw Error(sqlstate::kInvalidCatalogName, "database \"" + name + "\" does not exist");
      ids.push_back(db->id);
    }
    for (uint32_t id : ids) ChangeDatabase(*change->GetDatabase(id), stmt, req, grantees, change, result);
    change.Publish();
    return result;
  }
  if (stmt.target == Target::kSchema) {
    std::vector<uint32_t> ids;
    for (const std::string& name : stmt.objects) ids.push_back(SchemaNamed(change, name, false).id);
    for (uint32_t id : ids) ChangeSchema(*change->GetSchema(id), stmt, req, grantees, change, result);
    change.Publish();
    return result;
  }
  std::vector<uint32_t> tables, sequences;  // (ids: each change replaces the entries)
  for (const ast::RangeVar& rv : stmt.tables) {
    RelationRef rel = LookupRelation(change.catalog(), change.path(), rv.schema, rv.name, rv.location);
    if (!rel.found()) throw Error(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist");
    if (rel.index) throw Error(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is an index");
    if (stmt.target == Target::kSequence && !rel.sequence) {
      throw Error(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is not a sequence");
    }
    (rel.sequence ? sequences : tables).push_back(rel.sequence ? rel.sequence->id : rel.table->id);
  }
  for (const std::string& name : stmt.schemas) {
    const SchemaEntry& schema = SchemaNamed(change, name, true);
    if (stmt.target == Target::kSequence) {
      for (const SequenceEntry* s : change->Sequences()) {
        if (s->schema_id == schema.id) sequences.push_back(s->id);
      }
    } else {
      for (const TableEntry* t : change->Tables()) {
        if (t->schema_id == schema.id) tables.push_back(t->id);
      }
    }
  }
  for (uint32_t id : tables) ChangeTable(*change->GetTable(id), stmt, req, grantees, change, result);
  for (uint32_t id : sequences) ChangeSequence(*change->GetSequence(id), stmt, req, grantees, change, result);
  change.Publish();
  return result;
}

}  // namespace kanto::commands
