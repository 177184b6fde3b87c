// Roles: CREATE ROLE / CREATE USER, ALTER ROLE, DROP ROLE, stored in the catalog (transactional like
// all DDL). Passwords are kept only as SCRAM-SHA-256 verifiers; a password given already in that
// form is stored as it is.
#include "commands/commands.hpp"
#include "commands/role_grant.hpp"
#include <algorithm>

#include "common/scram.hpp"
#include "types/datetime.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {

void Require(const Catalog& catalog, const std::string& user, bool for_superuser) {
  const RoleEntry* me = catalog.FindRole(user);
  if (me && (me->superuser || (!for_superuser && me->createrole))) return;
  throw Error(sqlstate::kInsufficientPrivilege, for_superuser ? "must be superuser to alter superuser roles"
                                                              : "permission denied to create role");
}

// VALID UNTIL 'text': a timestamptz in the session's time zone ('infinity' too).
int64_t ParseValidUntil(const std::string& text, const FunctionContext& fn) {
  return fn.time_zone ? datetime::ParseTimestampTz(text, *fn.time_zone, fn.statement_start_micros)
                      : datetime::ParseTimestampTz(text, datetime::TimeZone{}, fn.statement_start_micros);
}

void ApplyOptions(const ast::RoleStmt& stmt, RoleEntry* role, const FunctionContext& fn) {
  if (stmt.login >= 0) role->login = stmt.login;
  if (stmt.superuser >= 0) role->superuser = stmt.superuser;
  if (stmt.createdb >= 0) role->createdb = stmt.createdb;
  if (stmt.createrole >= 0) role->createrole = stmt.createrole;
  if (stmt.inherit >= 0) role->inherit = stmt.inherit;
  if (stmt.bypassrls >= 0) role->bypassrls = stmt.bypassrls;
  if (stmt.connection_limit_given) {
    if (stmt.connection_limit < -1) throw Error(sqlstate::kInvalidParameterValue, "invalid connection limit: " + std::to_string(stmt.connection_limit));
    role->connection_limit = stmt.connection_limit;
  }
  if (stmt.valid_until_given) role->valid_until = ParseValidUntil(stmt.valid_until, fn);
  if (stmt.password_given) {
    if (stmt.password_null || stmt.password.empty()) {
      role->password.clear();  // PostgreSQL: an empty password is no password
    } else {
      role->password = scram::IsVerifier(stmt.password) ? stmt.password : scram::MakeVerifier(stmt.password);
    }
  }
}

CommandResult CreateRole(const ast::RoleStmt& stmt, CatalogChange& change, const FunctionContext& fn) {
  const std::string& name = stmt.names[0];
  if (name.rfind("pg_", 0) == 0) {
    throw Error(sqlstate::kReservedName, "role name \"" + name + "\" is reserved")
        .WithDetail("Role names starting with \"pg_\" are reserved.");
  }
  if (name == "public" || name == "none") throw Error(sqlstate::kReservedName, "role name \"" + name + "\" is reserved");
  if (change->FindRole(name)) throw Error(sqlstate::kDuplicateObject, "role \"" + name + "\" already exists");
  RoleEntry role;
  role.id = change.AllocateSharedId();
  role.name = name;
  ApplyOptions(stmt, &role, fn);
  change.PutRole(std::move(role));
  change.Publish();
  return {"CREATE ROLE"};
}

CommandResult AlterRole(const ast::RoleStmt& stmt, CatalogChange& change, const std::string& user, const FunctionContext& fn) {
  const RoleEntry* existing = change->FindRole(stmt.names[0]);
  if (!existing) throw Error(sqlstate::kUndefinedObject, "role \"" + stmt.names[0] + "\" does not exist");
  if (existing->superuser) Require(change.catalog(), user, true);
  RoleEntry role = *existing;
  ApplyOptions(stmt, &role, fn);
  change.PutRole(std::move(role));
  change.Publish();
  return {"ALTER ROLE"};
}

