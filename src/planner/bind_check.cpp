// Binding of the expressions stored with a table, over its own columns and without subqueries,
// aggregates or window functions: CHECK constraints (boolean; volatile functions are allowed, as in
// PostgreSQL), ALTER COLUMN TYPE's USING expressions, index expressions and predicates and
// generation expressions (immutable only).
#include <algorithm>
#include <set>

#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "parser/parser.hpp"
#include "planner/binder.hpp"
#include "planner/expr_binder.hpp"

namespace kanto {

namespace {
// Column refs of the one table in scope become row positions (the table's column numbers).
void ResolveToRow(BoundExpr& e, uint32_t table_index, std::vector<uint32_t>* columns) {
  if (e.kind == BoundExprKind::kColumnRef && e.binding.table == table_index) {
    e.index = e.binding.column;
    if (columns && std::find(columns->begin(), columns->end(), e.binding.column) == columns->end()) {
      columns->push_back(e.binding.column);
    }
  }
  for (auto& c : e.children) ResolveToRow(*c, table_index, columns);
  if (e.filter) ResolveToRow(*e.filter, table_index, columns);
}

// The table's columns as the one FROM item in scope.
BindingEntry TableScope(const TableEntry& table, uint32_t table_index) {
  BindingEntry entry;
  entry.alias = table.name;
  entry.table_index = table_index;
  for (const auto& c : table.columns) {
    entry.names.push_back(c.name);
    entry.types.push_back(c.type);
  }
  return entry;
}

// The first parameter ($n) the expression uses, or null.
const BoundExpr* FindParam(const BoundExpr& e) {
  if (e.kind == BoundExprKind::kParam) return &e;
  for (const auto& c : e.children) {
    if (const BoundExpr* p = FindParam(*c)) return p;
  }
  return e.filter ? FindParam(*e.filter) : nullptr;
}
}  // namespace

BoundExprPtr Binder::BindCheckConstraint(const TableEntry& table, const ast::Expr& expr,
                                         std::vector<uint32_t>* columns) {
  BindContext scope;
  BindingEntry entry = TableScope(table, NewTableIndex());
  scope.Add(entry);
  ExprBinder eb(*this, &scope, nullptr, "check constraints");
  eb.ForbidSubqueries("cannot use subquery in check constraint");
  BoundExprPtr e = eb.BindCondition(expr, "CHECK");
  ResolveToRow(*e, entry.table_index, columns);
  return e;
}

BoundExprPtr Binder::BindTransformExpr(const TableEntry& table, const ast::Expr& expr) {
  BindContext scope;
  BindingEntry entry = TableScope(table, NewTableIndex());
  scope.Add(entry);
  ExprBinder eb(*this, &scope, nullptr, "transform expressions");
  eb.ForbidSubqueries("cannot use subquery in transform expression");
  BoundExprPtr e = eb.Bind(expr);
  if (const BoundExpr* p = FindParam(*e)) {
    throw Error(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(p->param + 1));
  }
  ResolveToRow(*e, entry.table_index, nullptr);
  return e;
}

BoundExprPtr Binder::BindCheckConstraint(const TableEntry& table, const std::string& sql,
                                         std::vector<uint32_t>* columns) {
  auto stmts = ParseSql("SELECT " + sql);
  const auto& select = static_cast<const ast::SelectStmt&>(*stmts.at(0));
  return BindCheckConstraint(table, *select.targets.at(0).expr, columns);
}

namespace {
bool IsDateTime(TypeId t) {
  return t == TypeId::kDate || t == TypeId::kTimestamp || t == TypeId::kTimestampTz || t == TypeId::kInterval ||
         t == TypeId::kTime || t == TypeId::kTimeTz;
}
bool IsText(TypeId t) { return t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kChar; }

// Built-in functions whose result depends on more than their arguments (the session, the time,
// the catalog, formatting settings): PostgreSQL marks them STABLE or VOLATILE.
bool IsStableFunction(const std::string& name) {
  static const std::set<std::string> kStable = {
      "now", "statement_timestamp", "transaction_timestamp", "clock_timestamp", "timeofday", "current_user",
      "session_user", "current_role", "current_database", "current_schema", "current_schemas", "current_setting",
      "current_query", "version", "nextval", "currval", "lastval", "setval", "to_char", "to_timestamp", "to_date",
      "to_number", "make_timestamptz",
      "format", "concat", "concat_ws", "age", "obj_description", "col_description", "txid_current"};
  return kStable.count(name) > 0 || name.rfind("pg_", 0) == 0 || name.rfind("has_", 0) == 0;
}

// Whether `e` gives the same result for the same row at any time, in any session.
bool IsImmutable(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kFunction && e.function) {
    if (e.function->is_volatile || IsStableFunction(e.function->name)) return false;
    // Arithmetic on timestamp with time zone depends on the TimeZone setting (not x AT TIME ZONE
    // zone, which names its zone).
    for (const auto& c : e.children) {
      if (c->type.id == TypeId::kTimestampTz && e.function->name != "timezone" && e.function->name != "=" && e.function->name != "<>" &&
          e.function->name != "<" && e.function->name != "<=" && e.function->name != ">" && e.function->name != ">=") {
        return false;
      }
    }
  }
  if (e.kind == BoundExprKind::kCast && !e.children.empty()) {
    TypeId from = e.children[0]->type.id, to = e.type.id;
    // Date/time input and output follow DateStyle and TimeZone; so do conversions to and from
    // timestamp with time zone.
    if ((IsText(from) && IsDateTime(to)) || (IsDateTime(from) && IsText(to))) return false;
    if ((from == TypeId::kTimestampTz) != (to == TypeId::kTimestampTz) && (IsDateTime(from) && IsDateTime(to))) return false;
    if (to == TypeId::kTimeTz && from == TypeId::kTime) return false;  // the session zone's offset today
  }
  for (const auto& c : e.children) {
    if (!IsImmutable(*c)) return false;
  }
  return true;
}
}  // namespace

