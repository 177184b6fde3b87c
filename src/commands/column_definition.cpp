#include "commands/column_definition.hpp"

#include <algorithm>

#include "catalog/nextval_default.hpp"
#include "catalog/search_path.hpp"
#include "common/sql_text.hpp"
#include "commands/command_context.hpp"
#include "commands/expression_text.hpp"
#include "commands/sequence_definition.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "parser/ast_to_string.hpp"
#include "parser/parser.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

ColumnEntry DefineColumn(const ast::ColumnDef& def, const std::string& table_name, const FunctionContext& session) {
  ColumnEntry c;
  c.name = def.name;
  try {
    c.type = Binder::ResolveTypeName(def.type, session.catalog, session.search_path);
  } catch (const Error& e) {
    // A table's row type is a type (casts, regtype) but not yet one a column may have.
    if (e.sqlstate() != std::string(sqlstate::kUndefinedObject) || !session.catalog || def.type.names.empty() ||
        def.type.names.size() > 2) {
      throw;
    }
    RelationRef rel = LookupRelation(*session.catalog, session.search_path,
                                     def.type.names.size() == 2 ? def.type.names[0] : "", def.type.names.back());
    if (!rel.table || rel.index) throw;
    throw At(Error(sqlstate::kFeatureNotSupported,
                   "columns of a composite type (" + rel.table->name + ") are not supported yet"),
             def.type.location);
  }
  c.not_null = def.not_null || def.primary_key;
  if (def.not_null && def.explicit_null) {
    throw At(Error(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL declarations for column \"" + def.name +
                                               "\" of table \"" + table_name + "\""),
             def.location);
  }
  if (def.default_value) c.default_sql = DefaultExpressionText(session, *def.default_value, c.type);
  if (def.serial && def.default_value) {
    throw At(Error(sqlstate::kSyntaxError, "multiple default values specified for column \"" + def.name + "\" of table \"" +
                                               table_name + "\""),
             def.location);
  }
  if (def.identity) {
    if (def.default_value || def.serial) {
      throw At(Error(sqlstate::kSyntaxError, "both default and identity specified for column \"" + def.name +
                                                 "\" of table \"" + table_name + "\""),
               def.location);
    }
    if (def.explicit_null) {
      throw At(Error(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL declarations for column \"" + def.name +
                                                 "\" of table \"" + table_name + "\""),
               def.location);
    }
    if (c.type.id != TypeId::kInt2 && c.type.id != TypeId::kInt4 && c.type.id != TypeId::kInt8) {
      throw At(Error(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint"),
               def.location);
    }
    c.identity = def.identity;
  }
  if (def.generated) {
    if (def.default_value || def.serial || def.identity) {
      throw At(Error(sqlstate::kSyntaxError, std::string("both ") + (def.identity ? "identity" : "default") +
                                                 " and generation expression specified for column \"" + def.name +
                                                 "\" of table \"" + table_name + "\""),
               def.generated_location);
    }
    try {
      c.default_sql = ast::ExprToString(*def.generated);
    } catch (Error& e) {
      // The one expression text cannot hold (CheckColumnDefault binds the rest).
      if (def.generated->kind != ast::ExprKind::kSubquery && e.message().find("subqueries") != 0) throw;
      throw At(Error(sqlstate::kFeatureNotSupported, "cannot use subquery in column generation expression"),
               def.generated->location);
    }
    c.generated = 's';
  }
  if (def.serial || def.identity) c.not_null = true;
  return c;
}

void AddColumnSequence(const ast::ColumnDef& def, CatalogChange& change, CommandContext& ctx, TableEntry* table,
                       uint32_t column) {
  if (!def.serial && !def.identity) return;
  uint32_t id = CreateOwnedSequence(change, ctx, *table, column, def.identity_options, def.identity != 0);
  ColumnEntry& c = table->columns[column];
  if (def.identity) {
    c.identity_sequence = id;
  } else {
    c.default_sql = NextvalDefault(change.catalog(), *change->GetSequence(id));
  }
}

std::vector<uint32_t> GeneratedColumnsUsing(const TableEntry& table, uint32_t column) {
  std::vector<uint32_t> out;
  BinderEnv env;
  Binder binder(env);
  for (uint32_t g = 0; g < table.columns.size(); g++) {
    if (!table.columns[g].generated || g == column) continue;
    std::vector<uint32_t> used;
    binder.BindRowExpression(table, table.columns[g].default_sql, Binder::RowExpression::kGeneration, &used);
    if (std::find(used.begin(), used.end(), column) != used.end()) out.push_back(g);
  }
  return out;
}

void CheckColumnDefault(const Catalog& catalog, const TableEntry& table, size_t column) {
  if (table.columns[column].default_sql.empty()) return;
  FunctionContext fn;  // 'seq'::regclass in the default resolves against the catalog being changed
  fn.catalog = &catalog;
  BinderEnv env;
  env.catalog = &catalog;
  env.fn_ctx = &fn;
  Binder binder(env);
  const ColumnEntry& col = table.columns[column];
  if (col.generated) {
    // Over the row's other columns, none of them generated, immutable (42P17), and convertible to
    // the column type (42804).
    std::vector<uint32_t> used;
    BoundExprPtr e = binder.BindRowExpression(table, col.default_sql, Binder::RowExpression::kGeneration, &used);
    for (uint32_t u : used) {
      if (table.columns[u].generated) {
        throw Error(sqlstate::kInvalidObjectDefinition,
                    "cannot use generated column \"" + table.columns[u].name + "\" in column generation expression")
            .WithDetail("A generated column cannot reference another generated column.");
      }
    }
    if (e->type.id != TypeId::kUnknown && e->type.id != col.type.id && !CanCast(e->type, col.type, CastContext::kAssignment)) {
      throw Error(sqlstate::kDatatypeMismatch, "column \"" + col.name + "\" is of type " + col.type.ToString() +
                                                   " but default expression is of type " + e->type.ToString())
          .WithHint("You will need to rewrite or cast the expression.");
    }
    binder.Coerce(std::move(e), col.type, CastContext::kAssignment);  // a literal that is no value of the type: 22P02
    return;
  }
  try {
    binder.BindColumnDefaultForCheck(table, column);
  } catch (Error& e) {
    if (e.sqlstate() == sqlstate::kDatatypeMismatch) {
      auto stmts = ParseSql("SELECT " + table.columns[column].default_sql);
      BoundExprPtr bare =
          binder.BindStandaloneExpr(*static_cast<const ast::SelectStmt&>(*stmts.at(0)).targets.at(0).expr);
      throw Error(sqlstate::kDatatypeMismatch, "column \"" + table.columns[column].name + "\" is of type " +
                                                   table.columns[column].type.ToString() +
                                                   " but default expression is of type " + bare->type.ToString())
          .WithHint("You will need to rewrite or cast the expression.");
    }
    throw;
  }
}

}  // namespace kanto::commands
