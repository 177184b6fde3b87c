// TRUNCATE [TABLE] t, ... [RESTART IDENTITY | CONTINUE IDENTITY]: every row of each table deleted in
// the statement's transaction (so it rolls back like any DML), secondary index entries included.
// RESTART IDENTITY restarts the sequences the tables' columns own; like nextval, that is not undone
// by a rollback.
#include "catalog/sequence_session.hpp"
#include "commands/commands.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

CommandResult Execute(const ast::TruncateStmt& stmt, CommandContext& ctx) {
  std::vector<const SequenceEntry*> restart;
  auto catalog = ctx.catalog();
  if (stmt.restart_identity) {
    BinderEnv env;
    env.catalog = catalog.get();
    env.fn_ctx = &ctx.fn;
    Binder binder(env);
    for (const auto& rv : stmt.tables) {
      for (const SequenceEntry* seq : catalog->OwnedSequences(binder.ResolveTargetTable(rv, "truncate")->id)) {
        restart.push_back(seq);
      }
    }
  }
  for (const auto& rv : stmt.tables) {
    ast::DeleteStmt del;
    del.table = rv;
    ctx.run_query(del);
  }
  for (const SequenceEntry* seq : restart) ctx.sequences->store().Set(*seq, seq->start, false);
  return {"TRUNCATE TABLE"};
}

}  // namespace kanto::commands
