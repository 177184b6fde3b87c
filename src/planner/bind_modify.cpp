// Binding of INSERT, UPDATE and DELETE (with RETURNING).
#include <set>

#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "parser/ast_to_string.hpp"
#include "planner/binder.hpp"
#include "planner/expr_binder.hpp"
#include "planner/modify_target.hpp"
#include "planner/predicate_implication.hpp"

namespace kanto {

namespace {
std::shared_ptr<const TableEntry> Borrow(const TableEntry* t) {
  return std::shared_ptr<const TableEntry>(std::shared_ptr<const TableEntry>{}, t);
}

int ColumnOf(const TableEntry& table, const std::string& name, int location) {
  int idx = table.FindColumn(name);
  if (idx < 0) {
    throw At(Error(sqlstate::kUndefinedColumn,
                   "column \"" + name + "\" of relation \"" + table.name + "\" does not exist"),
             location);
  }
  return idx;
}

// Identity columns: whether the value an INSERT gives for `column` is used. GENERATED ALWAYS needs
// OVERRIDING SYSTEM VALUE (428C9); OVERRIDING USER VALUE replaces given values with the sequence's.
// A generated column takes no value but DEFAULT (428C9, whatever OVERRIDING says).
bool UseGivenValue(const ColumnEntry& column, ast::InsertStmt::Overriding overriding) {
  if (column.generated) {
    throw Error(sqlstate::kGeneratedAlways, "cannot insert a non-DEFAULT value into column \"" + column.name + "\"")
        .WithDetail("Column \"" + column.name + "\" is a generated column.");
  }
  if (!column.identity) return true;
  if (overriding == ast::InsertStmt::Overriding::kUser) return false;
  if (column.identity == 'a' && overriding != ast::InsertStmt::Overriding::kSystem) {
    throw Error(sqlstate::kGeneratedAlways, "cannot insert a non-DEFAULT value into column \"" + column.name + "\"")
        .WithDetail("Column \"" + column.name + "\" is an identity column defined as GENERATED ALWAYS.")
        .WithHint("Use OVERRIDING SYSTEM VALUE to override.");
  }
  return true;
}

}  // namespace

// Coerces a value for storing into `column`, with PostgreSQL's assignment error.
static BoundExprPtr AssignTo(Binder& binder, BoundExprPtr e, const ColumnEntry& column, int location) {
  if (e->type.id != TypeId::kUnknown && e->type.id != column.type.id &&
      !CanCast(e->type, column.type, CastContext::kAssignment)) {
    throw At(Error(sqlstate::kDatatypeMismatch, "column \"" + column.name + "\" is of type " + column.type.ToString() +
                                                    " but expression is of type " + e->type.ToString())
                 .WithHint("You will need to rewrite or cast the expression."),
             location);
  }
  return binder.Coerce(std::move(e), column.type, CastContext::kAssignment, location);
}

std::vector<BoundExprPtr> Binder::BindReturning(const std::vector<ast::ResTarget>& returning, const TableEntry& table,
                                                const std::string& alias, bool excluded, uint32_t table_index,
                                                std::vector<std::string>* names) {
  BindContext scope;
  if (excluded) {
    BindingEntry hidden;
    hidden.alias = "excluded";
    hidden.unreachable = true;
    scope.Add(hidden);
  }
  scope.Add(TableRowBinding(table, alias, table_index, env_.target_reads));
  std::vector<BoundExprPtr> out;
  ExprBinder eb(*this, &scope, nullptr, "RETURNING");
  for (const auto& t : returning) {
    if (t.expr->kind == ast::ExprKind::kColumnRef && static_cast<const ast::ColumnRef&>(*t.expr).star) {
      for (auto& ref : scope.ExpandStar("", t.location)) {
        names->push_back(ref->alias);
        out.push_back(std::move(ref));
      }
      continue;
    }
    auto e = eb.Bind(*t.expr);
    if (e->type.id == TypeId::kUnknown) e = Coerce(std::move(e), LogicalType(TypeId::kText), CastContext::kImplicit);
    names->push_back(t.alias.empty() ? ast::FigureColumnName(*t.expr) : t.alias);
    out.push_back(std::move(e));
  }
  return out;
}

namespace {
// A row expression (Binder::BindRowExpression) with its column references made comparable across
// bindings (each binding names the row by a table index of its own).
BoundExprPtr Comparable(BoundExprPtr e) {
  if (e->kind == BoundExprKind::kColumnRef) e->binding = ColumnBinding{0, e->index};
  for (auto& c : e->children) c = Comparable(std::move(c));
  if (e->filter) e->filter = Comparable(std::move(e->filter));
  return e;
}

void SplitConjuncts(BoundExprPtr e, std::vector<BoundExprPtr>* out) {
  if (e->kind == BoundExprKind::kAnd) {
    for (auto& c : e->children) SplitConjuncts(std::move(c), out);
  } else {
    out->push_back(std::move(e));
  }
}

// The unique indexes ON CONFLICT tests a row against (ids), as PostgreSQL infers them: the
// constraint named; or each unique index whose key columns are the columns given (as a set, in any
// order), whose key expressions are the expressions given, and whose predicate, if it is partial,
// follows from the target's WHERE; or, without a conflict target, none: every unique index is.
std::vector<uint32_t> ArbiterIndexes(Binder& binder, const ast::InsertStmt& stmt, const TableEntry& table) {
  using RowExpression = Binder::RowExpression;
  auto bind = [&](const auto& expr, RowExpression kind) { return Comparable(binder.BindRowExpression(table, expr, kind)); };
  if (!stmt.conflict_constraint.empty()) {
    const std::string& name = stmt.conflict_constraint;
    if (const IndexEntry* index = table.FindConstraintIndex(name)) return {index->id};
    if (table.HasConstraint(name)) {
      throw Error(sqlstate::kWrongObjectType, "constraint in ON CONFLICT clause has no associated index");
    }
    throw Error(sqlstate::kUndefinedObject, "constraint \"" + name + "\" for table \"" + table.name + "\" does not exist");
  }
  std::vector<uint32_t> out;
  if (stmt.conflict_target.empty()) return out;  // every unique index, as the table has them when it runs
  std::set<uint32_t> columns;
  std::vector<BoundExprPtr> expressions;
  for (const ast::IndexElem& elem : stmt.conflict_target) {
    if (elem.dir != ast::OrderByItem::Dir::kDefault) {
      throw At(Error(sqlstate::kInvalidColumnReference, "ASC/DESC is not allowed in ON CONFLICT clause"),
               stmt.conflict_location);
    }
    if (elem.nulls != ast::OrderByItem::Nulls::kDefault) {
      throw At(Error(sqlstate::kInvalidColumnReference, "NULLS FIRST/LAST is not allowed in ON CONFLICT clause"),
               stmt.conflict_location);
    }
    if (!elem.expr) {
      int c = table.FindColumn(elem.column);
      if (c < 0) {
        throw At(Error(sqlstate::kUndefinedColumn, "column \"" + elem.column + "\" does not exist"), stmt.conflict_location);
      }
      columns.insert(static_cast<uint32_t>(c));
      continue;
    }
    BoundExprPtr e = bind(*elem.expr, RowExpression::kIndexExpression);
    if (e->kind == BoundExprKind::kColumnRef) {
      columns.insert(static_cast<uint32_t>(e->index));
    } else {
      expressions.push_back(std::move(e));
    }
  }
  std::vector<BoundExprPtr> where;
  if (stmt.conflict_target_where) {
    SplitConjuncts(bind(*stmt.conflict_target_where, RowExpression::kIndexPredicate), &where);
  }
  auto contains = [](const std::vector<BoundExprPtr>& list, const BoundExpr& e) {
    for (const auto& x : list) {
      if (x->Equals(e)) return true;
    }
    return false;
  };
  for (const IndexEntry& index : table.indexes) {
    if (!index.unique) continue;
    std::set<uint32_t> key_columns;
    for (uint32_t c : index.columns) {
      if (c != IndexEntry::kExpression) key_columns.insert(c);
    }
    if (key_columns != columns) continue;
    std::vector<BoundExprPtr> key_expressions;
    for (const auto& sql : index.expressions) {
      key_expressions.push_back(bind(sql, RowExpression::kIndexExpression));
    }
    bool same = true;
    for (const auto& e : expressions) same = same && contains(key_expressions, *e);
    for (const auto& e : key_expressions) same = same && contains(expressions, *e);
    if (!same) continue;
    if (!index.predicate.empty() &&
        !PredicateImplied(*bind(index.predicate, RowExpression::kIndexPredicate), where)) {
      continue;
    }
    out.push_back(index.id);
  }
  if (out.empty()) {
    throw Error(sqlstate::kInvalidColumnReference,
                "there is no unique or exclusion constraint matching the ON CONFLICT specification");
  }
  return out;
}
}  // namespace

std::vector<int> Binder::InsertTargets(const TableEntry& table, const std::vector<std::string>& columns,
                                      int location) const {
  std::vector<int> targets;
  if (columns.empty()) {
    for (size_t i = 0; i < table.columns.size(); i++) targets.push_back(static_cast<int>(i));
    return targets;
  }
  for (const auto& name : columns) {
    int idx = ColumnOf(table, name, location);
    for (int t : targets) {
      if (t == idx) {
        throw At(Error(sqlstate::kDuplicateColumn, "column \"" + name + "\" specified more than once"), location);
      }
    }
    targets.push_back(idx);
  }
  return targets;
}

std::vector<BoundExprPtr> Binder::BindInsertRow(const TableEntry& table, const std::vector<int>& targets,
                                                const ast::ExprList& row, ast::InsertStmt::Overriding overriding,
                                                ExprBinder& eb, int location) {
  if (row.size() > targets.size()) {
    throw At(Error(sqlstate::kSyntaxError, "INSERT has more expressions than target columns"),
             row[targets.size()]->location);
  }
  if (row.size() < targets.size() && !row.empty()) {
    throw At(Error(sqlstate::kSyntaxError, "INSERT has more target columns than expressions"), location);
  }
  std::vector<BoundExprPtr> full(table.columns.size());
  for (size_t k = 0; k < row.size(); k++) {
    const ast::Expr& e = *row[k];
    size_t col = static_cast<size_t>(targets[k]);
    if (e.kind == ast::ExprKind::kDefault || !UseGivenValue(table.columns[col], overriding)) continue;
    full[col] = AssignTo(*this, eb.Bind(e), table.columns[col], e.location);
  }
  for (size_t c = 0; c < full.size(); c++) {
    if (!full[c]) full[c] = BindColumnDefault(table, c);
  }
  return full;
}

BoundStatement Binder::BindInsert(const ast::InsertStmt& stmt) {
  if (stmt.on_conflict == ast::InsertStmt::OnConflict::kUpdate && stmt.conflict_target.empty() &&
      stmt.conflict_constraint.empty()) {
    throw At(Error(sqlstate::kSyntaxError, "ON CONFLICT DO UPDATE requires inference specification or constraint name")
                 .WithHint("For example, ON CONFLICT (column_name)."),
             stmt.conflict_location);
  }
  const TableEntry* table = ResolveTargetTable(stmt.table, "insert into");
  if (stmt.on_conflict == ast::InsertStmt::OnConflict::kUpdate) env_.permissions[env_.target_permission].required |= kAclUpdate;
  // (The arbiter's columns are read, as PostgreSQL's inference marks them.)
  if (!stmt.conflict_target.empty()) *env_.target_reads = true;
  LockForeignKeyTables(*table, false, nullptr);
  auto insert = std::make_unique<LogicalModify>(LogicalOpType::kInsert);
  if (stmt.on_conflict != ast::InsertStmt::OnConflict::kNone) {
    insert->on_conflict = stmt.on_conflict == ast::InsertStmt::OnConflict::kNothing ? LogicalModify::OnConflict::kNothing
                                                                                   : LogicalModify::OnConflict::kUpdate;
    insert->arbiter_indexes = ArbiterIndexes(*this, stmt, *table);
    if (stmt.on_conflict == ast::InsertStmt::OnConflict::kUpdate) BindConflictUpdate(stmt, *table, *insert);
  }
  std::vector<int> targets = InsertTargets(*table, stmt.columns, stmt.table.location);
  size_t ncols = table->columns.size();
  auto values = std::make_unique<LogicalValues>();
  LogicalOperatorPtr source;
  const ast::SelectStmt* select = stmt.select.get();
  bool plain_values = select && !select->values.empty() && select->order_by.empty() && !select->limit &&
                      !select->offset && !select->with;
  // (CTEs of the INSERT itself are visible to its SELECT through the binder's CTE scope.)
  if (!select || plain_values) {
    // VALUES rows (or DEFAULT VALUES): each row becomes a full table row, defaults filled in.
    values->table_index = NewTableIndex();
    values->types = table->column_types();
    std::vector<const ast::ExprList*> rows;
    ast::ExprList empty;
    if (select) {
      for (const auto& r : select->values) rows.push_back(&r);
    } else {
      rows.push_back(&empty);
    }
    ExprBinder eb(*this, nullptr, nullptr, "VALUES");
    // Without a column list, VALUES may give fewer columns than the table has: the first ones.
    if (select && stmt.columns.empty() && rows[0]->size() < targets.size()) targets.resize(rows[0]->size());
    for (const ast::ExprList* row : rows) {
      if (select && row->size() != rows[0]->size()) {
        throw At(Error(sqlstate::kSyntaxError, "VALUES lists must all be the same length"),
                 row->empty() ? stmt.table.location : (*row)[0]->location);
      }
      values->rows.push_back(BindInsertRow(*table, select ? targets : std::vector<int>{}, *row, stmt.overriding, eb,
                                           stmt.table.location));
    }
    values->estimated_rows = static_cast<double>(values->rows.size());
    source = std::move(values);
  } else {
    std::vector<std::string> names;
    auto sub = BindSelectNode(*select, &names);
    auto bindings = sub->GetColumnBindings();
    auto types = sub->GetTypes();
    if (stmt.columns.empty() && bindings.size() < targets.size()) targets.resize(bindings.size());
    if (bindings.size() > targets.size()) {
      throw Error(sqlstate::kSyntaxError, "INSERT has more expressions than target columns");
    }
    if (bindings.size() < targets.size()) {
      throw Error(sqlstate::kSyntaxError, "INSERT has more target columns than expressions");
    }
    auto proj = std::make_unique<LogicalProjection>();
    proj->table_index = NewTableIndex();
    std::vector<BoundExprPtr> full(ncols);
    for (size_t k = 0; k < targets.size(); k++) {
      size_t col = static_cast<size_t>(targets[k]);
      if (!UseGivenValue(table->columns[col], stmt.overriding)) continue;
      full[col] = AssignTo(*this, MakeColumnRef(bindings[k], types[k], names[k]), table->columns[col], -1);
    }
    for (size_t c = 0; c < ncols; c++) {
      if (!full[c]) full[c] = BindColumnDefault(*table, c);
    }
    proj->expressions = std::move(full);
    proj->children.push_back(std::move(sub));
    source = std::move(proj);
  }

  return FinishModify(std::move(insert), *table, stmt.alias, stmt.returning, std::move(source),
                      BoundStatementKind::kInsert);
}

void Binder::BindConflictUpdate(const ast::InsertStmt& stmt, const TableEntry& table, LogicalModify& insert) {
  BindContext scope;
  insert.conflict_index = NewTableIndex();
  insert.excluded_index = NewTableIndex();
  for (auto [alias, index] : {std::pair<std::string, uint32_t>{stmt.alias.empty() ? table.name : stmt.alias, insert.conflict_index},
                              std::pair<std::string, uint32_t>{"excluded", insert.excluded_index}}) {
    BindingEntry entry = TableRowBinding(table, alias, index, index == insert.conflict_index ? env_.target_reads : nullptr);
    if (index == insert.excluded_index) entry.relation.clear();
    scope.Add(std::move(entry));
  }
  ExprBinder eb(*this, &scope, nullptr, "UPDATE");
  insert.conflict_set = BindSetList(table, stmt.conflict_set, eb);
  if (stmt.conflict_where) insert.conflict_where = eb.BindCondition(*stmt.conflict_where, "WHERE");
}

// Every table a referential action starting at `table` can reach (referencing tables, at any
// depth), with what writing it needs bound.
void Binder::BindCascadeTargets(LogicalModify& op, const TableEntry& table) {
  op.referential = !table.foreign_keys.empty() || !env_.catalog->ReferencesTo(table.id).empty();
  if (!op.referential) return;
  std::vector<uint32_t> pending{table.id};
  std::set<uint32_t> seen{table.id};
  while (!pending.empty()) {
    uint32_t id = pending.back();
    pending.pop_back();
    for (const auto& ref : env_.catalog->ReferencesTo(id)) {
      const TableEntry& t = *ref.table;
      bool set_default = ref.fk->on_delete == ForeignKeyEntry::kSetDefault || ref.fk->on_update == ForeignKeyEntry::kSetDefault;
      auto [it, added] = op.cascade_targets.try_emplace(t.id);
      if (added) {
        for (const auto& check : t.checks) it->second.checks.emplace_back(check.name, BindCheckConstraint(t, check.expr_sql));
      }
      if (set_default && it->second.defaults.empty()) {
        for (size_t c = 0; c < t.columns.size(); c++) it->second.defaults.push_back(BindColumnDefault(t, c));
      }
      if (seen.insert(t.id).second) pending.push_back(t.id);
    }
  }
}

BoundStatement Binder::FinishModify(std::unique_ptr<LogicalModify> op, const TableEntry& table,
                                    const std::string& alias, const std::vector<ast::ResTarget>& returning,
                                    LogicalOperatorPtr child, BoundStatementKind kind) {
  op->table = Borrow(&table);
  op->returning_index = NewTableIndex();
  op->output_index = NewTableIndex();
  BoundStatement out;
  out.kind = kind;
  op->returning = BindReturning(returning, table, alias, op->on_conflict == LogicalModify::OnConflict::kUpdate,
                                op->returning_index, &out.names);
  if (kind != BoundStatementKind::kDelete) {
    for (const auto& check : table.checks) op->checks.emplace_back(check.name, BindCheckConstraint(table, check.expr_sql));
  }
  BindCascadeTargets(*op, table);
  op->children.push_back(std::move(child));
  out.returns_rows = !returning.empty();
  out.types = op->GetTypes();
  out.plan = std::move(op);
  return out;
}

LogicalOperatorPtr Binder::BindModifyTarget(const TableEntry& table, const std::string& alias, const ast::Expr* where,
                                            BindContext& scope, BoundExprPtr* recheck) {
  LogicalOperatorPtr plan = TargetScan(table, NewTableIndex(), alias, scope, env_.target_reads);
  if (!where) return plan;
  ExprBinder eb(*this, &scope, nullptr, "WHERE");
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions.push_back(eb.BindCondition(*where, "WHERE"));
  // Bound twice: the optimizer may push the filter into the scan or turn its subqueries into joins;
  // the re-check keeps its own copy (and its own subquery plans).
  *recheck = eb.BindCondition(*where, "WHERE");
  filter->children.push_back(std::move(plan));
  return filter;
}

namespace {
// RETURNING of UPDATE ... FROM / DELETE ... USING (`out`, bound by FinishModify without it): over
// the written row (the target's entry of `scope`, as op->returning_index) and the other tables'
// columns of the input row (PhysicalModify evaluates it over both).
void BindJoinedReturning(Binder& binder, const std::vector<ast::ResTarget>& returning, const BindContext& scope,
                         uint32_t index, BoundStatement* out) {
  if (returning.empty()) return;
  auto& op = static_cast<LogicalModify&>(*out->plan);
  BindContext rows;
  for (const BindingEntry& e : scope.entries()) {
    BindingEntry entry = e;
    if (e.table_index == index && (e.names.empty() || !e.names[0].empty())) entry.table_index = op.returning_index;
    rows.Add(std::move(entry));
  }
  ExprBinder eb(binder, &rows, nullptr, "RETURNING");
  for (const auto& t : returning) {
    if (t.expr->kind == ast::ExprKind::kColumnRef && static_cast<const ast::ColumnRef&>(*t.expr).star) {
      const auto& ref = static_cast<const ast::ColumnRef&>(*t.expr);
      for (auto& e : rows.ExpandStar(ref.names.empty() ? "" : ref.names.back(), t.location)) {
        out->names.push_back(e->alias);
        op.returning.push_back(std::move(e));
      }
      continue;
    }
    auto e = eb.Bind(*t.expr);
    if (e->type.id == TypeId::kUnknown) e = binder.Coerce(std::move(e), LogicalType(TypeId::kText), CastContext::kImplicit);
    out->names.push_back(t.alias.empty() ? ast::FigureColumnName(*t.expr) : t.alias);
    op.returning.push_back(std::move(e));
  }
  out->returns_rows = true;
  out->types = op.GetTypes();
}
}  // namespace

BoundStatement Binder::BindUpdate(const ast::UpdateStmt& stmt) {
  const TableEntry* table = ResolveTargetTable(stmt.table, "update");
  BindContext scope;
  auto update = std::make_unique<LogicalModify>(LogicalOpType::kUpdate);
  LogicalOperatorPtr plan;
  uint32_t projection = 0;
  if (stmt.from.empty()) {
    plan = BindModifyTarget(*table, stmt.alias, stmt.where.get(), scope, &update->recheck);
  } else {
    BindContext inner;
    uint32_t target_index = NewTableIndex();
    auto target = TargetScan(*table, target_index, stmt.alias, inner, env_.target_reads);
    auto from = BindFrom(stmt.from, inner);
    projection = NewTableIndex();
    plan = JoinedTarget(*this, *table, std::move(target), std::move(from), stmt.where.get(), TargetJoin::kWhere, inner, target_index,
                        projection, &scope, &update->recheck);
  }
  ExprBinder eb(*this, &scope, nullptr, "UPDATE");
  update->set = BindSetList(*table, stmt.set, eb);
  std::vector<bool> changed(update->set.size());
  for (size_t i = 0; i < changed.size(); i++) changed[i] = update->set[i] != nullptr;
  LockForeignKeyTables(*table, false, &changed);
  if (stmt.from.empty()) {
    return FinishModify(std::move(update), *table, stmt.alias, stmt.returning, std::move(plan),
                        BoundStatementKind::kUpdate);
  }
  BoundStatement out =
      FinishModify(std::move(update), *table, stmt.alias, {}, std::move(plan), BoundStatementKind::kUpdate);
  BindJoinedReturning(*this, stmt.returning, scope, projection, &out);
  return out;
}

std::vector<BoundExprPtr> Binder::BindSetList(const TableEntry& table, const std::vector<ast::SetClause>& set,
                                              ExprBinder& eb) {
  std::vector<BoundExprPtr> out(table.columns.size());
  for (const auto& s : set) {
    int col = ColumnOf(table, s.column, s.location);
    if (out[col]) {
      throw At(Error(sqlstate::kSyntaxError, "multiple assignments to same column \"" + s.column + "\""), s.location);
    }
    if (s.value->kind == ast::ExprKind::kDefault) {
      out[col] = BindColumnDefault(table, col);
    } else if (table.columns[col].generated) {
      throw Error(sqlstate::kGeneratedAlways, "column \"" + s.column + "\" can only be updated to DEFAULT")
          .WithDetail("Column \"" + s.column + "\" is a generated column.");
    } else if (table.columns[col].identity == 'a') {
      throw At(Error(sqlstate::kGeneratedAlways, "column \"" + s.column + "\" can only be updated to DEFAULT")
                   .WithDetail("Column \"" + s.column + "\" is an identity column defined as GENERATED ALWAYS."),
               s.location);
    } else {
      out[col] = AssignTo(*this, eb.Bind(*s.value), table.columns[col], s.value->location);
    }
  }
  return out;
}

BoundStatement Binder::BindDelete(const ast::DeleteStmt& stmt) {
  const TableEntry* table = ResolveTargetTable(stmt.table, "delete from");
  LockForeignKeyTables(*table, true, nullptr);
  BindContext scope;
  auto del = std::make_unique<LogicalModify>(LogicalOpType::kDelete);
  if (stmt.using_tables.empty()) {
    auto plan = BindModifyTarget(*table, stmt.alias, stmt.where.get(), scope, &del->recheck);
    return FinishModify(std::move(del), *table, stmt.alias, stmt.returning, std::move(plan), BoundStatementKind::kDelete);
  }
  BindContext inner;
  uint32_t target_index = NewTableIndex();
  auto target = TargetScan(*table, target_index, stmt.alias, inner, env_.target_reads);
  auto from = BindFrom(stmt.using_tables, inner);
  uint32_t projection = NewTableIndex();
  auto plan = JoinedTarget(*this, *table, std::move(target), std::move(from), stmt.where.get(), TargetJoin::kWhere, inner, target_index,
                           projection, &scope, &del->recheck);
  BoundStatement out = FinishModify(std::move(del), *table, stmt.alias, {}, std::move(plan), BoundStatementKind::kDelete);
  BindJoinedReturning(*this, stmt.returning, scope, projection, &out);
  return out;
}

}  // namespace kanto