// 2BP01 while the role owns databases, schemas, tables, views, sequences or default privileges, or
// is named (as grantee or grantor) in their ACLs (PostgreSQL's pg_shdepend): DETAIL lists them as
// PostgreSQL does, ordered by the objects' OIDs.
void RefuseIfReferenced(const Catalog& catalog, const RoleEntry& role) {
  std::vector<std::pair<uint32_t, std::string>> found;  // (object OID, line)
  auto named = [&](const std::optional<Acl>& acl) {
    return acl && std::any_of(acl->begin(), acl->end(), [&](const AclItem& item) {
             return item.grantee == role.id || item.grantor == role.id;
           });
  };
  auto add = [&](uint32_t oid, bool owner, const std::optional<Acl>& acl, const std::string& what) {
    if (owner) found.emplace_back(oid, "owner of " + what);
    if (!owner && named(acl)) found.emplace_back(oid, "privileges for " + what);
  };
  // Databases are shared objects: the role must not own one (in whichever database).
  std::string lines;
  for (const DatabaseEntry* db : catalog.Databases()) {
    if (db->owner == role.id) lines += (lines.empty() ? "" : "\n") + std::string("owner of database ") + db->name;
    if (db->owner != role.id && named(db->acl)) lines += (lines.empty() ? "" : "\n") + std::string("privileges for database ") + db->name;
  }
  for (const SchemaEntry* s : catalog.Schemas()) add(s->id, s->owner == role.name, s->acl, "schema " + s->name);
  for (const TableEntry* t : catalog.Tables()) {
    std::string kind = t->is_view() ? "view " : "table ";
    add(t->id, t->owner == role.id, t->acl, kind + t->name);
    for (const ColumnEntry& c : t->columns) {
      if (t->owner != role.id) add(t->id, false, c.acl, "column " + c.name + " of " + kind + t->name);
    }
  }
  for (const SequenceEntry* s : catalog.Sequences()) add(s->id, s->owner == role.id, s->acl, "sequence " + s->name);
  for (const DefaultAclEntry* d : catalog.DefaultAcls()) {
    const RoleEntry* of = catalog.GetRole(d->role);
    const SchemaEntry* in = d->schema_id ? catalog.GetSchema(d->schema_id) : nullptr;
    std::string what = std::string("default privileges on new ") +
                       (d->object_type == DefaultAclEntry::kSequences ? "sequences"
                        : d->object_type == DefaultAclEntry::kSchemas ? "schemas"
                                                                       : "relations") +
                       " belonging to role " + (of ? of->name : std::to_string(d->role)) +
                       (in ? " in schema " + in->name : "");
    add(d->id, d->role == role.id, d->acl, what);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [oid, line] : found) lines += (lines.empty() ? "" : "\n") + line;
  if (lines.empty()) return;
  throw Error(sqlstate::kDependentObjectsStillExist,
              "role \"" + role.name + "\" cannot be dropped because some objects depend on it")
      .WithDetail(lines);
}

CommandResult DropRoles(const ast::RoleStmt& stmt, CatalogChange& change, const std::string& user) {
  for (const std::string& name : stmt.names) {
    const RoleEntry* existing = change->FindRole(name);
    if (!existing) {
      if (stmt.missing_ok) continue;  // PostgreSQL notices "role ... does not exist, skipping"
      throw Error(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
    }
    if (existing->id == kBootstrapRoleId || name == user) {
      throw Error(sqlstate::kObjectInUse, name == user ? "current user cannot be dropped"
                                                       : "cannot drop role " + name + " because it is required by the database system");
    }
    if (existing->superuser) Require(change.catalog(), user, true);
    RefuseIfReferenced(change.catalog(), *existing);
    uint32_t id = existing->id;
    change.RemoveRole(id);
    // Its memberships go with it: those it had (in its record) and those others had in it.
    for (const RoleEntry* other : change->Roles()) {
      auto in_dropped = [&](const RoleEntry::Membership& m) { return m.role == id; };
      if (std::none_of(other->member_of.begin(), other->member_of.end(), in_dropped)) continue;
      RoleEntry changed = *other;
      std::erase_if(changed.member_of, in_dropped);
      change.PutRole(std::move(changed));
    }
  }
  change.Publish();
  return {"DROP ROLE"};
}

}  // namespace

CommandResult Execute(const ast::RoleStmt& stmt, CommandContext& ctx) {
  using A = ast::RoleStmt::Action;
  CatalogChange change(ctx);
  const std::string& user = ctx.fn.current_user;
  if (stmt.action == A::kGrant || stmt.action == A::kRevoke) return GrantRoles(stmt, change, ctx);
  Require(change.catalog(), user, stmt.superuser >= 0);
  switch (stmt.action) {
    case A::kCreate: return CreateRole(stmt, change, ctx.fn);
    case A::kAlter: return AlterRole(stmt, change, user, ctx.fn);
    case A::kDrop: return DropRoles(stmt, change, user);
    case A::kGrant:
    case A::kRevoke: break;
  }
  return {"ROLE"};
}

}  // namespace kanto::commands
