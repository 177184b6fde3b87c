#include "planner/modify_target.hpp"

#include "planner/binder.hpp"
#include "planner/expr_binder.hpp"

namespace kanto {

namespace {
std::shared_ptr<const TableEntry> Borrow(const TableEntry* t) {
  return std::shared_ptr<const TableEntry>(std::shared_ptr<const TableEntry>{}, t);
}
}  // namespace

BindingEntry TableRowBinding(const TableEntry& table, const std::string& alias, uint32_t table_index,
                             std::shared_ptr<bool> reads) {
  BindingEntry entry;
  entry.reads = std::move(reads);
  entry.alias = alias.empty() ? table.name : alias;
  entry.relation = table.name;
  entry.table_index = table_index;
  for (const auto& c : table.columns) {
    entry.names.push_back(c.name);
    entry.types.push_back(c.type);
  }
  return entry;
}

LogicalOperatorPtr TargetScan(const TableEntry& table, uint32_t table_index, const std::string& alias,
                              BindContext& scope, std::shared_ptr<bool> reads) {
  auto get = std::make_unique<LogicalGet>();
  get->table_index = table_index;
  get->table = Borrow(&table);
  get->alias = alias.empty() ? table.name : alias;
  for (uint32_t i = 0; i < table.columns.size(); i++) get->column_ids.push_back(i);
  get->emit_row_key = true;
  scope.Add(TableRowBinding(table, alias, table_index, std::move(reads)));
  return get;
}

LogicalOperatorPtr JoinedTarget(Binder& binder, const TableEntry& table, LogicalOperatorPtr target,
                                LogicalOperatorPtr from, const ast::Expr* condition, TargetJoin how,
                                const BindContext& inner, uint32_t target_index, uint32_t index, BindContext* scope,
                                BoundExprPtr* recheck) {
  // (the names PostgreSQL's messages give the clause: "argument of WHERE must be type boolean",
  // "aggregate functions are not allowed in JOIN conditions")
  const char* clause = how == TargetJoin::kWhere ? "WHERE" : "JOIN/ON";
  const char* context = how == TargetJoin::kWhere ? "WHERE" : "JOIN conditions";
  auto join = std::make_unique<LogicalJoin>();
  LogicalOperatorPtr plan;
  if (how == TargetJoin::kLeftOn) {
    join->join_type = JoinType::kLeft;
    join->children.push_back(std::move(from));
    join->children.push_back(std::move(target));
    ExprBinder eb(binder, &inner, nullptr, context);
    join->conditions.push_back(eb.BindCondition(*condition, clause));
    plan = std::move(join);
  } else {
    join->join_type = JoinType::kInner;
    join->children.push_back(std::move(target));
    join->children.push_back(std::move(from));
    plan = std::move(join);
    if (condition) {
      ExprBinder eb(binder, &inner, nullptr, context);
      auto filter = std::make_unique<LogicalFilter>();
      filter->expressions.push_back(eb.BindCondition(*condition, clause));
      filter->children.push_back(std::move(plan));
      plan = std::move(filter);
    }
  }
  auto proj = std::make_unique<LogicalProjection>();
  proj->table_index = index;
  for (uint32_t c = 0; c < table.columns.size(); c++) {
    proj->expressions.push_back(MakeColumnRef({target_index, c}, table.columns[c].type, table.columns[c].name));
  }
  proj->expressions.push_back(
      MakeColumnRef({target_index, static_cast<uint32_t>(table.columns.size())}, LogicalType(TypeId::kBytea), ""));
  for (const BindingEntry& e : inner.entries()) {
    BindingEntry moved = e;
    if (e.table_index == target_index) {
      moved.table_index = index;
    } else {
      // Its columns are the projection's from position `first` on; the ones before have no name
      // (a reference cannot name them) and are hidden.
      size_t first = proj->expressions.size();
      moved.table_index = index;
      moved.names.assign(first, "");
      moved.types.assign(first, LogicalType(TypeId::kBool));
      moved.hidden.assign(first, true);
      moved.computed.clear();
      moved.key_columns.clear();
      for (size_t i = 0; i < e.names.size(); i++) {
        proj->expressions.push_back(e.Column(i, e.names[i]));
        moved.names.push_back(e.names[i]);
        moved.types.push_back(e.types[i]);
        moved.hidden.push_back(i < e.hidden.size() && e.hidden[i]);
      }
    }
    scope->Add(std::move(moved));
  }
  if (condition) *recheck = ExprBinder(binder, scope, nullptr, context).BindCondition(*condition, clause);
  proj->children.push_back(std::move(plan));
  return proj;
}

}  // namespace kanto
