// Roles: CREATE ROLE / CREATE USER, ALTER ROLE, DROP ROLE, stored in the catalog (transactional like
// all DDL). Passwords are kept only as SCRAM-SHA-256 verifiers; a password given already in that
// form is stored as it is.
#include "commands/commands.hpp"
#include "common/scram.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {

void Require(const Catalog& catalog, const std::string& user, bool for_superuser) {
  const RoleEntry* me = catalog.FindRole(user);
  if (me && (me->superuser || (!for_superuser && me->createrole))) return;
  throw Error(sqlstate::kInsufficientPrivilege, for_superuser ? "must be superuser to alter superuser roles"
                                                              : "permission denied to create role");
}

void ApplyOptions(const ast::RoleStmt& stmt, RoleEntry* role) {
  if (stmt.login >= 0) role->login = stmt.login;
  if (stmt.superuser >= 0) role->superuser = stmt.superuser;
  if (stmt.createdb >= 0) role->createdb = stmt.createdb;
  if (stmt.createrole >= 0) role->createrole = stmt.createrole;
  if (stmt.password_given) {
    if (stmt.password_null || stmt.password.empty()) {
      role->password.clear();  // PostgreSQL: an empty password is no password
    } else {
      role->password = scram::IsVerifier(stmt.password) ? stmt.password : scram::MakeVerifier(stmt.password);
    }
  }
}

CommandResult CreateRole(const ast::RoleStmt& stmt, CatalogChange& change) {
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
  ApplyOptions(stmt, &role);
  change.PutRole(std::move(role));
  change.Publish();
  return {"CREATE ROLE"};
}

CommandResult AlterRole(const ast::RoleStmt& stmt, CatalogChange& change, const std::string& user) {
  const RoleEntry* existing = change->FindRole(stmt.names[0]);
  if (!existing) throw Error(sqlstate::kUndefinedObject, "role \"" + stmt.names[0] + "\" does not exist");
  if (existing->superuser) Require(change.catalog(), user, true);
  RoleEntry role = *existing;
  ApplyOptions(stmt, &role);
  change.PutRole(std::move(role));
  change.Publish();
  return {"ALTER ROLE"};
}

// 2BP01 while the role owns schemas, tables, views or sequences (PostgreSQL's pg_shdepend).
void RefuseIfOwner(const Catalog& catalog, const RoleEntry& role) {
  std::string owned;
  auto add = [&](const char* kind, const std::string& name) { owned += (owned.empty() ? "" : "\n") + std::string("owner of ") + kind + " " + name; };
  // Databases are shared objects: the role must not own one (in whichever database).
  for (const DatabaseEntry* db : catalog.Databases()) {
    if (db->owner == role.id) add("database", db->name);
  }
  for (const SchemaEntry* s : catalog.Schemas()) {
    if (s->owner == role.name) add("schema", s->name);
  }
  for (const TableEntry* t : catalog.Tables()) {
    if (t->owner == role.id) add(t->is_view() ? "view" : "table", t->name);
  }
  for (const SequenceEntry* s : catalog.Sequences()) {
    if (s->owner == role.id) add("sequence", s->name);
  }
  if (owned.empty()) return;
  throw Error(sqlstate::kDependentObjectsStillExist,
              "role \"" + role.name + "\" cannot be dropped because some objects depend on it")
      .WithDetail(owned);
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
    RefuseIfOwner(change.catalog(), *existing);
    change.RemoveRole(existing->id);
  }
  change.Publish();
  return {"DROP ROLE"};
}

}  // namespace

CommandResult Execute(const ast::RoleStmt& stmt, CommandContext& ctx) {
  using A = ast::RoleStmt::Action;
  CatalogChange change(ctx);
  const std::string& user = ctx.fn.current_user;
  Require(change.catalog(), user, stmt.superuser >= 0);
  switch (stmt.action) {
    case A::kCreate: return CreateRole(stmt, change);
    case A::kAlter: return AlterRole(stmt, change, user);
    case A::kDrop: return DropRoles(stmt, change, user);
  }
  return {"ROLE"};
}

}  // namespace kanto::commands
