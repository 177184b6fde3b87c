// Binding of CHECK constraints and ALTER COLUMN TYPE's USING expressions: the expression over the
// table's own columns (a CHECK boolean), without subqueries, aggregates or window functions
// (PostgreSQL refuses those; volatile functions are allowed, as there).
#include <algorithm>

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

}  // namespace kanto
