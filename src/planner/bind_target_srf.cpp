// A set-returning function in the select list (SELECT unnest(a) FROM t, SELECT generate_series(1, n),
// regexp_split_to_table, pg_listening_channels):
// for a select list with exactly one such call and no grouping, aggregates or window functions,
// the call is bound as a function in FROM joined LATERAL after the other FROM items and the WHERE
// filter, and the call in the select list reads its output column. That is PostgreSQL's result:
// each input row repeated once per element, no row for an empty or NULL set. Other cases (several
// calls, which PostgreSQL runs in lockstep, or calls under grouping) keep the 0A000 error.
#include "planner/binder.hpp"

#include "planner/bind_context.hpp"

namespace kanto {

namespace {

bool IsSrfName(const ast::FuncCall& f) {
  if (f.name.empty() || (f.name.size() > 1 && f.name[0] != "pg_catalog")) return false;
  return f.name.back() == "unnest" || f.name.back() == "generate_series" || f.name.back() == "regexp_split_to_table" ||
         f.name.back() == "pg_listening_channels";
}

// Collects the calls in `e` through function arguments, operators and casts (not into subqueries).
// False when a window function is present: then nothing is rewritten.
bool CollectSrfCalls(const ast::Expr* e, std::vector<const ast::FuncCall*>* out) {
  if (!e) return true;
  switch (e->kind) {
    case ast::ExprKind::kFuncCall: {
      const auto& f = static_cast<const ast::FuncCall&>(*e);
      if (f.over) return false;
      if (IsSrfName(f)) out->push_back(&f);
      for (const auto& a : f.args) {
        if (!CollectSrfCalls(a.get(), out)) return false;
      }
      return true;
    }
    case ast::ExprKind::kOp: {
      const auto& o = static_cast<const ast::OpExpr&>(*e);
      return CollectSrfCalls(o.left.get(), out) && CollectSrfCalls(o.right.get(), out);
    }
    case ast::ExprKind::kCast: return CollectSrfCalls(static_cast<const ast::CastExpr&>(*e).arg.get(), out);
    default: return true;
  }
}

}  // namespace

LogicalOperatorPtr Binder::BindTargetListSrf(const ast::SelectStmt& stmt, LogicalOperatorPtr plan, BindContext& scope) {
  std::vector<const ast::FuncCall*> calls;
  for (const auto& t : stmt.targets) {
    if (!CollectSrfCalls(t.expr.get(), &calls)) return plan;
  }
  if (calls.size() != 1) return plan;
  const ast::FuncCall* call = calls[0];
  // The FROM item borrows the select list's call node for the duration of its binding.
  ast::FunctionRef ref;
  ref.location = call->location;
  ref.call.reset(const_cast<ast::FuncCall*>(call));
  struct Release {
    ast::FunctionRef& ref;
    ~Release() { (void)ref.call.release(); }
  } release{ref};
  BindContext srf_scope;  // its column is reached only through the call, never by name or *
  const BindContext* saved = lateral_scope_;
  lateral_scope_ = &scope;
  LogicalOperatorPtr fn;
  try {
    fn = BindTableRef(ref, srf_scope);
  } catch (...) {
    lateral_scope_ = saved;
    throw;
  }
  lateral_scope_ = saved;
  const BindingEntry& entry = srf_scope.entries().back();
  target_srf_ = {call, {entry.table_index, 0}, entry.types[0]};
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = JoinType::kInner;
  join->lateral_params = std::move(lateral_params_);
  lateral_params_.clear();
  join->children.push_back(std::move(plan));
  join->children.push_back(std::move(fn));
  return join;
}

}  // namespace kanto
