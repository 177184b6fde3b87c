#include "main/data_modifying_with.hpp"

#include <functional>
#include <set>

#include "access/foreign_key.hpp"
#include "execution/execution_context.hpp"
#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

const ast::WithClause* DataModifyingWithClause(const ast::Statement& stmt) {
  const ast::WithClause* with = nullptr;
  switch (stmt.kind) {
    case ast::StmtKind::kSelect: with = static_cast<const ast::SelectStmt&>(stmt).with.get(); break;
    case ast::StmtKind::kInsert: with = static_cast<const ast::InsertStmt&>(stmt).with.get(); break;
    case ast::StmtKind::kUpdate: with = static_cast<const ast::UpdateStmt&>(stmt).with.get(); break;
    case ast::StmtKind::kDelete: with = static_cast<const ast::DeleteStmt&>(stmt).with.get(); break;
    case ast::StmtKind::kMerge: with = static_cast<const ast::MergeStmt&>(stmt).with.get(); break;
    default: break;
  }
  if (!with) return nullptr;
  for (const auto& cte : with->ctes) {
    if (cte.query->kind == ast::StmtKind::kInsert || cte.query->kind == ast::StmtKind::kUpdate ||
        cte.query->kind == ast::StmtKind::kDelete) {
      return with;
    }
  }
  return nullptr;
}

void PrepareDataModifyingWith(const ast::Statement& stmt, const ast::WithClause& with, const Catalog& catalog,
                              const FunctionContext* fn, std::vector<LogicalType>* param_types,
                              DataModifyingWith* out) {
  // Under WITH RECURSIVE a query may also name a later one; for a data-modifying one, which runs
  // before its readers, the binder refuses such a reference (ReturnedRowsOf: 0A000).
  std::map<const ast::CommonTableExpr*, std::vector<const ast::CommonTableExpr*>> reads;
  std::vector<const ast::CommonTableExpr*> main_reads;
  auto bind = [&](const ast::Statement& part, const ast::WithClause* outer,
                  std::vector<const ast::CommonTableExpr*>* references, const ast::CommonTableExpr* self) {
    BinderEnv env;
    env.modifying = self;
    env.references = references;
    env.catalog = &catalog;
    env.param_types = *param_types;
    env.fn_ctx = fn;
    env.returned = &out->returned;
    env.outer_with = outer;
    Binder binder(env);
    BoundStatement bound = binder.Bind(part);
    *param_types = env.param_types;
    return bound;
  };
  for (const auto& cte : with.ctes) {
    if (cte.query->kind == ast::StmtKind::kSelect) continue;
    BoundStatement bound = bind(*cte.query, &with, &reads[&cte], &cte);
    BinderEnv::ReturnedRows& r = out->returned[&cte];
    r.returning = bound.returns_rows;
    r.names = bound.names;
    for (size_t i = 0; i < r.names.size() && i < cte.columns.size(); i++) r.names[i] = cte.columns[i];
    r.types = bound.types;
  }
  bind(stmt, nullptr, &main_reads, nullptr);
  std::set<const ast::CommonTableExpr*> placed;
  std::function<void(const ast::CommonTableExpr*, std::vector<const ast::CommonTableExpr*>*)> place =
      [&](const ast::CommonTableExpr* cte, std::vector<const ast::CommonTableExpr*>* order) {
        if (!placed.insert(cte).second) return;
        for (const auto* read : reads[cte]) place(read, order);
        order->push_back(cte);
      };
  for (const auto* cte : main_reads) place(cte, &out->before);
  for (auto it = with.ctes.rbegin(); it != with.ctes.rend(); ++it) {
    if (it->query->kind != ast::StmtKind::kSelect) place(&*it, &out->after);
  }
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunDataModifyingWith(const ast::Statement& stmt, const ast::WithClause& with,
                                                              const std::vector<Value>& params) {
  DataModifyingWith dml;
  {
    auto catalog = catalog_for_statement();
    FunctionContext fn = MakeFunctionContext();
    fn.catalog = catalog.get();
    std::vector<LogicalType> types = ParamTypes(params);
    PrepareDataModifyingWith(stmt, with, *catalog, &fn, &types, &dml);
  }
  // One snapshot for every part and the main query (storage: FreezeReads), and the referential
  // checks and actions of all of them at the end.
  struct Reset {
    const DataModifyingWith** running;
    storage::Transaction* txn;
    access::DeferredConstraints* deferred;
    ~Reset() {
      *running = nullptr;
      txn->ThawReads();
      if (deferred->holding()) deferred->TakeHeldEvents();
    }
  } reset{&dml_with_, txn_.get(), &deferred_};
  dml_with_ = &dml;
  txn_->FreezeReads();
  deferred_.HoldStatementEvents();
  auto run = [&](const ast::CommonTableExpr* cte) {
    dml.outer_with = &with;
    std::unique_ptr<ResultImpl> part = RunQuery(*cte->query, params);
    txn_->NextStatementPart();
    std::vector<std::vector<Value>>& rows = dml.returned[cte].rows;
    for (const DataChunk& c : part->chunks) {
      for (size_t i = 0; i < c.size(); i++) rows.push_back(c.GetRow(i));
    }
  };
  for (const auto* cte : dml.before) run(cte);
  dml.outer_with = nullptr;
  std::unique_ptr<ResultImpl> result = RunQuery(stmt, params);
  txn_->NextStatementPart();
  for (const auto* cte : dml.after) run(cte);
  txn_->ThawReads();
  std::vector<access::DeferredConstraints::HeldEvents> held = deferred_.TakeHeldEvents();
  if (!held.empty()) {
    auto catalog = catalog_for_statement();
    FunctionContext fn = MakeFunctionContext();
    fn.catalog = catalog.get();
    ExecutionContext ctx = MakeExecutionContext(fn, &params, nullptr);
    for (auto& h : held) access::ReferentialQueue(ctx, h.cascades).RunHeld(std::move(h.events));
  }
  return result;
}

}  // namespace kanto
