// Decorrelation, so that subqueries run once instead of once per outer row:
// - a WHERE conjunct `[NOT] EXISTS (subquery)` or `x IN (subquery)` whose subquery refers to the
//   outer row only in its WHERE clause becomes a semi (anti) join; the outer references in the
//   subquery's WHERE become join conditions over the outer columns;
// - a scalar subquery `(SELECT f(agg(...)) FROM ... WHERE inner = outer AND ...)` (an aggregate
//   without GROUP BY, correlated only by equalities) in a WHERE clause or SELECT list becomes a
//   LEFT JOIN with the aggregate grouped by the inner sides of those equalities. Aggregates that
//   give a value on no rows (count) stay per-row, as a LEFT JOIN would turn their 0 into NULL.
#include <functional>

#include "common/stack_depth.hpp"
#include "function/aggregate.hpp"
#include "function/function.hpp"
#include "optimizer/optimizer.hpp"

namespace kanto {

bool ContainsOuterRef(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kOuterRef) return true;
  for (const auto& c : e.children) {
    if (ContainsOuterRef(*c)) return true;
  }
  return e.filter && ContainsOuterRef(*e.filter);
}

namespace {

bool PlanContainsOuterRef(LogicalOperator& op) {
  CheckStackDepth();
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
  CheckStackDepth();
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
  CheckStackDepth();
  if (e.kind == BoundExprKind::kSubquery) return true;
  for (const auto& c : e.children) {
    if (ContainsSubquery(*c)) return true;
  }
  return false;
}

// Replaces references to a projection's outputs by the projected expressions.
BoundExprPtr Inline(BoundExprPtr e, const LogicalProjection& proj) {
  CheckStackDepth();
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

LogicalOperatorPtr Decorrelate(LogicalOperatorPtr op);

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
  join->children.push_back(Decorrelate(std::move(sub)));
  return join;
}

// `inner = outer` with one side made only of outer references (and constants), the other free of
// them: sets *inner_side to 0 or 1. False for any other correlated conjunct.
bool CorrelatedEquality(const BoundExpr& e, int* inner_side) {
  if (e.kind != BoundExprKind::kFunction || !e.function || e.function->name != "=" || e.children.size() != 2) return false;
  auto only_outer = [](const BoundExpr& x) {
    bool ok = ContainsOuterRef(x);
    std::function<void(const BoundExpr&)> walk = [&](const BoundExpr& n) {
      if (n.kind == BoundExprKind::kColumnRef || n.kind == BoundExprKind::kSubquery || n.kind == BoundExprKind::kAggregate) ok = false;
      for (const auto& c : n.children) walk(*c);
    };
    walk(x);
    return ok;
  };
  for (int side = 0; side < 2; side++) {
    if (!ContainsOuterRef(*e.children[side]) && only_outer(*e.children[1 - side])) {
      *inner_side = side;
      return e.children[0]->type == e.children[1]->type && EqualsFor(e.children[0]->type) != nullptr;
    }
  }
  return false;
}

// The scalar subquery's plan, if it has the shape this rewrite handles: projections, then an
// aggregate without groups (no count), then filters whose correlated conjuncts are equalities,
// then a subtree free of outer references.
LogicalAggregate* ScalarAggregateShape(LogicalOperator& plan, std::vector<LogicalProjection*>* projections) {
  LogicalOperator* node = &plan;
  while (node->type == LogicalOpType::kProjection) {
    auto* proj = static_cast<LogicalProjection*>(node);
    for (const auto& x : proj->expressions) {
      if (ContainsOuterRef(*x) || ContainsSubquery(*x)) return nullptr;
    }
    projections->push_back(proj);
    node = node->children[0].get();
  }
  if (node->type != LogicalOpType::kAggregate) return nullptr;
  auto* agg = static_cast<LogicalAggregate*>(node);
  if (!agg->groups.empty() || !agg->grouping_sets.empty()) return nullptr;
  for (const auto& a : agg->aggregates) {
    if (!a->aggregate || a->aggregate->name == "count" || ContainsOuterRef(*a) || ContainsSubquery(*a)) return nullptr;
  }
  node = node->children[0].get();
  bool correlated = false;
  while (node->type == LogicalOpType::kFilter) {
    for (const auto& x : static_cast<const LogicalFilter&>(*node).expressions) {
      std::vector<const BoundExpr*> parts;
      std::function<void(const BoundExpr&)> split = [&](const BoundExpr& c) {
        if (c.kind == BoundExprKind::kAnd) {
          for (const auto& k : c.children) split(*k);
        } else {
          parts.push_back(&c);
        }
      };
      split(*x);
      for (const BoundExpr* p : parts) {
        if (!ContainsOuterRef(*p)) continue;
        int side;
        if (ContainsSubquery(*p) || !CorrelatedEquality(*p, &side)) return nullptr;
        correlated = true;
      }
    }
    node = node->children[0].get();
  }
  if (!correlated || PlanContainsOuterRef(*node)) return nullptr;
  return agg;
}

// Rewrites correlated scalar subqueries inside `e` (see the file comment): each becomes a column of
// a LEFT JOIN added on top of `input`.
BoundExprPtr RewriteScalarSubquery(BoundExprPtr e, LogicalOperatorPtr& input);

BoundExprPtr DecorrelateScalar(BoundExprPtr e, LogicalOperatorPtr& input) {
  CheckStackDepth();
  for (auto& c : e->children) c = DecorrelateScalar(std::move(c), input);
  return RewriteScalarSubquery(std::move(e), input);
}

// One node of DecorrelateScalar, apart so that the recursion's frames stay small.
__attribute__((noinline)) BoundExprPtr RewriteScalarSubquery(BoundExprPtr e, LogicalOperatorPtr& input) {
  if (e->kind != BoundExprKind::kSubquery || e->subquery_type != 0 || e->outer_count == 0 || !e->subquery ||
      !e->subquery->logical || e->subquery->physical || e->subquery.use_count() != 1) {
    return e;
  }
  std::vector<LogicalProjection*> projections;
  LogicalAggregate* agg = ScalarAggregateShape(*e->subquery->logical, &projections);
  if (!agg) return e;
  std::vector<BoundExprPtr> outer;
  for (uint32_t i = 0; i < e->outer_count; i++) outer.push_back(e->children[i]->Copy());
  // Correlated equalities leave the filters: inner sides become the aggregate's groups, the outer
  // sides (over the outer columns) the join keys.
  std::vector<BoundExprPtr> inner_keys, outer_keys;
  std::function<LogicalOperatorPtr(LogicalOperatorPtr)> extract = [&](LogicalOperatorPtr plan) -> LogicalOperatorPtr {
    if (plan->type != LogicalOpType::kFilter) return plan;
    auto& filter = static_cast<LogicalFilter&>(*plan);
    std::vector<BoundExprPtr> parts, kept;
    for (auto& x : filter.expressions) SplitConjunction(std::move(x), &parts);
    for (auto& p : parts) {
      int side;
      if (ContainsOuterRef(*p) && CorrelatedEquality(*p, &side)) {
        inner_keys.push_back(std::move(p->children[side]));
        outer_keys.push_back(Substitute(std::move(p->children[1 - side]), outer));
      } else {
        kept.push_back(std::move(p));
      }
    }
    LogicalOperatorPtr child = extract(std::move(plan->children[0]));
    if (kept.empty()) return child;
    filter.expressions = std::move(kept);
    plan->children[0] = std::move(child);
    return plan;
  };
  agg->children[0] = extract(std::move(agg->children[0]));
  std::vector<BoundExprPtr> keys;  // references to the keys at the top of the subquery plan
  for (size_t i = 0; i < inner_keys.size(); i++) {
    LogicalType t = inner_keys[i]->type;
    std::string name = inner_keys[i]->ToString();
    agg->groups.push_back(std::move(inner_keys[i]));
    keys.push_back(MakeColumnRef(ColumnBinding{agg->group_index, static_cast<uint32_t>(i)}, t, name));
  }
  // EXPLAIN names the subquery's value by its expression.
  std::string value_name = projections.empty() ? agg->aggregates[0]->ToString() : projections.front()->expressions[0]->ToString();
  for (auto it = projections.rbegin(); it != projections.rend(); ++it) {
    LogicalProjection* proj = *it;
    for (auto& k : keys) {
      LogicalType t = k->type;
      std::string name = k->name;
      proj->expressions.push_back(std::move(k));
      k = MakeColumnRef(ColumnBinding{proj->table_index, static_cast<uint32_t>(proj->expressions.size() - 1)}, t, name);
    }
  }
  LogicalOperatorPtr sub = std::move(e->subquery->logical);
  auto bindings = sub->GetColumnBindings();
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = JoinType::kLeft;
  for (size_t i = 0; i < keys.size(); i++) {
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(outer_keys[i]));
    args.push_back(std::move(keys[i]));
    const ScalarFunction* eq = EqualsFor(args[0]->type);
    join->conditions.push_back(MakeFunction(eq, std::move(args), LogicalType(TypeId::kBool)));
  }
  join->children.push_back(std::move(input));
  join->children.push_back(Decorrelate(std::move(sub)));
  input = std::move(join);
  return MakeColumnRef(bindings[0], e->type, value_name);
}

LogicalOperatorPtr Decorrelate(LogicalOperatorPtr op) {
  CheckStackDepth();
  for (auto& c : op->children) c = Decorrelate(std::move(c));
  if (op->type == LogicalOpType::kProjection && op->children.size() == 1) {
    auto& proj = static_cast<LogicalProjection&>(*op);
    LogicalOperatorPtr input = std::move(op->children[0]);
    for (auto& x : proj.expressions) x = DecorrelateScalar(std::move(x), input);
    op->children[0] = std::move(input);
    return op;
  }
  if (op->type != LogicalOpType::kFilter) return op;
  auto& filter = static_cast<LogicalFilter&>(*op);
  std::vector<BoundExprPtr> parts, kept;
  for (auto& e : filter.expressions) SplitConjunction(std::move(e), &parts);
  LogicalOperatorPtr input = std::move(op->children[0]);
  for (auto& p : parts) {
    if (auto join = TryDecorrelate(p, input)) {
      input = std::move(join);
    } else {
      kept.push_back(DecorrelateScalar(std::move(p), input));
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
