// Binding of SELECT and VALUES: FROM, WHERE, GROUP BY/HAVING, select list, DISTINCT, ORDER BY, LIMIT.
#include <algorithm>
#include <functional>

#include "function/aggregate.hpp"
#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "parser/ast_to_string.hpp"
#include "planner/binder.hpp"
#include "planner/expr_binder.hpp"
#include "planner/project_set.hpp"
#include "planner/type_resolution.hpp"

namespace kanto {

namespace {

// True when the expression contains an aggregate call at this query level (syntactically).
bool ContainsAggregate(const ast::Expr* e);

bool ContainsAggregateList(const ast::ExprList& list) {
  for (const auto& e : list) {
    if (ContainsAggregate(e.get())) return true;
  }
  return false;
}

bool ContainsAggregate(const ast::Expr* e) {
  if (!e) return false;
  CheckStackDepth();
  switch (e->kind) {
    case ast::ExprKind::kFuncCall: {
      const auto& f = static_cast<const ast::FuncCall&>(*e);
      if (!f.over && !f.name.empty() &&
          (AggregateRegistry::Instance().Find(f.name.back()) || f.name.back() == "grouping" || f.within_group)) {
        return true;
      }
      if (f.over) {
        if (ContainsAggregateList(f.over->partition_by)) return true;
        for (const auto& o : f.over->order_by) {
          if (ContainsAggregate(o.expr.get())) return true;
        }
      }
      return ContainsAggregateList(f.args);
    }
    case ast::ExprKind::kOp: {
      // The left spine of a + b + c ... in a loop.
      const ast::Expr* node = e;
      while (node && node->kind == ast::ExprKind::kOp) {
        const auto& o = static_cast<const ast::OpExpr&>(*node);
        if (ContainsAggregate(o.right.get())) return true;
        node = o.left.get();
      }
      return ContainsAggregate(node);
    }
    case ast::ExprKind::kCast: return ContainsAggregate(static_cast<const ast::CastExpr&>(*e).arg.get());
    case ast::ExprKind::kCase: {
      const auto& c = static_cast<const ast::CaseExpr&>(*e);
      if (ContainsAggregate(c.arg.get()) || ContainsAggregate(c.else_result.get())) return true;
      for (const auto& w : c.whens) {
        if (ContainsAggregate(w.when.get()) || ContainsAggregate(w.then.get())) return true;
      }
      return false;
    }
    case ast::ExprKind::kBool: return ContainsAggregateList(static_cast<const ast::BoolExpr&>(*e).args);
    case ast::ExprKind::kNullTest: return ContainsAggregate(static_cast<const ast::NullTest&>(*e).arg.get());
    case ast::ExprKind::kBooleanTest: return ContainsAggregate(static_cast<const ast::BooleanTest&>(*e).arg.get());
    case ast::ExprKind::kInList: {
      const auto& i = static_cast<const ast::InList&>(*e);
      return ContainsAggregate(i.arg.get()) || ContainsAggregateList(i.list);
    }
    case ast::ExprKind::kBetween: {
      const auto& b = static_cast<const ast::Between&>(*e);
      return ContainsAggregate(b.arg.get()) || ContainsAggregate(b.low.get()) || ContainsAggregate(b.high.get());
    }
    case ast::ExprKind::kDistinctFrom: {
      const auto& d = static_cast<const ast::DistinctFrom&>(*e);
      return ContainsAggregate(d.left.get()) || ContainsAggregate(d.right.get());
    }
    case ast::ExprKind::kCoalesce: return ContainsAggregateList(static_cast<const ast::CoalesceExpr&>(*e).args);
    case ast::ExprKind::kMinMax: return ContainsAggregateList(static_cast<const ast::MinMaxExpr&>(*e).args);
    case ast::ExprKind::kNullIf: {
      const auto& n = static_cast<const ast::NullIfExpr&>(*e);
      return ContainsAggregate(n.left.get()) || ContainsAggregate(n.right.get());
    }
    case ast::ExprKind::kCollate: return ContainsAggregate(static_cast<const ast::CollateExpr&>(*e).arg.get());
    default: return false;
  }
}

// After aggregation only group expressions, aggregate results and window results are visible.
struct GroupedOutputs {
  const std::vector<BoundExprPtr>& groups;
  uint32_t group_index;
  uint32_t aggregate_index;
  uint32_t window_index;
  const SrfCollector* srfs;  // the values of set-returning calls run after grouping pass through
};

BoundExprPtr ReplaceGroups(BoundExprPtr e, const GroupedOutputs& out, int location) {
  CheckStackDepth();
  const auto& groups = out.groups;
  uint32_t group_index = out.group_index;
  for (size_t i = 0; i < groups.size(); i++) {
    if (groups[i]->Equals(*e)) {
      return MakeColumnRef({group_index, static_cast<uint32_t>(i)}, e->type, groups[i]->ToString());
    }
  }
  if (e->kind == BoundExprKind::kColumnRef) {
    if (e->binding.table == out.aggregate_index || e->binding.table == group_index ||
        e->binding.table == out.window_index) {
      return e;
    }
    for (const SrfCall& c : out.srfs->calls) {
      if (c.phase != SrfPhase::kBeforeGrouping && c.table_index == e->binding.table) return e;
    }
    throw At(Error(sqlstate::kGroupingError, "column \"" + e->name +
                                                 "\" must appear in the GROUP BY clause or be used in an aggregate function"),
             location);
  }
  for (auto& c : e->children) c = ReplaceGroups(std::move(c), out, location);
  if (e->filter) e->filter = ReplaceGroups(std::move(e->filter), out, location);
  return e;
}

struct SelectItem {
  BoundExprPtr expr;
  std::string name;
};

// GROUP BY a table's whole primary key: its other columns are functionally dependent on the
// groups, so they join them (each group has one value of them), as PostgreSQL allows.
void AddFunctionallyDependent(const BindContext& scope, std::vector<BoundExprPtr>* groups) {
  auto grouped = [&](uint32_t table_index, uint32_t column) {
    for (const auto& g : *groups) {
      if (g->kind == BoundExprKind::kColumnRef && g->binding.table == table_index && g->binding.column == column) {
        return true;
      }
    }
    return false;
  };
  for (const BindingEntry& entry : scope.entries()) {
    if (entry.key_columns.empty()) continue;
    bool whole_key = true;
    for (uint32_t c : entry.key_columns) whole_key = whole_key && grouped(entry.table_index, c);
    if (!whole_key) continue;
    for (uint32_t c = 0; c < entry.names.size(); c++) {
      if (!grouped(entry.table_index, c)) groups->push_back(entry.Column(c, entry.names[c]));
    }
  }
}

}  // namespace

BoundStatement Binder::BindSelectStatement(const ast::SelectStmt& stmt) {
  BoundStatement out;
  out.kind = BoundStatementKind::kSelect;
  out.plan = BindSelectNode(stmt, &out.names);
  out.locking = locking_;
  out.types = out.plan->GetTypes();
  // Result columns never stay "unknown": SELECT 'abc' is text.
  bool has_unknown = false;
  for (const auto& t : out.types) has_unknown |= t.id == TypeId::kUnknown;
  if (has_unknown) {
    auto proj = std::make_unique<LogicalProjection>();
    proj->table_index = NewTableIndex();
    auto bindings = out.plan->GetColumnBindings();
    for (size_t i = 0; i < bindings.size(); i++) {
      auto ref = MakeColumnRef(bindings[i], out.types[i], out.names[i]);
      proj->expressions.push_back(Coerce(std::move(ref), out.types[i].id == TypeId::kUnknown ? LogicalType(TypeId::kText) : out.types[i], CastContext::kImplicit));
    }
    proj->children.push_back(std::move(out.plan));
    out.plan = std::move(proj);
    out.types = out.plan->GetTypes();
  }
  return out;
}

LogicalOperatorPtr Binder::BindValuesNode(const ast::SelectStmt& stmt, std::vector<std::string>* names) {
  auto values = std::make_unique<LogicalValues>();
  values->table_index = NewTableIndex();
  size_t width = stmt.values[0].size();
  std::vector<std::vector<BoundExprPtr>> rows;
  ExprBinder eb(*this, nullptr, nullptr, "VALUES");
  for (const auto& row : stmt.values) {
    if (row.size() != width) {
      throw At(Error(sqlstate::kSyntaxError, "VALUES lists must all be the same length"),
               row.empty() ? -1 : row[0]->location);
    }
    std::vector<BoundExprPtr> bound;
    for (const auto& e : row) bound.push_back(eb.Bind(*e));
    rows.push_back(std::move(bound));
  }
  for (size_t c = 0; c < width; c++) {
    std::vector<LogicalType> types;
    for (const auto& r : rows) types.push_back(r[c]->type);
    LogicalType common = CommonType(types, "VALUES");
    if (common.id == TypeId::kUnknown) common = LogicalType(TypeId::kText);
    values->types.push_back(common);
    for (auto& r : rows) r[c] = Coerce(std::move(r[c]), common, CastContext::kImplicit);
    names->push_back("column" + std::to_string(c + 1));
  }
  values->rows = std::move(rows);
  values->estimated_rows = static_cast<double>(values->rows.size());
  return values;
}

LogicalOperatorPtr Binder::BindSelectNode(const ast::SelectStmt& stmt, std::vector<std::string>* names) {
  CheckStackDepth();
  if (stmt.with) {
    const CteScope* saved = ctes_;
    CteScope scope;
    EnterWith(stmt.with.get(), &scope);
    ast::SelectStmt::SetOp op = stmt.set_op;
    (void)op;
    LogicalOperatorPtr plan;
    try {
      plan = BindSelectBody(stmt, names);
    } catch (...) {
      ctes_ = saved;
      throw;
    }
    ctes_ = saved;
    return plan;
  }
  return BindSelectBody(stmt, names);
}

LogicalOperatorPtr Binder::BindSelectBody(const ast::SelectStmt& stmt, std::vector<std::string>* names) {
  if (!stmt.locking.empty()) {
    if (locking_.empty()) locking_ = "SELECT " + LockingClauseName(stmt);
    if (stmt.set_op != ast::SelectStmt::SetOp::kNone) {
      throw Error(sqlstate::kFeatureNotSupported, LockingClauseName(stmt) + " is not allowed with UNION/INTERSECT/EXCEPT");
    }
    if (!stmt.values.empty()) throw Error(sqlstate::kFeatureNotSupported, LockingClauseName(stmt) + " cannot be applied to VALUES");
  }
  if (stmt.set_op != ast::SelectStmt::SetOp::kNone) {
    auto plan = BindSetOperation(stmt, names);
    return AddOrderAndLimit(std::move(plan), stmt, *names);
  }
  if (!stmt.values.empty()) {
    auto plan = BindValuesNode(stmt, names);
    return AddOrderAndLimit(std::move(plan), stmt, *names);
  }

  BindContext scope;
  LogicalOperatorPtr plan;
  if (stmt.from.empty()) {
    auto one = std::make_unique<LogicalValues>();
    one->table_index = NewTableIndex();
    one->rows.emplace_back();
    one->estimated_rows = 1;
    plan = std::move(one);
  } else {
    plan = BindFrom(stmt.from, scope);
  }
  std::vector<LockTarget> locks;
  if (!stmt.locking.empty()) locks = BindLocking(stmt, *plan, scope);

  if (stmt.where) {
    ExprBinder eb(*this, &scope, nullptr, "WHERE");
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions.push_back(eb.BindCondition(*stmt.where, "WHERE"));
    filter->children.push_back(std::move(plan));
    plan = std::move(filter);
  }

  bool aggregated = !stmt.group_by.empty() || stmt.having != nullptr;
  for (const auto& t : stmt.targets) aggregated = aggregated || ContainsAggregate(t.expr.get());
  for (const auto& o : stmt.order_by) aggregated = aggregated || ContainsAggregate(o.expr.get());
  // Set-returning calls: GROUP BY's run before grouping, the others after grouping and window
  // functions (project_set.hpp).
  SrfCollector srfs;
  for (const auto& t : stmt.targets) CheckSrfPlacement(t.expr.get());
  for (const auto& o : stmt.order_by) CheckSrfPlacement(o.expr.get());
  for (const auto& g : stmt.group_by) CheckSrfPlacement(g.get());

  AggregateCollector collector;
  collector.aggregate_index = NewTableIndex();
  uint32_t group_index = NewTableIndex();
  std::vector<BoundExprPtr> groups;
  WindowCollector windows;
  windows.window_index = NewTableIndex();
  windows.named = &stmt.windows;
  GroupedOutputs grouped{groups, group_index, collector.aggregate_index, windows.window_index, &srfs};

  // GROUP BY: ordinals and output names refer to the select list; otherwise input columns.
  std::vector<std::vector<uint32_t>> grouping_sets;
  if (!stmt.group_by.empty()) {
    ExprBinder eb(*this, &scope, nullptr, "GROUP BY");
    srfs.phase = SrfPhase::kBeforeGrouping;
    eb.SetSrfs(&srfs);
    std::function<uint32_t(const ast::Expr&)> bind_group = [&](const ast::Expr& g) -> uint32_t {
      const ast::Expr* target = &g;
      if (g.kind == ast::ExprKind::kConstant) {
        const auto& c = static_cast<const ast::Constant&>(g);
        if (c.type == ast::Constant::Type::kInteger) {
          if (c.ival < 1 || c.ival > static_cast<int64_t>(stmt.targets.size())) {
            throw At(Error(sqlstate::kInvalidColumnReference,
                           "GROUP BY position " + std::to_string(c.ival) + " is not in select list"),
                     c.location);
          }
          target = stmt.targets[c.ival - 1].expr.get();
        }
      } else if (g.kind == ast::ExprKind::kColumnRef) {
        const auto& c = static_cast<const ast::ColumnRef&>(g);
        if (c.names.size() == 1 && !scope.Resolve(c.names, c.location, false)) {
          for (const auto& t : stmt.targets) {
            if (t.alias == c.names[0]) {
              target = t.expr.get();
              break;
            }
          }
        }
      }
      auto bound = eb.Bind(*target);
      for (size_t i = 0; i < groups.size(); i++) {
        if (groups[i]->Equals(*bound)) return static_cast<uint32_t>(i);
      }
      groups.push_back(std::move(bound));
      return static_cast<uint32_t>(groups.size() - 1);
    };
    bool has_sets = false;
    for (const auto& g : stmt.group_by) has_sets = has_sets || g->kind == ast::ExprKind::kGroupingSet;
    if (has_sets) {
      grouping_sets = ExpandGroupingSets(stmt.group_by, bind_group);
    } else {
      for (const auto& g : stmt.group_by) bind_group(*g);
      AddFunctionallyDependent(scope, &groups);
    }
    srfs.phase = SrfPhase::kAfterWindow;
    plan = AddProjectSet(std::move(plan), srfs, SrfPhase::kBeforeGrouping);
  }

  auto bind_item = [&](const ast::Expr& e, const char* clause) -> BoundExprPtr {
    if (!aggregated) {
      ExprBinder eb(*this, &scope, nullptr, clause);
      eb.SetWindows(&windows);
      eb.SetSrfs(&srfs);
      return eb.Bind(e);
    }
    ExprBinder eb(*this, &scope, &collector, clause);
    eb.SetWindows(&windows);
    eb.SetSrfs(&srfs);
    return ReplaceGroups(eb.Bind(e), grouped, e.location);
  };

  // Select list, with * expanded.
  std::vector<SelectItem> items;
  srfs.share_volatile = false;
  for (const auto& t : stmt.targets) {
    if (t.expr->kind == ast::ExprKind::kColumnRef && static_cast<const ast::ColumnRef&>(*t.expr).star) {
      const auto& c = static_cast<const ast::ColumnRef&>(*t.expr);
      std::string qualifier = c.names.empty() ? "" : c.names.back();
      for (auto& ref : scope.ExpandStar(qualifier, c.location)) {
        std::string name = ref->alias;
        BoundExprPtr e = std::move(ref);
        if (aggregated) e = ReplaceGroups(std::move(e), grouped, c.location);
        items.push_back({std::move(e), name});
      }
      continue;
    }
    if (t.expr->kind == ast::ExprKind::kFieldSelect && static_cast<const ast::FieldSelect&>(*t.expr).star) {
      // (x).*: one column per field of the record x.
      const auto& f = static_cast<const ast::FieldSelect&>(*t.expr);
      for (auto& [name, e] : ExprBinder::ExpandFields(bind_item(*f.arg, "SELECT"), f.location)) {
        items.push_back({std::move(e), name});
      }
      continue;
    }
    SelectItem item;
    item.expr = bind_item(*t.expr, "SELECT");
    item.name = !t.alias.empty() ? t.alias : ast::FigureColumnName(*t.expr);
    items.push_back(std::move(item));
  }
  srfs.share_volatile = true;

  BoundExprPtr having;
  if (stmt.having) {
    ExprBinder eb(*this, &scope, &collector, "HAVING");
    auto h = ReplaceGroups(eb.Bind(*stmt.having), grouped, stmt.having->location);
    if (h->type.id != TypeId::kBool) {
      throw At(Error(sqlstate::kDatatypeMismatch, "argument of HAVING must be type boolean, not type " + h->type.ToString()),
               stmt.having->location);
    }
    having = std::move(h);
  }

  // ORDER BY: ordinals and output names first, then expressions over the input.
  struct OrderRef {
    size_t column;
    bool desc;
    bool nulls_first;
  };
  std::vector<OrderRef> order_refs;
  size_t visible = items.size();
  const bool plain_distinct = stmt.distinct && stmt.distinct_on.empty();
  // ORDER BY and DISTINCT ON items: an ordinal or output name refers to the select list; otherwise
  // an expression over the input, added as a hidden column when not in the list already.
  auto output_column = [&](const ast::Expr& e, const char* clause) -> size_t {
    int column = -1;
    if (e.kind == ast::ExprKind::kConstant) {
      const auto& c = static_cast<const ast::Constant&>(e);
      if (c.type == ast::Constant::Type::kInteger) {
        if (c.ival < 1 || c.ival > static_cast<int64_t>(visible)) {
          throw At(Error(sqlstate::kInvalidColumnReference, std::string(clause) + " position " + std::to_string(c.ival) +
                                                                " is not in select list"),
                   c.location);
        }
        return static_cast<size_t>(c.ival - 1);
      }
    } else if (e.kind == ast::ExprKind::kColumnRef) {
      const auto& c = static_cast<const ast::ColumnRef&>(e);
      if (c.names.size() == 1 && !c.star) {
        for (size_t i = 0; i < visible; i++) {
          if (items[i].name != c.names[0]) continue;
          if (column >= 0 && !items[column].expr->Equals(*items[i].expr)) {
            throw At(Error(sqlstate::kAmbiguousColumn, std::string(clause) + " \"" + c.names[0] + "\" is ambiguous"),
                     c.location);
          }
          if (column < 0) column = static_cast<int>(i);
        }
      }
    }
    if (column >= 0) return static_cast<size_t>(column);
    auto bound = bind_item(e, clause);
    for (size_t i = 0; i < items.size(); i++) {
      if (items[i].expr->Equals(*bound)) return i;
    }
    if (plain_distinct) {
      throw At(Error(sqlstate::kInvalidColumnReference,
                     "for SELECT DISTINCT, ORDER BY expressions must appear in select list"),
               e.location);
    }
    items.push_back({std::move(bound), "?order?"});
    return items.size() - 1;
  };
  for (const auto& o : stmt.order_by) {
    if (o.dir == ast::OrderByItem::Dir::kUsing) {
      throw At(Error(sqlstate::kFeatureNotSupported, "ORDER BY USING is not supported"), o.location);
    }
    bool desc = o.dir == ast::OrderByItem::Dir::kDesc;
    bool nulls_first = o.nulls == ast::OrderByItem::Nulls::kDefault ? desc : o.nulls == ast::OrderByItem::Nulls::kFirst;
    size_t column = output_column(*o.expr, "ORDER BY");
    if (items[column].expr->type.id == TypeId::kJson) {  // json has no ordering operator
      throw At(Error(sqlstate::kUndefinedFunction, "could not identify an ordering operator for type json")
                   .WithHint("Use an explicit ordering operator or modify the query."),
               o.location);
    }
    order_refs.push_back({column, desc, nulls_first});
  }
  std::vector<uint32_t> distinct_on;
  for (const auto& e : stmt.distinct_on) {
    uint32_t column = static_cast<uint32_t>(output_column(*e, "SELECT DISTINCT ON"));
    if (std::find(distinct_on.begin(), distinct_on.end(), column) == distinct_on.end()) distinct_on.push_back(column);
  }
  if (!distinct_on.empty()) {
    // The leading ORDER BY items must be the DISTINCT ON expressions (in any order); without ORDER
    // BY, rows are sorted by them so that each group's first row is well defined.
    size_t n = std::min(order_refs.size(), distinct_on.size());
    for (size_t i = 0; i < n; i++) {
      if (std::find(distinct_on.begin(), distinct_on.end(), order_refs[i].column) == distinct_on.end()) {
        throw At(Error(sqlstate::kInvalidColumnReference,
                       "SELECT DISTINCT ON expressions must match initial ORDER BY expressions"),
                 stmt.distinct_on[0]->location);
      }
    }
    for (uint32_t c : distinct_on) {
      bool listed = false;
      for (const auto& r : order_refs) listed = listed || r.column == c;
      if (!listed) order_refs.push_back({c, false, false});
    }
  }

  // FOR UPDATE / SHARE: the row keys of the locked tables ride along as hidden columns.
  std::vector<size_t> lock_columns;
  if (!stmt.locking.empty()) {
    std::string what = LockingClauseName(stmt);
    auto refuse = [&](const char* with) {
      throw Error(sqlstate::kFeatureNotSupported, what + " is not allowed with " + with);
    };
    if (stmt.distinct || !stmt.distinct_on.empty()) refuse("DISTINCT clause");
    if (!stmt.group_by.empty()) refuse("GROUP BY clause");
    if (stmt.having) refuse("HAVING clause");
    if (aggregated) refuse("aggregate functions");
    if (!windows.windows.empty()) refuse("window functions");
    for (auto& l : locks) {
      lock_columns.push_back(items.size());
      items.push_back({std::move(l.key), "?lock?"});
    }
  }

  if (aggregated) {  // window functions and set-returning calls after grouping read the grouped outputs
    for (SrfCall& c : srfs.calls) {
      if (c.phase == SrfPhase::kBeforeGrouping) continue;
      for (auto& p : c.params) p = ReplaceGroups(std::move(p), grouped, c.location);
    }
    for (auto& w : windows.windows) w = ReplaceGroups(std::move(w), grouped, -1);
  }

  if (aggregated) {
    auto agg = std::make_unique<LogicalAggregate>();
    agg->group_index = group_index;
    agg->aggregate_index = collector.aggregate_index;
    // GROUPING(...) arguments must be grouping expressions.
    for (const auto& a : collector.aggregates) {
      if (a->aggregate) continue;
      for (const auto& arg : a->children) {
        bool found = false;
        for (const auto& g : groups) found = found || g->Equals(*arg);
        if (!found) {
          throw Error(sqlstate::kGroupingError, "arguments to GROUPING must be grouping expressions of the associated query level");
        }
      }
    }
    agg->groups = std::move(groups);
    agg->aggregates = std::move(collector.aggregates);
    agg->grouping_sets = std::move(grouping_sets);
    agg->children.push_back(std::move(plan));
    plan = std::move(agg);
    if (having) {
      auto filter = std::make_unique<LogicalFilter>();
      filter->expressions.push_back(std::move(having));
      filter->children.push_back(std::move(plan));
      plan = std::move(filter);
    }
  }

  if (!windows.windows.empty()) {
    plan = AddProjectSet(std::move(plan), srfs, SrfPhase::kBeforeWindow);
    auto window = std::make_unique<LogicalWindow>();
    window->window_index = windows.window_index;
    window->windows = std::move(windows.windows);
    window->children.push_back(std::move(plan));
    plan = std::move(window);
  }

  plan = AddProjectSet(std::move(plan), srfs, SrfPhase::kAfterWindow);

  auto proj = std::make_unique<LogicalProjection>();
  proj->table_index = NewTableIndex();
  for (auto& item : items) {
    item.expr->alias = item.name;
    proj->expressions.push_back(std::move(item.expr));
  }
  for (size_t i = 0; i < visible; i++) names->push_back(items[i].name);
  uint32_t proj_index = proj->table_index;
  std::vector<LogicalType> proj_types = proj->GetTypes();
  proj->children.push_back(std::move(plan));
  plan = std::move(proj);

  if (plain_distinct) {
    auto distinct = std::make_unique<LogicalDistinct>();
    distinct->children.push_back(std::move(plan));
    plan = std::move(distinct);
  }
  if (!order_refs.empty()) {
    auto order = std::make_unique<LogicalOrder>();
    for (const auto& r : order_refs) {
      SortKey key;
      key.expr = MakeColumnRef({proj_index, static_cast<uint32_t>(r.column)}, proj_types[r.column], (*names).size() > r.column ? (*names)[r.column] : "?order?");
      key.descending = r.desc;
      key.nulls_first = r.nulls_first;
      order->keys.push_back(std::move(key));
    }
    order->children.push_back(std::move(plan));
    plan = std::move(order);
  }
  if (!distinct_on.empty()) {
    auto distinct = std::make_unique<LogicalDistinct>();
    distinct->on_columns = std::move(distinct_on);
    distinct->children.push_back(std::move(plan));
    plan = std::move(distinct);
  }
  if (!locks.empty()) {
    auto lock = std::make_unique<LogicalLockRows>();
    for (size_t i = 0; i < locks.size(); i++) {
      LogicalLockRows::Target t;
      t.key = MakeColumnRef({proj_index, static_cast<uint32_t>(lock_columns[i])}, LogicalType(TypeId::kBytea), "?lock?");
      t.relation = locks[i].relation;
      t.table = locks[i].table;
      t.strength = locks[i].strength;
      t.wait = locks[i].wait;
      lock->targets.push_back(std::move(t));
    }
    lock->row_at_a_time = stmt.limit || stmt.offset;
    lock->children.push_back(std::move(plan));
    plan = std::move(lock);
  }
  if (stmt.limit || stmt.offset) {
    auto limit = std::make_unique<LogicalLimit>();
    if (stmt.limit_with_ties) {
      if (order_refs.empty()) throw Error(sqlstate::kSyntaxError, "WITH TIES cannot be specified without ORDER BY clause");
      for (const auto& r : order_refs) {
        limit->ties.push_back(MakeColumnRef({proj_index, static_cast<uint32_t>(r.column)}, proj_types[r.column], "?tie?"));
      }
    }
    limit->limit = BindLimitExpr(stmt.limit.get(), "LIMIT");
    limit->offset = BindLimitExpr(stmt.offset.get(), "OFFSET");
    limit->children.push_back(std::move(plan));
    plan = std::move(limit);
  }
  if (items.size() > visible) {
    auto final_proj = std::make_unique<LogicalProjection>();
    final_proj->table_index = NewTableIndex();
    for (size_t i = 0; i < visible; i++) {
      auto ref = MakeColumnRef({proj_index, static_cast<uint32_t>(i)}, proj_types[i], (*names)[i]);
      ref->alias = (*names)[i];
      final_proj->expressions.push_back(std::move(ref));
    }
    final_proj->children.push_back(std::move(plan));
    plan = std::move(final_proj);
  }
  return plan;
}

namespace {

// An operand of a set operation that adds nothing of its own (no WITH, ORDER BY, LIMIT).
bool IsBareSetOperation(const ast::SelectStmt& s, ast::SelectStmt::SetOp op, bool all) {
  return s.set_op == op && s.set_all == all && !s.with && s.order_by.empty() && !s.limit && !s.offset;
}

}  // namespace

LogicalOperatorPtr Binder::BindSetOperation(const ast::SelectStmt& stmt, std::vector<std::string>* names) {
  const char* what = stmt.set_op == ast::SelectStmt::SetOp::kUnion       ? "UNION"
                     : stmt.set_op == ast::SelectStmt::SetOp::kIntersect ? "INTERSECT"
                                                                         : "EXCEPT";
  // a UNION b UNION c ... (same ALL-ness) is one n-ary node, its left-deep spine walked in a loop;
  // INTERSECT and EXCEPT stay binary.
  std::vector<const ast::SelectStmt*> operands{stmt.rarg.get()};
  const ast::SelectStmt* left_most = stmt.larg.get();
  if (stmt.set_op == ast::SelectStmt::SetOp::kUnion) {
    while (IsBareSetOperation(*left_most, stmt.set_op, stmt.set_all)) {
      operands.push_back(left_most->rarg.get());
      left_most = left_most->larg.get();
    }
  }
  operands.push_back(left_most);
  std::reverse(operands.begin(), operands.end());

  // Bind each operand; the output types resolve pairwise from the left, as PostgreSQL resolves the
  // nested binary operations: types[k] is the type after operand k joined in (k >= 1).
  std::vector<LogicalOperatorPtr> plans;
  std::vector<std::vector<LogicalType>> have;
  std::vector<std::vector<std::string>> operand_names(operands.size());
  std::vector<std::vector<LogicalType>> types(operands.size());
  for (size_t k = 0; k < operands.size(); k++) {
    plans.push_back(BindSelectNode(*operands[k], k == 0 ? names : &operand_names[k]));
    have.push_back(plans.back()->GetTypes());
    if (k == 0) {
      operand_names[0] = *names;
      types[0] = have[0];
      continue;
    }
    if (have[k].size() != types[k - 1].size()) {
      throw Error(sqlstate::kSyntaxError, std::string("each ") + what + " query must have the same number of columns");
    }
    for (size_t i = 0; i < have[k].size(); i++) {
      LogicalType t = CommonType({types[k - 1][i], have[k][i]}, what);
      if (t.id == TypeId::kUnknown) t = LogicalType(TypeId::kText);
      types[k].push_back(t);
    }
  }
  // Each operand becomes a projection producing the final types, through every type its column
  // takes on the way (as the nested operations would convert it).
  auto adapt = [&](size_t k) {
    auto proj = std::make_unique<LogicalProjection>();
    proj->table_index = NewTableIndex();
    auto bindings = plans[k]->GetColumnBindings();
    for (size_t i = 0; i < bindings.size(); i++) {
      BoundExprPtr e = MakeColumnRef(bindings[i], have[k][i], operand_names[k][i]);
      for (size_t step = std::max<size_t>(k, 1); step < types.size(); step++) {
        e = Coerce(std::move(e), types[step][i], CastContext::kImplicit);
      }
      proj->expressions.push_back(std::move(e));
    }
    proj->children.push_back(std::move(plans[k]));
    return proj;
  };
  auto op = std::make_unique<LogicalSetOperation>();
  op->table_index = NewTableIndex();
  op->kind = stmt.set_op == ast::SelectStmt::SetOp::kUnion       ? SetOperationKind::kUnion
             : stmt.set_op == ast::SelectStmt::SetOp::kIntersect ? SetOperationKind::kIntersect
                                                                 : SetOperationKind::kExcept;
  op->all = stmt.set_all;
  op->types = types.back();
  for (size_t k = 0; k < operands.size(); k++) op->children.push_back(adapt(k));
  return op;
}

// ORDER BY / LIMIT over a node whose output columns are all there is (VALUES, set operations).
LogicalOperatorPtr Binder::AddOrderAndLimit(LogicalOperatorPtr plan, const ast::SelectStmt& stmt,
                                            const std::vector<std::string>& names) {
  if (!stmt.order_by.empty()) {
    BindContext scope;
    BindingEntry entry;
    auto bindings = plan->GetColumnBindings();
    auto types = plan->GetTypes();
    entry.table_index = bindings.empty() ? 0 : bindings[0].table;
    entry.names = names;
    entry.types = types;
    scope.Add(entry);
    auto order = std::make_unique<LogicalOrder>();
    for (const auto& o : stmt.order_by) {
      bool desc = o.dir == ast::OrderByItem::Dir::kDesc;
      SortKey key;
      key.descending = desc;
      key.nulls_first = o.nulls == ast::OrderByItem::Nulls::kDefault ? desc : o.nulls == ast::OrderByItem::Nulls::kFirst;
      if (o.expr->kind == ast::ExprKind::kConstant &&
          static_cast<const ast::Constant&>(*o.expr).type == ast::Constant::Type::kInteger) {
        int64_t n = static_cast<const ast::Constant&>(*o.expr).ival;
        if (n < 1 || n > static_cast<int64_t>(names.size())) {
          throw At(Error(sqlstate::kInvalidColumnReference, "ORDER BY position " + std::to_string(n) + " is not in select list"),
                   o.location);
        }
        key.expr = MakeColumnRef(bindings[n - 1], types[n - 1], names[n - 1]);
      } else {
        ExprBinder eb(*this, &scope, nullptr, "ORDER BY");
        key.expr = eb.Bind(*o.expr);
      }
      order->keys.push_back(std::move(key));
    }
    order->children.push_back(std::move(plan));
    plan = std::move(order);
  }
  if (stmt.limit || stmt.offset) {
    auto limit = std::make_unique<LogicalLimit>();
    limit->limit = BindLimitExpr(stmt.limit.get(), "LIMIT");
    limit->offset = BindLimitExpr(stmt.offset.get(), "OFFSET");
    limit->children.push_back(std::move(plan));
    plan = std::move(limit);
  }
  return plan;
}

BoundExprPtr Binder::BindLimitExpr(const ast::Expr* e, const char* what) {
  if (!e) return nullptr;
  ExprBinder eb(*this, nullptr, nullptr, what);
  auto bound = eb.Bind(*e);
  return Coerce(std::move(bound), LogicalType(TypeId::kInt8), CastContext::kImplicit, e->location);
}

}  // namespace kanto
