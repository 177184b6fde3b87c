// Decorrelation: a WHERE conjunct `[NOT] EXISTS (subquery)` or `x IN (subquery)` whose subquery
// refers to the outer row only in its WHERE clause becomes a semi (anti) join, so the subquery runs
// once instead of once per outer row. The outer references in the subquery's WHERE become join
// conditions over the outer columns.
#include "function/function.hpp"
#include "optimizer/optimizer.hpp"

namespace kanto {

bool ContainsOuterRef(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kOuterRef) return true;
  for (const auto& c : e.children) {
    if (ContainsOuterRef(*c)) return true;
  }
  return e.filter && ContainsOuterRef(*e.filter);
}

namespace {

bool PlanContainsOuterRef(LogicalOperator& op) {
  bool found = false;
  ForEachExpression(op, [&](BoundExprPtr& e) { found = found || ContainsOuterRef(*e); });
  if (found) return true;
  for (auto& c : op.children) {
    if (PlanContainsOuterRef(*c)) return true;
  }
  return false;
}

// Replaces outer reference i by a copy of outer[i] (an expression over the outer query's columns).
BoundExprPtr Substitute(BoundExprPtr e, const std::vector<BoundExprPtr>& outer) {
  if (e->kind == BoundExprKind::kOuterRef) return outer[e->param]->Copy();
  for (auto& c : e->children) c = Substitute(std::move(c), outer);
  return e;
}

// Moves the conjuncts of the filters at the top of `plan` that use outer references into
// `conditions` (rewritten over the outer columns). Returns the remaining plan.
LogicalOperatorPtr ExtractCorrelated(LogicalOperatorPtr plan, const std::vector<BoundExprPtr>& outer,
                                     std::vector<BoundExprPtr>* conditions) {
  if (plan->type != LogicalOpType::kFilter) return plan;
  auto& filter = static_cast<LogicalFilter&>(*plan);
  std::vector<BoundExprPtr> parts, kept;
  for (auto& e : filter.expressions) SplitConjunction(std::move(e), &parts);
  for (auto& p : parts) {
    if (ContainsOuterRef(*p)) {
      conditions->push_back(Substitute(std::move(p), outer));
    } else {
      kept.push_back(std::move(p));
    }
  }
  LogicalOperatorPtr child = ExtractCorrelated(std::move(plan->children[0]), outer, conditions);
  if (kept.empty()) return child;
  filter.expressions = std::move(kept);
  plan->children[0] = std::move(child);
  return plan;
}

bool ContainsSubquery(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kSubquery) return true;
  for (const auto& c : e.children) {
    if (ContainsSubquery(*c)) return true;
  }
  return false;
}

// Replaces references to a projection's outputs by the projected expressions.
BoundExprPtr Inline(BoundExprPtr e, const LogicalProjection& proj) {
  if (e->kind == BoundExprKind::kColumnRef && e->binding.table == proj.table_index) {
    return proj.expressions[e->binding.column]->Copy();
  }
  for (auto& c : e->children) c = Inline(std::move(c), proj);
  return e;
}

// The "=" operator for two values of type t.
const ScalarFunction* EqualsFor(const LogicalType& t) {
  const auto* candidates = FunctionRegistry::Instance().Find("=");
  if (!candidates) return nullptr;
  for (const auto& f : *candidates) {
    if (f.arg_types.size() == 2 && f.arg_types[0].id == t.id && f.arg_types[1].id == t.id) return &f;
  }
  return nullptr;
}

