// SET CONSTRAINTS { ALL | name [, ...] } { DEFERRED | IMMEDIATE }: the mode of the transaction's
// deferrable foreign keys. Naming a constraint that is not deferrable fails with 42809. Switching
// to IMMEDIATE runs the checks deferred so far for those constraints now (23503), as PostgreSQL
// does. Outside a transaction block it has no effect (PostgreSQL warns).
#include "access/foreign_key.hpp"
#include "commands/commands.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

CommandResult Execute(const ast::SetConstraintsStmt& stmt, CommandContext& ctx) {
  auto catalog = ctx.catalog();
  std::vector<uint32_t> ids;
  for (const auto& rv : stmt.names) {
    const SchemaEntry* schema = rv.schema.empty() ? nullptr : catalog->FindSchema(rv.schema);
    if (!rv.schema.empty() && !schema) {
      throw Error(sqlstate::kInvalidSchemaName, "schema \"" + rv.schema + "\" does not exist");
    }
    bool found = false;
    for (const TableEntry* t : catalog->Tables()) {
      if (schema && t->schema_id != schema->id) continue;
      if (const ForeignKeyEntry* fk = t->FindForeignKey(rv.name)) {
        if (!fk->deferrable) {
          throw Error(sqlstate::kWrongObjectType, "constraint \"" + rv.name + "\" is not deferrable");
        }
        ids.push_back(fk->id);
        found = true;
      } else if (t->HasConstraint(rv.name)) {
        throw Error(sqlstate::kWrongObjectType, "constraint \"" + rv.name + "\" is not deferrable");
      }
    }
    if (!found) throw Error(sqlstate::kUndefinedObject, "constraint \"" + rv.name + "\" does not exist");
  }
  if (!ctx.in_transaction_block || !ctx.deferred) return {"SET CONSTRAINTS"};
  ctx.deferred->SetMode(stmt.names.empty(), ids, stmt.deferred);
  if (!stmt.deferred) {
    ExecutionContext exec = ctx.MakeExecutionContext();
    exec.fn.catalog = catalog.get();
    exec.deferred = nullptr;  // run now
    access::ReferentialQueue(exec, nullptr).RunNow(ctx.deferred->TakeDue(*catalog, false));
  }
  return {"SET CONSTRAINTS"};
}

}  // namespace kanto::commands
