// Column pruning: a table scan reads only the columns the rest of the plan refers to. Operators
// whose output needs every input column (the query result, DISTINCT, set operations, recursive
// CTEs, INSERT/UPDATE/DELETE) keep their tables whole; elsewhere a column survives when some
// expression in the plan references it (its binding is table index + table column position, so
// pruning changes no binding).
#include <set>

#include "common/stack_depth.hpp"
#include "optimizer/optimizer.hpp"

namespace kanto {

namespace {

void CollectRefs(const BoundExpr& e, std::set<std::pair<uint32_t, uint32_t>>* used) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumnRef) used->insert({e.binding.table, e.binding.column});
  for (const auto& c : e.children) CollectRefs(*c, used);
  if (e.filter) CollectRefs(*e.filter, used);
}

void Walk(LogicalOperator& op, bool need_all, std::set<std::pair<uint32_t, uint32_t>>* used,
          std::vector<LogicalGet*>* gets) {
  CheckStackDepth();
  ForEachExpression(op, [&](BoundExprPtr& e) { CollectRefs(*e, used); });
  bool children_need_all = need_all;
  switch (op.type) {
    case LogicalOpType::kGet: {
      auto& get = static_cast<LogicalGet&>(op);
      if (!need_all && !get.emit_row_key) gets->push_back(&get);
      break;
    }
    case LogicalOpType::kProjection:
    case LogicalOpType::kAggregate:
      children_need_all = false;
      break;
    case LogicalOpType::kDistinct:
    case LogicalOpType::kSetOperation:
    case LogicalOpType::kRecursiveCte:
    case LogicalOpType::kInsert:
    case LogicalOpType::kUpdate:
    case LogicalOpType::kDelete:
    case LogicalOpType::kMerge:
    case LogicalOpType::kCteScan:
      children_need_all = true;
      break;
    default:  // filters, joins, order, limit, windows pass their inputs' columns through
      break;
  }
  for (auto& c : op.children) Walk(*c, children_need_all, used, gets);
}

}  // namespace

void PruneColumns(LogicalOperator& plan) {
  std::set<std::pair<uint32_t, uint32_t>> used;
  std::vector<LogicalGet*> gets;
  Walk(plan, /*need_all=*/true, &used, &gets);
  for (LogicalGet* get : gets) {
    std::vector<uint32_t> keep;
    for (uint32_t c : get->column_ids) {
      if (used.count({get->table_index, c})) keep.push_back(c);
    }
    if (keep.empty() && !get->column_ids.empty()) keep.push_back(get->column_ids[0]);  // rows still count
    get->column_ids = std::move(keep);
  }
}

}  // namespace kanto
