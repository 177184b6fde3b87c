// Set-returning functions in the select list (SELECT unnest(a) FROM t, SELECT generate_series(1, n),
// regexp_split_to_table, pg_listening_channels, generate_subscripts): without grouping, aggregates
// or window functions, each call is bound as a function in FROM joined LATERAL after the other FROM
// items and the WHERE filter, and the call in the select list reads its output column. That is PostgreSQL's result:
// each input row repeated once per element, no row for an empty or NULL set. Several calls run in
// lockstep, as in PostgreSQL: row n holds each call's n-th value, NULL for a call that has fewer
// (the calls numbered WITH ORDINALITY and FULL JOINed on that number). Calls under grouping keep
// the 0A000 error.
#include "planner/binder.hpp"

#include "planner/bind_context.hpp"
#include "planner/expr_binder.hpp"

namespace kanto {

namespace {

bool IsSrfName(const ast::FuncCall& f) {
  if (f.name.empty() || (f.name.size() > 1 && f.name[0] != "pg_catalog")) return false;
  const std::string& n = f.name.back();
  return n == "unnest" || n == "generate_series" || n == "regexp_split_to_table" || n == "pg_listening_channels" ||
         n == "generate_subscripts";
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

// The lateral references of a call bound after others are numbered after theirs: its outer
// references (not those inside subquery plans, which have their own) move up by `offset`.
void ShiftOuterRefs(BoundExpr& e, uint32_t offset) {
  if (e.kind == BoundExprKind::kOuterRef) e.param += offset;
  for (auto& c : e.children) ShiftOuterRefs(*c, offset);
}

void ShiftOuterRefs(LogicalOperator& fn, uint32_t offset) {
  if (fn.type == LogicalOpType::kTableFunction) {
    for (auto& a : static_cast<LogicalTableFunction&>(fn).args) ShiftOuterRefs(*a, offset);
  } else if (fn.type == LogicalOpType::kValues) {
    for (auto& row : static_cast<LogicalValues&>(fn).rows) {
      for (auto& v : row) ShiftOuterRefs(*v, offset);
    }
  }
}

}  // namespace

LogicalOperatorPtr Binder::BindTargetListSrf(const ast::SelectStmt& stmt, LogicalOperatorPtr plan, BindContext& scope) {
  std::vector<const ast::FuncCall*> calls;
  for (const auto& t : stmt.targets) {
    if (!CollectSrfCalls(t.expr.get(), &calls)) return plan;
  }
  if (calls.empty()) return plan;
  bool lockstep = calls.size() > 1;
  LogicalOperatorPtr functions;
  BoundExprPtr ordinal;  // lockstep: the row number so far (COALESCE of the calls' ordinality)
  std::vector<BoundExprPtr> lateral_params;
  for (const ast::FuncCall* call : calls) {
    // The FROM item borrows the select list's call node for the duration of its binding.
    ast::FunctionRef ref;
    ref.location = call->location;
    ref.ordinality = lockstep;
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
    if (!lateral_params.empty()) ShiftOuterRefs(*fn, static_cast<uint32_t>(lateral_params.size()));
    for (auto& p : lateral_params_) lateral_params.push_back(std::move(p));
    lateral_params_.clear();
    const BindingEntry& entry = srf_scope.entries().back();
    target_srf_.push_back({call, {entry.table_index, 0}, entry.types[0]});
    if (!lockstep) {
      functions = std::move(fn);
      continue;
    }
    auto number = MakeColumnRef({entry.table_index, 1}, LogicalType(TypeId::kInt8), "ordinality");
    if (!functions) {
      functions = std::move(fn);
      ordinal = std::move(number);
      continue;
    }
    auto zip = std::make_unique<LogicalJoin>();
    zip->join_type = JoinType::kFull;
    ExprBinder eb(*this, nullptr, nullptr, "set-returning functions");
    std::vector<BoundExprPtr> eq;
    eq.push_back(ordinal->Copy());
    eq.push_back(number->Copy());
    zip->conditions.push_back(eb.BindOperator("=", std::move(eq), call->location));
    auto either = std::make_unique<BoundExpr>(BoundExprKind::kCoalesce, LogicalType(TypeId::kInt8));
    either->children.push_back(std::move(ordinal));
    either->children.push_back(std::move(number));
    ordinal = std::move(either);
    zip->children.push_back(std::move(functions));
    zip->children.push_back(std::move(fn));
    functions = std::move(zip);
  }
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = JoinType::kInner;
  join->lateral_params = std::move(lateral_params);
  join->children.push_back(std::move(plan));
  join->children.push_back(std::move(functions));
  return join;
}

}  // namespace kanto
