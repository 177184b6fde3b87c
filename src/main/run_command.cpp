// Runs a utility statement (src/commands/) in the session's transaction: the command sees the
// session only through a CommandContext.
#include "commands/commands.hpp"
#include "parser/ast_database.hpp"
#include "parser/ast_grant.hpp"
#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

namespace {
template <class Stmt>
commands::CommandResult Run(const ast::Statement& stmt, commands::CommandContext& ctx) {
  return commands::Execute(static_cast<const Stmt&>(stmt), ctx);
}

commands::CommandResult RunIn(const ast::Statement& stmt, commands::CommandContext& ctx) {
  switch (stmt.kind) {
    case ast::StmtKind::kCreateTable: return Run<ast::CreateTableStmt>(stmt, ctx);
    case ast::StmtKind::kCreateView: return Run<ast::CreateViewStmt>(stmt, ctx);
    case ast::StmtKind::kCreateIndex: return Run<ast::CreateIndexStmt>(stmt, ctx);
    case ast::StmtKind::kCreateSchema: return Run<ast::CreateSchemaStmt>(stmt, ctx);
    case ast::StmtKind::kRole: return Run<ast::RoleStmt>(stmt, ctx);
    case ast::StmtKind::kDrop: return Run<ast::DropStmt>(stmt, ctx);
    case ast::StmtKind::kAlterTable: return Run<ast::AlterTableStmt>(stmt, ctx);
    case ast::StmtKind::kTruncate: return Run<ast::TruncateStmt>(stmt, ctx);
    case ast::StmtKind::kVacuum: return Run<ast::VacuumStmt>(stmt, ctx);
    case ast::StmtKind::kCreateSequence: return Run<ast::CreateSequenceStmt>(stmt, ctx);
    case ast::StmtKind::kAlterSequence: return Run<ast::AlterSequenceStmt>(stmt, ctx);
    case ast::StmtKind::kRename: return Run<ast::RenameStmt>(stmt, ctx);
    case ast::StmtKind::kAlterObjectSchema: return Run<ast::AlterObjectSchemaStmt>(stmt, ctx);
    case ast::StmtKind::kSetConstraints: return Run<ast::SetConstraintsStmt>(stmt, ctx);
    case ast::StmtKind::kDatabase: return Run<ast::DatabaseStmt>(stmt, ctx);
    case ast::StmtKind::kAlterOwner: return Run<ast::AlterOwnerStmt>(stmt, ctx);
    case ast::StmtKind::kComment: return Run<ast::CommentStmt>(stmt, ctx);
    case ast::StmtKind::kCreateType: return Run<ast::CreateTypeStmt>(stmt, ctx);
    case ast::StmtKind::kAlterType: return Run<ast::AlterTypeStmt>(stmt, ctx);
    case ast::StmtKind::kGrant: return Run<ast::GrantStmt>(stmt, ctx);
    default: throw Error(sqlstate::kFeatureNotSupported, "statement is not supported");
  }
}
}  // namespace

commands::CommandContext ConnectionImpl::MakeCommandContext() {
  commands::CommandContext ctx;
  ctx.txn = txn_.get();
  ctx.engine = &db_impl_.engine();
  ctx.fn = MakeFunctionContext();
  ctx.sequences = ctx.fn.sequences;
  ctx.in_transaction_block = state_ != TxnState::kIdle;
  ctx.cancel = &cancel_;
  ctx.deferred = &deferred_;
  ctx.catalog = [this] { return catalog_for_statement(); };
  ctx.begin_catalog_change = [this] { return BeginCatalogChange(); };
  ctx.publish_catalog = [this](std::shared_ptr<Catalog> changed) { FinishCatalogChange(std::move(changed)); };
  ctx.run_query = [this](const ast::Statement& query) { return RunQuery(query, {})->rows_affected; };
  ctx.forget_statistics = [this](uint32_t table_id) { db_impl_.storage_statistics().Forget(table_id); };
  ctx.temp_schema = [this](commands::CatalogChange& change) { return TempSchema(change); };
  ctx.on_commit = [this](uint32_t table_id, char action) { on_commit_[table_id] = action; };
  ctx.database_id = db_impl_.id();
  ctx.databases = directory_.get();
  ctx.shared_changed = [this] { shared_changed_ = true; };
  return ctx;
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunCommand(const ast::Statement& stmt) {
  commands::CommandContext ctx = MakeCommandContext();
  LockCommandRelations(stmt);
  commands::CommandResult r = RunIn(stmt, ctx);
  auto result = TagOnly(std::move(r.tag));
  result->rows_affected = r.rows_affected;
  result->notices = std::move(r.notices);
  return result;
}

}  // namespace kanto
