// Binding of MERGE (PostgreSQL 15): the source joined to the target (LEFT JOIN when a WHEN NOT
// MATCHED clause needs the source rows that match none), and each WHEN clause's condition and
// action over the joined row. WHEN MATCHED clauses see the target and the source, WHEN NOT
// MATCHED clauses the source only.
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"
#include "planner/expr_binder.hpp"
#include "planner/modify_target.hpp"

namespace kanto {

namespace {
using Action = ast::MergeWhenClause::Action;
using MergeAction = LogicalModify::MergeAction;

MergeAction::Kind KindOf(Action a) {
  switch (a) {
    case Action::kUpdate: return MergeAction::Kind::kUpdate;
    case Action::kDelete: return MergeAction::Kind::kDelete;
    case Action::kInsert: return MergeAction::Kind::kInsert;
    case Action::kNothing: return MergeAction::Kind::kNothing;
  }
  return MergeAction::Kind::kNothing;
}

// 42601 for a clause after an unconditional one of its kind (matched or not), which no row can reach.
void CheckReachable(const std::vector<ast::MergeWhenClause>& clauses) {
  bool unconditional[2] = {false, false};
  for (const auto& c : clauses) {
    if (unconditional[c.matched]) {
      throw Error(sqlstate::kSyntaxError, "unreachable WHEN clause specified after unconditional WHEN clause");
    }
    if (!c.condition) unconditional[c.matched] = true;
  }
}

}  // namespace

BoundStatement Binder::BindMerge(const ast::MergeStmt& stmt) {
  const TableEntry* resolved = ResolveTable(stmt.table);
  if (resolved->is_view()) {
    throw At(Error(sqlstate::kFeatureNotSupported, "cannot execute MERGE on relation \"" + resolved->name + "\"")
                 .WithDetail("This operation is not supported for views."),
             stmt.table.location);
  }
  const TableEntry* table = ResolveTargetTable(stmt.table, "merge into");
  CheckReachable(stmt.clauses);
  bool not_matched = false;
  for (const auto& c : stmt.clauses) not_matched = not_matched || !c.matched;
  // As PostgreSQL: each action kind a WHEN clause names needs its privilege on the target, whether
  // or not a row reaches it (SELECT comes on top where the statement reads the target's columns).
  for (const auto& c : stmt.clauses) {
    uint32_t& required = env_.permissions[env_.target_permission].required;
    if (c.action == Action::kUpdate) required |= kAclUpdate;
    if (c.action == Action::kDelete) required |= kAclDelete;
    if (c.action == Action::kInsert) required |= kAclInsert;
  }

  std::string alias = stmt.alias.empty() ? table->name : stmt.alias;
  BindContext inner;
  LogicalOperatorPtr from = BindTableRef(*stmt.source, inner);  // (at the top level: nothing lateral)
  for (const BindingEntry& e : inner.entries()) {
    if (e.alias == alias) {
      throw Error("42712", "name \"" + alias + "\" specified more than once")
          .WithDetail("The name is used both as MERGE target table and data source.");
    }
  }
  uint32_t target_index = NewTableIndex();
  auto target = TargetScan(*table, target_index, stmt.alias, inner, env_.target_reads);
  uint32_t projection = NewTableIndex();
  BindContext scope;
  auto merge = std::make_unique<LogicalModify>(LogicalOpType::kMerge);
  LogicalOperatorPtr plan =
      JoinedTarget(*this, *table, std::move(target), std::move(from), stmt.condition.get(),
                   not_matched ? TargetJoin::kLeftOn : TargetJoin::kInnerOn, inner, target_index, projection, &scope,
                   &merge->recheck);
  // WHEN NOT MATCHED sees the source only: the target is there, but cannot be referenced.
  BindContext source_scope;
  for (const BindingEntry& e : scope.entries()) {
    BindingEntry entry = e;
    if (e.alias == alias) entry.unreachable = true;
    source_scope.Add(std::move(entry));
  }
  for (const auto& c : stmt.clauses) {
    const BindContext* visible = c.matched ? &scope : &source_scope;
    MergeAction action;
    action.matched = c.matched;
    action.kind = KindOf(c.action);
    if (c.condition) {
      ExprBinder eb(*this, visible, nullptr, "MERGE WHEN conditions");
      action.condition = eb.BindCondition(*c.condition, "WHEN");
    }
    if (c.action == Action::kUpdate) {
      ExprBinder eb(*this, visible, nullptr, "UPDATE");
      action.values = BindSetList(*table, c.set, eb);
    } else if (c.action == Action::kInsert) {
      ExprBinder eb(*this, visible, nullptr, "VALUES");
      std::vector<int> targets = InsertTargets(*table, c.columns, stmt.table.location);
      // Without a column list, VALUES may give fewer columns than the table has: the first ones.
      if (c.columns.empty() && !c.values.empty() && c.values.size() < targets.size()) targets.resize(c.values.size());
      action.values = BindInsertRow(*table, targets, c.values, c.overriding, eb, stmt.table.location);
    }
    merge->merge_actions.push_back(std::move(action));
  }
  return FinishModify(std::move(merge), *table, stmt.alias, {}, std::move(plan), BoundStatementKind::kMerge);
}

}  // namespace kanto
