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

LogicalOperatorPtr Optimize(LogicalOperatorPtr plan) {
  plan = PushDownFilters(std::move(plan));
  SelectIndexes(*plan);
  return plan;
}

}  // namespace kanto