// Tries to turn one WHERE conjunct into a semi/anti join over `input`; returns the join or null.
LogicalOperatorPtr TryDecorrelate(BoundExprPtr& conjunct, LogicalOperatorPtr& input) {
  bool negated = false;
  BoundExpr* e = conjunct.get();
  if (e->kind == BoundExprKind::kNot) {
    negated = true;
    e = e->children[0].get();
  }
  if (e->kind != BoundExprKind::kSubquery || !e->subquery || !e->subquery->logical || e->subquery->physical) return nullptr;
  if (e->subquery.use_count() != 1) return nullptr;  // shared with a copy of the expression
  bool exists = e->subquery_type == 1;
  bool in = e->subquery_type == 2 && e->name == "=" && !negated;
  if (!exists && !in) return nullptr;
  if (e->outer_count == 0) return nullptr;  // uncorrelated: runs once anyway

  // Check the shape first: projections, then filters, then a subtree free of outer references.
  LogicalOperator* node = e->subquery->logical.get();
  std::vector<const LogicalProjection*> projections;
  while (node->type == LogicalOpType::kProjection) {
    const auto& proj = static_cast<const LogicalProjection&>(*node);
    if (in) {
      for (const auto& x : proj.expressions) {
        if (ContainsOuterRef(*x) || ContainsSubquery(*x)) return nullptr;
      }
    }
    projections.push_back(&proj);
    node = node->children[0].get();
  }
  if (in && (projections.empty() || projections.front()->expressions.size() != 1)) return nullptr;
  bool correlated = false;
  while (node->type == LogicalOpType::kFilter) {
    for (const auto& x : static_cast<const LogicalFilter&>(*node).expressions) {
      if (!ContainsOuterRef(*x)) continue;
      if (ContainsSubquery(*x)) return nullptr;
      correlated = true;
    }
    node = node->children[0].get();
  }
  if (!correlated || PlanContainsOuterRef(*node)) return nullptr;
  const ScalarFunction* eq = nullptr;
  BoundExprPtr probe;
  if (in) {
    probe = MakeColumnRef(projections.front()->GetColumnBindings()[0], projections.front()->expressions[0]->type, "");
    for (const auto* proj : projections) probe = Inline(std::move(probe), *proj);
    eq = EqualsFor(probe->type);
    if (!eq || probe->type != e->children.back()->type) return nullptr;
  }

  std::vector<BoundExprPtr> outer;
  for (uint32_t i = 0; i < e->outer_count; i++) outer.push_back(e->children[i]->Copy());
  LogicalOperatorPtr sub = std::move(e->subquery->logical);
  while (sub->type == LogicalOpType::kProjection) sub = std::move(sub->children[0]);
  std::vector<BoundExprPtr> conditions;
  sub = ExtractCorrelated(std::move(sub), outer, &conditions);
  if (in) {
    std::vector<BoundExprPtr> args;
    args.push_back(e->children.back()->Copy());
    args.push_back(std::move(probe));
    conditions.push_back(MakeFunction(eq, std::move(args), LogicalType(TypeId::kBool)));
  }
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = negated ? JoinType::kAnti : JoinType::kSemi;
  join->conditions = std::move(conditions);
  join->children.push_back(std::move(input));
  join->children.push_back(std::move(sub));
  return join;
}

LogicalOperatorPtr Decorrelate(LogicalOperatorPtr op) {
  for (auto& c : op->children) c = Decorrelate(std::move(c));
  if (op->type != LogicalOpType::kFilter) return op;
  auto& filter = static_cast<LogicalFilter&>(*op);
  std::vector<BoundExprPtr> parts, kept;
  for (auto& e : filter.expressions) SplitConjunction(std::move(e), &parts);
  LogicalOperatorPtr input = std::move(op->children[0]);
  for (auto& p : parts) {
    if (auto join = TryDecorrelate(p, input)) {
      input = std::move(join);
    } else {
      kept.push_back(std::move(p));
    }
  }
  if (kept.empty()) return input;
  filter.expressions = std::move(kept);
  op->children[0] = std::move(input);
  return op;
}

}  // namespace

LogicalOperatorPtr DecorrelateSubqueries(LogicalOperatorPtr plan) { return Decorrelate(std::move(plan)); }

}  // namespace kanto
