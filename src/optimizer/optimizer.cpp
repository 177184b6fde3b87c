#include "optimizer/optimizer.hpp"

#include <algorithm>

namespace kanto {

void SplitConjunction(BoundExprPtr expr, std::vector<BoundExprPtr>* out) {
  if (expr->kind == BoundExprKind::kAnd) {
    for (auto& c : expr->children) SplitConjunction(std::move(c), out);
    return;
  }
  out->push_back(std::move(expr));
}

void CollectTables(const BoundExpr& expr, std::vector<uint32_t>* tables) {
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
void OptimizeSubqueries(BoundExpr& e) {
  if (e.kind == BoundExprKind::kSubquery && e.subquery && e.subquery->logical && !e.subquery->physical) {
    e.subquery->logical = Optimize(std::move(e.subquery->logical));
  }
  for (auto& c : e.children) OptimizeSubqueries(*c);
  if (e.filter) OptimizeSubqueries(*e.filter);
}

void OptimizeSubqueriesIn(LogicalOperator& op) {
  ForEachExpression(op, [](BoundExprPtr& e) { OptimizeSubqueries(*e); });
  for (auto& c : op.children) OptimizeSubqueriesIn(*c);
}
}  // namespace

LogicalOperatorPtr Optimize(LogicalOperatorPtr plan) {
  plan = PushDownFilters(std::move(plan));
  SelectIndexes(*plan);
  OptimizeSubqueriesIn(*plan);
  return plan;
}

}  // namespace kanto
