#include "commands/column_definition.hpp"

#include "common/sql_text.hpp"
#include "commands/command_context.hpp"
#include "commands/sequence_definition.hpp"
#include "kanto/error.hpp"
#include "parser/ast_to_string.hpp"
#include "parser/parser.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

ColumnEntry DefineColumn(const ast::ColumnDef& def, const std::string& table_name) {
  ColumnEntry c;
  c.name = def.name;
  c.type = Binder::ResolveTypeName(def.type);
  c.not_null = def.not_null || def.primary_key;
  if (def.not_null && def.explicit_null) {
    throw At(Error(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL declarations for column \"" + def.name +
                                               "\" of table \"" + table_name + "\""),
             def.location);
  }
  if (def.default_value) c.default_sql = ast::ExprToString(*def.default_value);
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

void CheckColumnDefault(const Catalog& catalog, const TableEntry& table, size_t column) {
  if (table.columns[column].default_sql.empty()) return;
  FunctionContext fn;  // 'seq'::regclass in the default resolves against the catalog being changed
  fn.catalog = &catalog;
  BinderEnv env;
  env.catalog = &catalog;
  env.fn_ctx = &fn;
  Binder binder(env);
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
