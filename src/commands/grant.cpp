// GRANT / REVOKE privileges on tables and views (ON [TABLE] names, ON ALL TABLES IN SCHEMA names),
// to roles and PUBLIC, WITH GRANT OPTION, REVOKE [GRANT OPTION FOR] ... [CASCADE | RESTRICT], with
// PostgreSQL's rules (ExecuteGrantStmt, merge_acl_with_grant, recursive_revoke): the owner and
// superusers grant as the owner; another role grants as itself what it holds with grant option,
// with a WARNING when that is less than it asked for.
#include <cctype>

#include "catalog/acl.hpp"
#include "catalog/search_path.hpp"
#include "commands/commands.hpp"
#include "commands/role_name.hpp"
#include "kanto/error.hpp"
#include "parser/ast_grant.hpp"

namespace kanto::commands {

namespace {

uint32_t TablePrivilege(const std::string& name) {
  static const std::pair<const char*, uint32_t> kNames[] = {
      {"select", kAclSelect},     {"insert", kAclInsert},         {"update", kAclUpdate},  {"delete", kAclDelete},
      {"truncate", kAclTruncate}, {"references", kAclReferences}, {"trigger", kAclTrigger}};
  for (const auto& [n, bit] : kNames) {
    if (name == n) return bit;
  }
  static const char* kOther[] = {"usage", "create", "connect", "temporary", "temp", "execute"};
  for (const char* n : kOther) {
    if (name == n) {
      std::string upper = name == "temp" ? "TEMPORARY" : name;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      throw Error("0LP01", "invalid privilege type " + upper + " for table");
    }
  }
  throw Error(sqlstate::kSyntaxError, "unrecognized privilege type \"" + name + "\"");
}

AclItem* FindItem(Acl& acl, uint32_t grantee, uint32_t grantor) {
  for (AclItem& item : acl) {
    if (item.grantee == grantee && item.grantor == grantor) return &item;
  }
  return nullptr;
}

// Takes `privileges` (or only their grant options) granted by `grantor` from `grantee`; the grants
// that rested on a grant option the grantee no longer holds go too (CASCADE) or stop the
// statement (2BP01).
void Revoke(Acl& acl, uint32_t owner, uint32_t grantee, uint32_t grantor, uint32_t privileges, bool option_only,
            bool cascade) {
  AclItem* item = FindItem(acl, grantee, grantor);
  if (!item) return;
  uint32_t lost_options = item->grant_options & privileges;
  item->grant_options &= ~privileges;
  if (!option_only) item->privileges &= ~privileges;
  if (grantee != kAclPublic && grantee != owner && lost_options) {
    uint32_t still = 0;
    AclMask(acl, owner, grantee, kAclAllTable, &still);
    lost_options &= ~still;
    for (size_t i = 0; lost_options && i < acl.size(); i++) {
      if (acl[i].grantor != grantee || !(acl[i].privileges & lost_options)) continue;
      if (!cascade) {
        throw Error(sqlstate::kDependentObjectsStillExist, "dependent privileges exist")
            .WithHint("Use CASCADE to revoke them too.");
      }
      Revoke(acl, owner, acl[i].grantee, grantee, lost_options, false, cascade);
    }
  }
  std::erase_if(acl, [](const AclItem& a) { return a.privileges == 0; });
}

void ChangeTable(const TableEntry& table, const ast::GrantStmt& stmt, uint32_t privileges,
                 const std::vector<uint32_t>& grantees, CatalogChange& change, CommandResult& result) {
  uint32_t me = change.current_role_id();
  const RoleEntry* role = change->GetRole(me);
  bool as_owner = me == table.owner || (role && role->superuser);
  Acl acl = TableAcl(table.acl, table.owner);
  uint32_t grantor = as_owner ? table.owner : me;
  uint32_t grantable = kAclAllTable;
  if (!as_owner) {
    uint32_t held = AclMask(acl, table.owner, me, kAclAllTable, &grantable);
    if (grantable == 0 && held == 0) {
      throw Error(sqlstate::kInsufficientPrivilege,
                  std::string("permission denied for ") + (table.is_view() ? "view " : "table ") + table.name);
    }
  }
  uint32_t effective = privileges & grantable;
  const char* what = stmt.is_grant ? "granted" : "revoked";
  const char* verb = stmt.is_grant ? "were" : "could be";
  if (effective == 0) {
    result.notices.push_back(Error(stmt.is_grant ? "01007" : "01006",
                                   std::string("no privileges ") + verb + " " + what + " for \"" + table.name + "\""));
  } else if (!stmt.all_privileges && effective != privileges) {
    result.notices.push_back(Error(stmt.is_grant ? "01007" : "01006",
                                   std::string("not all privileges ") + verb + " " + what + " for \"" + table.name + "\""));
  }
  for (uint32_t grantee : grantees) {
    if (stmt.is_grant) {
      AclItem* item = FindItem(acl, grantee, grantor);
      if (!item) {
        acl.push_back(AclItem{grantee, grantor, 0, 0});
        item = &acl.back();
      }
      item->privileges |= effective;
      if (stmt.grant_option) item->grant_options |= effective;
    } else {
      Revoke(acl, table.owner, grantee, grantor, effective, stmt.grant_option, stmt.cascade);
    }
  }
  std::erase_if(acl, [](const AclItem& a) { return a.privileges == 0; });  // (nothing granted)
  TableEntry updated = table;
  updated.acl = std::move(acl);
  change.PutTable(std::move(updated));
}

}  // namespace

CommandResult Execute(const ast::GrantStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  CommandResult result{stmt.is_grant ? "GRANT" : "REVOKE"};
  uint32_t privileges = stmt.all_privileges ? kAclAllTable : 0;
  for (const ast::GrantStmt::Privilege& p : stmt.privileges) privileges |= TablePrivilege(p.name);
  std::vector<uint32_t> grantees;
  for (const ast::RoleName& name : stmt.grantees) {
    if (name.kind == ast::RoleName::Kind::kName && name.name.empty()) {
      if (stmt.is_grant && stmt.grant_option) throw Error("0LP01", "grant options can only be granted to roles");
      grantees.push_back(kAclPublic);
    } else {
      grantees.push_back(ResolveRoleName(change.catalog(), name, ctx).id);
    }
  }
  std::vector<uint32_t> tables;  // (ids: each change replaces the entries)
  for (const ast::RangeVar& rv : stmt.tables) {
    RelationRef rel = LookupRelation(change.catalog(), change.path(), rv.schema, rv.name, rv.location);
    if (rel.sequence) throw Error(sqlstate::kFeatureNotSupported, "GRANT on sequences is not supported");
    if (!rel.found()) throw Error(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist");
    if (rel.index) throw Error(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is an index");
    tables.push_back(rel.table->id);
  }
  for (const std::string& name : stmt.schemas) {
    const SchemaEntry* schema = change->FindSchema(name);
    if (!schema) throw Error(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
    for (const TableEntry* t : change->Tables()) {
      if (t->schema_id == schema->id) tables.push_back(t->id);
    }
  }
  for (uint32_t id : tables) ChangeTable(*change->GetTable(id), stmt, privileges, grantees, change, result);
  change.Publish();
  return result;
}

}  // namespace kanto::commands