BoundExprPtr Binder::BindRowExpression(const TableEntry& table, const ast::Expr& expr, RowExpression kind,
                                       std::vector<uint32_t>* columns) {
  BindContext scope;
  BindingEntry entry = TableScope(table, NewTableIndex());
  scope.Add(entry);
  const char* clause = kind == RowExpression::kIndexExpression  ? "index expressions"
                       : kind == RowExpression::kIndexPredicate ? "index predicates"
                                                                : "column generation expressions";
  ExprBinder eb(*this, &scope, nullptr, clause);
  eb.ForbidSubqueries(kind == RowExpression::kIndexExpression  ? "cannot use subquery in index expression"
                      : kind == RowExpression::kIndexPredicate ? "cannot use subquery in index predicate"
                                                               : "cannot use subquery in column generation expression");
  BoundExprPtr e = kind == RowExpression::kIndexPredicate ? eb.BindCondition(expr, "WHERE") : eb.Bind(expr);
  std::vector<uint32_t> used;
  ResolveToRow(*e, entry.table_index, &used);
  if (!IsImmutable(*e)) {
    throw At(Error(sqlstate::kInvalidObjectDefinition,
                   kind == RowExpression::kIndexExpression  ? "functions in index expression must be marked IMMUTABLE"
                   : kind == RowExpression::kIndexPredicate ? "functions in index predicate must be marked IMMUTABLE"
                                                            : "generation expression is not immutable"),
             kind == RowExpression::kGeneration ? expr.location : -1);
  }
  if (columns) *columns = std::move(used);
  return e;
}

BoundExprPtr Binder::BindRowExpression(const TableEntry& table, const std::string& sql, RowExpression kind,
                                       std::vector<uint32_t>* columns) {
  auto stmts = ParseSql("SELECT " + sql);
  const auto& select = static_cast<const ast::SelectStmt&>(*stmts.at(0));
  return BindRowExpression(table, *select.targets.at(0).expr, kind, columns);
}

}  // namespace kanto
