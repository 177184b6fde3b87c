#include "optimizer/index_predicate.hpp"

#include "common/stack_depth.hpp"
#include "planner/binder.hpp"

namespace kanto {

namespace {
void Rebind(BoundExpr& e, uint32_t table_index) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumnRef) e.binding = ColumnBinding{table_index, e.index};
  for (auto& c : e.children) Rebind(*c, table_index);
}
}  // namespace

ScanIndexExpressions BindIndexOverScan(const LogicalGet& get, const IndexEntry& index) {
  ScanIndexExpressions out;
  BinderEnv env;
  Binder binder(env);
  for (const auto& e : index.expressions) {
    out.expressions.push_back(binder.BindRowExpression(*get.table, e, Binder::RowExpression::kIndexExpression));
    Rebind(*out.expressions.back(), get.table_index);
  }
  if (!index.predicate.empty()) {
    out.predicate = binder.BindRowExpression(*get.table, index.predicate, Binder::RowExpression::kIndexPredicate);
    Rebind(*out.predicate, get.table_index);
  }
  return out;
}

}  // namespace kanto
