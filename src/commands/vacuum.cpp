// VACUUM / ANALYZE [tables]: compacts the tables' key ranges (VACUUM) and refreshes row estimates.
#include "commands/commands.hpp"
#include "access/index_maintenance.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

CommandResult Execute(const ast::VacuumStmt& stmt, CommandContext& ctx) {
  if (stmt.vacuum && ctx.in_transaction_block) {
    throw Error(sqlstate::kActiveSqlTransaction, "VACUUM cannot run inside a transaction block");
  }
  auto catalog = ctx.catalog();
  std::vector<const TableEntry*> tables;
  if (stmt.tables.empty()) {
    tables = catalog->Tables();
  } else {
    BinderEnv env;
    env.catalog = catalog.get();
    env.fn_ctx = &ctx.fn;
    Binder binder(env);
    for (const auto& rv : stmt.tables) tables.push_back(binder.ResolveTargetTable(rv, "vacuum"));
  }
  for (const TableEntry* t : tables) {
    if (t->is_view()) continue;
    ctx.forget_statistics(t->id);
    if (!stmt.vacuum) continue;
    access::CompactTableData(*ctx.engine, t->id);
  }
  return {stmt.vacuum ? "VACUUM" : "ANALYZE"};
}

}  // namespace kanto::commands
