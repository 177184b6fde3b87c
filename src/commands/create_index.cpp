// CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON t (column | (expression) | f(...) [ASC|DESC], ...)
// [INCLUDE (columns)] [WHERE predicate]: built from the existing rows in the statement's
// transaction; a duplicate fails with 23505 naming the key. Expressions and the predicate are kept
// as SQL text, must be immutable (42P17), and are evaluated for each row written (index_keys).
#include <algorithm>

#include "access/index_maintenance.hpp"
#include "commands/commands.hpp"
#include "commands/relation_names.hpp"
#include "execution/execution_context.hpp"
#include "kanto/error.hpp"
#include "parser/ast_to_string.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

namespace {
int ColumnOf(const TableEntry& table, const std::string& name) {
  int c = table.FindColumn(name);
  if (c < 0) throw Error(sqlstate::kUndefinedColumn, "column \"" + name + "\" does not exist");
  return c;
}

void AddUsed(std::vector<uint32_t>* all, const std::vector<uint32_t>& used) {
  for (uint32_t c : used) {
    if (std::find(all->begin(), all->end(), c) == all->end()) all->push_back(c);
  }
}
}  // namespace

CommandResult Execute(const ast::CreateIndexStmt& stmt, CommandContext& ctx) {
  if (!stmt.method.empty() && stmt.method != "btree") {
    throw Error(sqlstate::kFeatureNotSupported, "index method \"" + stmt.method + "\" is not supported");
  }
  CatalogChange change(ctx);
  BinderEnv env;
  env.catalog = &change.catalog();
  env.fn_ctx = &ctx.fn;
  Binder binder(env);
  const TableEntry* table = binder.ResolveTable(stmt.table);
  if (table->is_view()) {
    throw Error(sqlstate::kWrongObjectType, "cannot create index on relation \"" + table->name + "\"")
        .WithDetail("This operation is not supported for views.");
  }
  IndexEntry idx;
  std::string name_parts;  // "_a_lower": PostgreSQL's generated name has each key and INCLUDE column
  for (const auto& elem : stmt.columns) {
    if (elem.nulls != ast::OrderByItem::Nulls::kDefault) {
      throw Error(sqlstate::kFeatureNotSupported, "NULLS FIRST/LAST in indexes is not supported yet");
    }
    const ast::Expr* expr = elem.expr.get();
    std::string column = elem.column;
    // ((a)): a parenthesized column is the column itself.
    if (expr && expr->kind == ast::ExprKind::kColumnRef) {
      const auto& ref = static_cast<const ast::ColumnRef&>(*expr);
      if (!ref.star && ref.names.size() == 1) {
        column = ref.names[0];
        expr = nullptr;
      }
    }
    if (expr) {
      std::vector<uint32_t> used;
      BoundExprPtr bound = binder.BindRowExpression(*table, *expr, Binder::RowExpression::kIndexExpression, &used);
      if (bound->type.id == TypeId::kArray) {
        throw Error(sqlstate::kFeatureNotSupported, "indexes on array expressions are not supported yet");
      }
      AddUsed(&idx.expression_columns, used);
      idx.columns.push_back(IndexEntry::kExpression);
      idx.expressions.push_back(ast::ExprToString(*expr));
      std::string part = ast::FigureColumnName(*expr);
      name_parts += "_" + (part == "?column?" ? std::string("expr") : part);
    } else {
      int c = ColumnOf(*table, column);
      RequireIndexable(*table, {static_cast<uint32_t>(c)});
      idx.columns.push_back(static_cast<uint32_t>(c));
      name_parts += "_" + table->columns[c].name;
    }
    idx.descending.push_back(elem.dir == ast::OrderByItem::Dir::kDesc);
  }
  for (const auto& name : stmt.include) {
    int c = ColumnOf(*table, name);
    idx.include.push_back(static_cast<uint32_t>(c));
    name_parts += "_" + table->columns[c].name;
  }
  if (stmt.where) {
    std::vector<uint32_t> used;
    binder.BindRowExpression(*table, *stmt.where, Binder::RowExpression::kIndexPredicate, &used);
    AddUsed(&idx.expression_columns, used);
    idx.predicate = ast::ExprToString(*stmt.where);
  }
  idx.name = stmt.name.empty() ? UniqueName(change.catalog(), table->schema_id, table->name + name_parts, "idx") : stmt.name;
  if (change->RelationExists(table->schema_id, idx.name)) {
    if (stmt.if_not_exists) return {"CREATE INDEX"};
    throw Error(sqlstate::kDuplicateTable, "relation \"" + idx.name + "\" already exists");
  }
  idx.id = change.AllocateId();
  idx.unique = stmt.unique;
  idx.nulls_not_distinct = stmt.unique && stmt.nulls_not_distinct;
  TableEntry updated = *table;
  updated.indexes.push_back(idx);
  const IndexEntry& added = updated.indexes.back();

  ExecutionContext exec = ctx.MakeExecutionContext();
  exec.fn.catalog = &change.catalog();
  access::BuildIndexEntries(exec, updated, added);
  updated.schema_version++;
  change.PutTable(std::move(updated));
  change.Publish();
  return {"CREATE INDEX"};
}

}  // namespace kanto::commands
