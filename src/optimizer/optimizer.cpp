#include "optimizer/optimizer.hpp"

#include <algorithm>

#include "common/stack_depth.hpp"

namespace kanto {

void SplitConjunction(BoundExprPtr expr, std::vector<BoundExprPtr>* out) {
  CheckStackDepth();
  if (expr->kind == BoundExprKind::kAnd) {
    for (auto& c : expr->children) SplitConjunction(std::move(c), out);
    return;
  }
  out->push_back(std::move(expr));
}

void CollectTables(const BoundExpr& expr, std::vector<uint32_t>* tables) {
  CheckStackDepth();
  if (expr.kind == BoundExprKind::kColumnRef) {
    if (std::find(tables->begin(), tables->end(), expr.binding.table) == tables->end()) {
      tables->push_back(expr.binding.table);
    }
  }
  for (const auto& c : expr.children) CollectTables(*c, tables);
  if (expr.filter) CollectTables(*expr.filter, tables);
}

namespace {
// Subquery plans inside expressions are optimized on their own.
void OptimizeSubqueries(BoundExpr& e, const Statistics* stats) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kSubquery && e.subquery && e.subquery->logical && !e.subquery->physical) {
    e.subquery->logical = Optimize(std::move(e.subquery->logical), stats);
  }
  for (auto& c : e.children) OptimizeSubqueries(*c, stats);
  if (e.filter) OptimizeSubqueries(*e.filter, stats);
}

void OptimizeSubqueriesIn(LogicalOperator& op, const Statistics* stats) {
  CheckStackDepth();
  ForEachExpression(op, [stats](BoundExprPtr& e) { OptimizeSubqueries(*e, stats); });
  for (auto& c : op.children) OptimizeSubqueriesIn(*c, stats);
}
}  // namespace

LogicalOperatorPtr Optimize(LogicalOperatorPtr plan, const Statistics* stats) {
  plan = DecorrelateSubqueries(std::move(plan));
  plan = PushDownFilters(std::move(plan));
  EstimateCardinality(*plan, stats);
  plan = ReorderJoins(std::move(plan));
  SelectIndexes(*plan);
  EstimateCardinality(*plan, stats);
  OptimizeSubqueriesIn(*plan, stats);
  PruneColumns(*plan);
  return plan;
}

}  // namespace kanto
