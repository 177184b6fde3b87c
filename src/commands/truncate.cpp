// TRUNCATE [TABLE] t, ... [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]: every row of
// each table and its index entries deleted in the statement's transaction (so it rolls back like
// any DML). A table referenced by a foreign key is truncated only with its referencing tables: named
// too, or added by CASCADE (at any depth); otherwise 0A000, as in PostgreSQL. No referential action
// runs. RESTART IDENTITY restarts the sequences the tables' columns own; like nextval, that is not
// undone by a rollback.
#include <algorithm>

#include "access/bulk_insert.hpp"
#include "access/index_maintenance.hpp"
#include "catalog/sequence_session.hpp"
#include "commands/commands.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

CommandResult Execute(const ast::TruncateStmt& stmt, CommandContext& ctx) {
  auto catalog = ctx.catalog();
  BinderEnv env;
  env.catalog = catalog.get();
  env.fn_ctx = &ctx.fn;
  Binder binder(env);
  CommandResult result("TRUNCATE TABLE");
  std::vector<const TableEntry*> tables;
  auto listed = [&](uint32_t id) {
    return std::any_of(tables.begin(), tables.end(), [&](const TableEntry* t) { return t->id == id; });
  };
  for (const auto& rv : stmt.tables) {
    const TableEntry* t = binder.ResolveTargetTable(rv, "truncate");
    if (!listed(t->id)) tables.push_back(t);
  }
  CheckRelationPermissions(*catalog, ctx.fn.current_user, env.RequiredPermissions());
  for (size_t i = 0; i < tables.size(); i++) {
    for (const auto& ref : catalog->ReferencesTo(tables[i]->id)) {
      if (listed(ref.table->id)) continue;
      if (!stmt.cascade) {
        throw Error(sqlstate::kFeatureNotSupported, "cannot truncate a table referenced in a foreign key constraint")
            .WithDetail("Table \"" + ref.table->name + "\" references \"" + tables[i]->name + "\".")
            .WithHint("Truncate table \"" + ref.table->name + "\" at the same time, or use TRUNCATE ... CASCADE.");
      }
      tables.push_back(ref.table);
      result.notices.push_back(Error(sqlstate::kSuccess, "truncate cascades to table \"" + ref.table->name + "\""));
    }
  }
  std::vector<const SequenceEntry*> restart;
  if (stmt.restart_identity) {
    for (const TableEntry* t : tables) {
      for (const SequenceEntry* seq : catalog->OwnedSequences(t->id)) restart.push_back(seq);
    }
  }
  for (const TableEntry* t : tables) {
    access::DeleteTableData(*ctx.txn, t->id);
    access::NoteRowsOwnedByTransaction(*ctx.txn, *t);  // held in ACCESS EXCLUSIVE mode until the end
  }
  for (const SequenceEntry* seq : restart) ctx.sequences->store().Set(*seq, seq->start, false);
  return result;
}

}  // namespace kanto::commands
