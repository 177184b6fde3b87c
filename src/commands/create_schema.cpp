// CREATE SCHEMA [IF NOT EXISTS] name.
#include "commands/commands.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

CommandResult Execute(const ast::CreateSchemaStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  if (change->FindSchema(stmt.name)) {
    if (stmt.if_not_exists) return {"CREATE SCHEMA"};
    throw Error(sqlstate::kDuplicateSchema, "schema \"" + stmt.name + "\" already exists");
  }
  SchemaEntry s;
  s.id = change.AllocateId();
  s.name = stmt.name;
  change.PutSchema(std::move(s));
  change.Publish();
  return {"CREATE SCHEMA"};
}

}  // namespace kanto::commands
