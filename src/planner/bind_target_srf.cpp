// Set-returning functions in the select list (SELECT unnest(a) FROM t, SELECT generate_series(1, n),
// regexp_split_to_table, pg_listening_channels, generate_subscripts): without grouping, aggregates
// or window functions, each call is bound as a function in FROM joined LATERAL after the other FROM
// items and the WHERE filter, and the call in the select list reads its output column. That is PostgreSQL's result:
// each input row repeated once per element, no row for an empty or NULL set. Several calls run in
// lockstep, as in PostgreSQL: row n holds each call's n-th value, NULL for a call that has fewer
// (the calls numbered WITH ORDINALITY and FULL JOINed on that number). Calls under grouping keep
// the 0A000 error.
#include "planner/binder.hpp"

#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "planner/bind_context.hpp"
#include "planner/expr_binder.hpp"
#include "planner/set_returning_functions.hpp"

namespace kanto {

namespace {

bool IsSrfName(const ast::FuncCall& f) {
  if (f.name.empty() || (f.name.size() > 1 && f.name[0] != "pg_catalog")) return false;
  return IsSetReturningFunction(f.name.back());
}

// Collects the calls in `e` through the expressions PostgreSQL evaluates once per produced row
// (function arguments, operators, casts, tests, NULLIF, GREATEST/LEAST, ARRAY[], subscripts, ANY/ALL;
// not into subqueries). Where PostgreSQL refuses a set-returning argument (CASE, COALESCE, AND / OR /
// NOT, IN, BETWEEN, IS TRUE ...) it throws PostgreSQL's error. False when a window function is present: then
// nothing is rewritten.
bool CollectSrfCalls(const ast::Expr* e, std::vector<const ast::FuncCall*>* out) {
  if (!e) return true;
  CheckStackDepth();
  if (e->kind == ast::ExprKind::kOp) {
    // An operator chain (a + b + ..., thousands of terms) is walked down its left spine without
    // recursion; the operands are visited left to right, as the recursion would.
    std::vector<const ast::Expr*> rights;
    while (e && e->kind == ast::ExprKind::kOp) {
      const auto& o = static_cast<const ast::OpExpr&>(*e);
      rights.push_back(o.right.get());
      e = o.left.get();
    }
    if (!CollectSrfCalls(e, out)) return false;
    for (auto it = rights.rbegin(); it != rights.rend(); ++it) {
      if (!CollectSrfCalls(*it, out)) return false;
    }
    return true;
  }
  std::vector<const ast::Expr*> kids;
  const char* state = nullptr;  // the SQLSTATE and message when a kid returns a set
  std::string refusal;
  auto add = [&](const ast::ExprList& list) {
    for (const auto& x : list) kids.push_back(x.get());
  };
  switch (e->kind) {
    case ast::ExprKind::kFuncCall: {
      const auto& f = static_cast<const ast::FuncCall&>(*e);
      if (f.over) return false;
      if (IsSrfName(f)) out->push_back(&f);
      add(f.args);
      break;
    }
    case ast::ExprKind::kOp: {
      const auto& o = static_cast<const ast::OpExpr&>(*e);
      kids = {o.left.get(), o.right.get()};
      break;
    }
    case ast::ExprKind::kCast: kids = {static_cast<const ast::CastExpr&>(*e).arg.get()}; break;
    case ast::ExprKind::kCollate: kids = {static_cast<const ast::CollateExpr&>(*e).arg.get()}; break;
    case ast::ExprKind::kNullTest: kids = {static_cast<const ast::NullTest&>(*e).arg.get()}; break;
    case ast::ExprKind::kBooleanTest: {
      static const char* kTests[] = {"IS TRUE", "IS NOT TRUE", "IS FALSE", "IS NOT FALSE", "IS UNKNOWN", "IS NOT UNKNOWN"};
      const auto& b = static_cast<const ast::BooleanTest&>(*e);
      kids = {b.arg.get()};
      state = sqlstate::kDatatypeMismatch;
      refusal = std::string("argument of ") + kTests[static_cast<int>(b.type)] + " must not return a set";
      break;
    }
    case ast::ExprKind::kDistinctFrom: {
      const auto& d = static_cast<const ast::DistinctFrom&>(*e);
      kids = {d.left.get(), d.right.get()};
      break;
    }
    case ast::ExprKind::kNullIf: {
      const auto& n = static_cast<const ast::NullIfExpr&>(*e);
      kids = {n.left.get(), n.right.get()};
      break;
    }
    case ast::ExprKind::kMinMax: add(static_cast<const ast::MinMaxExpr&>(*e).args); break;
    case ast::ExprKind::kArray: add(static_cast<const ast::ArrayExpr&>(*e).elements); break;
    case ast::ExprKind::kSubscript: {
      const auto& s = static_cast<const ast::Subscript&>(*e);
      kids = {s.arg.get(), s.lower.get(), s.upper.get()};
      break;
    }
    case ast::ExprKind::kAnyAllArray: {
      const auto& a = static_cast<const ast::AnyAllArray&>(*e);
      kids = {a.left.get(), a.right.get()};
      break;
    }
    case ast::ExprKind::kCase: {
      const auto& c = static_cast<const ast::CaseExpr&>(*e);
      kids = {c.arg.get(), c.else_result.get()};
      for (const auto& w : c.whens) {
        kids.push_back(w.when.get());
        kids.push_back(w.then.get());
      }
      state = sqlstate::kFeatureNotSupported;
      refusal = "set-returning functions are not allowed in CASE";
      break;
    }
    case ast::ExprKind::kCoalesce:
      add(static_cast<const ast::CoalesceExpr&>(*e).args);
      state = sqlstate::kFeatureNotSupported;
      refusal = "set-returning functions are not allowed in COALESCE";
      break;
    case ast::ExprKind::kBool: {
      const auto& b = static_cast<const ast::BoolExpr&>(*e);
      add(b.args);
      state = sqlstate::kDatatypeMismatch;
      refusal = std::string("argument of ") +
                (b.type == ast::BoolExpr::Type::kAnd ? "AND" : b.type == ast::BoolExpr::Type::kOr ? "OR" : "NOT") +
                " must not return a set";
      break;
    }
    case ast::ExprKind::kInList: {
      const auto& in = static_cast<const ast::InList&>(*e);
      kids = {in.arg.get()};
      add(in.list);
      state = sqlstate::kDatatypeMismatch;
      refusal = "argument of IN must not return a set";
      break;
    }
    case ast::ExprKind::kBetween: {  // PostgreSQL's AND of two comparisons (OR, for NOT BETWEEN)
      const auto& b = static_cast<const ast::Between&>(*e);
      kids = {b.arg.get(), b.low.get(), b.high.get()};
      state = sqlstate::kDatatypeMismatch;
      refusal = std::string("argument of ") + (b.negated ? "OR" : "AND") + " must not return a set";
      break;
    }
    default: return true;
  }
  size_t before = out->size();
  for (const ast::Expr* k : kids) {
    if (!CollectSrfCalls(k, out)) return false;
  }
  if (state && out->size() > before) {
    Error err(state, refusal);
    if (std::string(state) == sqlstate::kFeatureNotSupported) {
      err.WithHint("You might be able to move the set-returning function into a LATERAL FROM item.");
    }
    throw At(std::move(err), (*out)[before]->location);
  }
  return true;
}

}  // namespace

LogicalOperatorPtr Binder::BindTargetListSrf(const ast::SelectStmt& stmt, LogicalOperatorPtr plan, BindContext& scope) {
  std::vector<const ast::FuncCall*> calls;
  for (const auto& t : stmt.targets) {
    if (!CollectSrfCalls(t.expr.get(), &calls)) return plan;
  }
  if (calls.empty()) return plan;
  // Each call as a function in FROM that borrows the select list's call node for its binding, its
  // column reached only through the call, never by name or *.
  std::vector<ast::FunctionRef> refs(calls.size());
  struct Release {
    std::vector<ast::FunctionRef>& refs;
    ~Release() {
      for (auto& r : refs) (void)r.call.release();
    }
  } release{refs};
  for (size_t i = 0; i < calls.size(); i++) {
    refs[i].location = calls[i]->location;
    refs[i].call.reset(const_cast<ast::FuncCall*>(calls[i]));
  }
  const BindContext* saved = lateral_scope_;
  lateral_scope_ = &scope;
  LogicalOperatorPtr functions;
  std::vector<BindingEntry> entries;
  try {
    if (calls.size() == 1) {
      BindContext srf_scope;
      functions = BindTableRef(refs[0], srf_scope);
      entries.push_back(srf_scope.entries().back());
    } else {  // several run in lockstep
      std::vector<const ast::FunctionRef*> zipped;
      for (const auto& r : refs) zipped.push_back(&r);
      BoundExprPtr ordinal;
      functions = BindZippedFunctions(zipped, &entries, &ordinal);
    }
  } catch (...) {
    lateral_scope_ = saved;
    throw;
  }
  lateral_scope_ = saved;
  std::vector<BoundExprPtr> lateral_params = std::move(lateral_params_);
  lateral_params_.clear();
  for (size_t i = 0; i < calls.size(); i++) {
    target_srf_.push_back({calls[i], {entries[i].table_index, 0}, entries[i].types[0]});
  }
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = JoinType::kInner;
  join->lateral_params = std::move(lateral_params);
  join->children.push_back(std::move(plan));
  join->children.push_back(std::move(functions));
  return join;
}

}  // namespace kanto
