// CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role].
#include "catalog/object_acl.hpp"
#include "commands/commands.hpp"
#include "commands/role_name.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

CommandResult Execute(const ast::CreateSchemaStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  // As PostgreSQL: CREATE on the database, and membership in the role that is to own the schema.
  const DatabaseEntry* db = change->GetDatabase(change->database_id());
  if (db && !HasDatabasePrivilege(change.catalog(), ctx.fn.current_user, *db, kAclCreate)) {
    throw Error(sqlstate::kInsufficientPrivilege, "permission denied for database " + db->name);
  }
  const RoleEntry* owner = stmt.has_authorization ? &ResolveRoleName(change.catalog(), stmt.authorization, ctx) : nullptr;
  if (owner && !change->IsMemberOf(change.current_role_id(), owner->id)) {
    throw Error(sqlstate::kInsufficientPrivilege, "must be member of role \"" + owner->name + "\"");
  }
  std::string name = stmt.name.empty() && owner ? owner->name : stmt.name;
  if (name.rfind("pg_", 0) == 0) {
    throw Error(sqlstate::kReservedName, "unacceptable schema name \"" + name + "\"")
        .WithDetail("The prefix \"pg_\" is reserved for system schemas.");
  }
  if (change->FindSchema(name)) {
    if (stmt.if_not_exists) return {"CREATE SCHEMA"};
    throw Error(sqlstate::kDuplicateSchema, "schema \"" + name + "\" already exists");
  }
  SchemaEntry s;
  s.id = change.AllocateId();
  s.name = name;
  s.owner = owner ? owner->name : ctx.fn.current_user;
  // The owner's default privileges for new schemas (ALTER DEFAULT PRIVILEGES ... ON SCHEMAS).
  s.acl = InitialObjectAcl(change.catalog(), DefaultAclEntry::kSchemas, owner ? owner->id : change.current_role_id(), 0);
  change.PutSchema(std::move(s));
  change.Publish();
  return {"CREATE SCHEMA"};
}

}  // namespace kanto::commands
