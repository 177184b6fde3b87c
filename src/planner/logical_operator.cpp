#include "planner/logical_operator.hpp"

#include "common/stack_depth.hpp"

namespace kanto {

std::vector<ColumnBinding> LogicalGet::GetColumnBindings() const {
  CheckStackDepth();
  std::vector<ColumnBinding> out;
  for (uint32_t c : column_ids) out.push_back({table_index, c});
  if (emit_row_key) out.push_back({table_index, static_cast<uint32_t>(table->columns.size())});
  return out;
}

std::vector<LogicalType> LogicalGet::GetTypes() const {
  CheckStackDepth();
  std::vector<LogicalType> out;
  for (uint32_t c : column_ids) out.push_back(table->columns[c].type);
  if (emit_row_key) out.push_back(LogicalType(TypeId::kBytea));
  return out;
}

std::vector<ColumnBinding> LogicalProjection::GetColumnBindings() const {
  CheckStackDepth();
  std::vector<ColumnBinding> out;
  for (uint32_t i = 0; i < expressions.size(); i++) out.push_back({table_index, i});
  return out;
}

std::vector<LogicalType> LogicalProjection::GetTypes() const {
  CheckStackDepth();
  std::vector<LogicalType> out;
  for (const auto& e : expressions) out.push_back(e->type);
  return out;
}

std::vector<ColumnBinding> LogicalAggregate::GetColumnBindings() const {
  CheckStackDepth();
  std::vector<ColumnBinding> out;
  for (uint32_t i = 0; i < groups.size(); i++) out.push_back({group_index, i});
  for (uint32_t i = 0; i < aggregates.size(); i++) out.push_back({aggregate_index, i});
  return out;
}

std::vector<LogicalType> LogicalAggregate::GetTypes() const {
  CheckStackDepth();
  std::vector<LogicalType> out;
  for (const auto& e : groups) out.push_back(e->type);
  for (const auto& e : aggregates) out.push_back(e->type);
  return out;
}

std::vector<ColumnBinding> LogicalWindow::GetColumnBindings() const {
  CheckStackDepth();
  auto out = children[0]->GetColumnBindings();
  for (uint32_t i = 0; i < windows.size(); i++) out.push_back({window_index, i});
  return out;
}

std::vector<LogicalType> LogicalWindow::GetTypes() const {
  CheckStackDepth();
  auto out = children[0]->GetTypes();
  for (const auto& e : windows) out.push_back(e->type);
  return out;
}

std::vector<ColumnBinding> LogicalJoin::GetColumnBindings() const {
  CheckStackDepth();
  auto out = children[0]->GetColumnBindings();
  if (join_type == JoinType::kSemi || join_type == JoinType::kAnti) return out;
  auto right = children[1]->GetColumnBindings();
  out.insert(out.end(), right.begin(), right.end());
  return out;
}

std::vector<LogicalType> LogicalJoin::GetTypes() const {
  CheckStackDepth();
  auto out = children[0]->GetTypes();
  if (join_type == JoinType::kSemi || join_type == JoinType::kAnti) return out;
  auto right = children[1]->GetTypes();
  out.insert(out.end(), right.begin(), right.end());
  return out;
}

std::vector<ColumnBinding> LogicalValues::GetColumnBindings() const {
  CheckStackDepth();
  std::vector<ColumnBinding> out;
  for (uint32_t i = 0; i < types.size(); i++) out.push_back({table_index, i});
  return out;
}

std::vector<ColumnBinding> LogicalModify::GetColumnBindings() const {
  CheckStackDepth();
  std::vector<ColumnBinding> out;
  for (uint32_t i = 0; i < returning.size(); i++) out.push_back({output_index, i});
  return out;
}

std::vector<LogicalType> LogicalModify::GetTypes() const {
  CheckStackDepth();
  std::vector<LogicalType> out;
  for (const auto& e : returning) out.push_back(e->type);
  return out;
}

void ForEachExpression(LogicalOperator& op, const std::function<void(BoundExprPtr&)>& fn) {
  auto each = [&](std::vector<BoundExprPtr>& v) {
    for (auto& e : v) {
      if (e) fn(e);
    }
  };
  switch (op.type) {
    case LogicalOpType::kGet: {
      auto& g = static_cast<LogicalGet&>(op);
      each(g.filters);
      each(g.index_eq);
      if (g.index_lower) fn(g.index_lower);
      if (g.index_upper) fn(g.index_upper);
      if (g.sample) {
        fn(g.sample->fraction);
        if (g.sample->seed) fn(g.sample->seed);
      }
      break;
    }
    case LogicalOpType::kFilter: each(static_cast<LogicalFilter&>(op).expressions); break;
    case LogicalOpType::kProjection: each(static_cast<LogicalProjection&>(op).expressions); break;
    case LogicalOpType::kAggregate:
      each(static_cast<LogicalAggregate&>(op).groups);
      each(static_cast<LogicalAggregate&>(op).aggregates);
      break;
    case LogicalOpType::kJoin:
      each(static_cast<LogicalJoin&>(op).conditions);
      each(static_cast<LogicalJoin&>(op).lateral_params);
      break;
    case LogicalOpType::kOrder:
      for (auto& k : static_cast<LogicalOrder&>(op).keys) fn(k.expr);
      break;
    case LogicalOpType::kLimit: {
      auto& l = static_cast<LogicalLimit&>(op);
      if (l.limit) fn(l.limit);
      if (l.offset) fn(l.offset);
      break;
    }
    case LogicalOpType::kValues:
      for (auto& row : static_cast<LogicalValues&>(op).rows) each(row);
      break;
    case LogicalOpType::kInsert:
    case LogicalOpType::kUpdate:
    case LogicalOpType::kDelete:
    case LogicalOpType::kMerge:
      each(static_cast<LogicalModify&>(op).set);
      each(static_cast<LogicalModify&>(op).returning);
      if (static_cast<LogicalModify&>(op).recheck) fn(static_cast<LogicalModify&>(op).recheck);
      each(static_cast<LogicalModify&>(op).conflict_set);
      if (static_cast<LogicalModify&>(op).conflict_where) fn(static_cast<LogicalModify&>(op).conflict_where);
      for (auto& action : static_cast<LogicalModify&>(op).merge_actions) {
        if (action.condition) fn(action.condition);
        each(action.values);
      }
      break;
    case LogicalOpType::kTableFunction: each(static_cast<LogicalTableFunction&>(op).args); break;
    case LogicalOpType::kLockRows:
      for (auto& t : static_cast<LogicalLockRows&>(op).targets) fn(t.key);
      break;
    case LogicalOpType::kWindow: each(static_cast<LogicalWindow&>(op).windows); break;
    case LogicalOpType::kDistinct:
    case LogicalOpType::kSetOperation:
    case LogicalOpType::kRecursiveCte:
    case LogicalOpType::kCteScan:
      break;
  }
}

std::string LogicalPlanToString(const LogicalOperator& op, int indent) {
  CheckStackDepth();
  static const char* kNames[] = {"Get", "Filter", "Projection", "Aggregate", "Join", "Order",
                                 "Limit", "Distinct", "Values", "Insert", "Update", "Delete", "SetOperation", "TableFunction", "Window", "RecursiveCte", "CteScan", "LockRows", "Merge"};
  std::string out(indent * 2, ' ');
  out += kNames[static_cast<int>(op.type)];
  if (op.type == LogicalOpType::kGet) out += " " + static_cast<const LogicalGet&>(op).table->name;
  out += "\n";
  for (const auto& c : op.children) out += LogicalPlanToString(*c, indent + 1);
  return out;
}

}  // namespace kanto
