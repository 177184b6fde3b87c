// CREATE [OR REPLACE] VIEW v [(columns)] AS query: the query is bound now (it must be valid, and it
// fixes the view's column names and types) and its text is stored to be bound again at each use.
#include "commands/commands.hpp"
#include "commands/relation_names.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

CommandResult Execute(const ast::CreateViewStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  uint32_t schema_id = CreationSchema(change.catalog(), stmt.view.schema, stmt.view.location);
  const TableEntry* existing = change->FindTable(schema_id, stmt.view.name);
  if (existing && !(stmt.replace && existing->is_view())) {
    if (!existing->is_view()) {
      throw At(Error(sqlstate::kWrongObjectType, "\"" + stmt.view.name + "\" is not a view"), stmt.view.location);
    }
    throw At(Error(sqlstate::kDuplicateTable, "relation \"" + stmt.view.name + "\" already exists"), stmt.view.location);
  }
  if (!existing && change->RelationExists(schema_id, stmt.view.name)) {
    throw At(Error(sqlstate::kDuplicateTable, "relation \"" + stmt.view.name + "\" already exists"), stmt.view.location);
  }
  BinderEnv env;
  env.catalog = &change.catalog();
  Binder binder(env);
  std::vector<std::string> names;
  auto plan = binder.BindQuery(*stmt.query, &names);
  auto types = plan->GetTypes();
  if (!env.param_types.empty()) throw Error(sqlstate::kUndefinedParameter, "there is no parameter $1");
  if (stmt.columns.size() > names.size()) {
    throw Error(sqlstate::kSyntaxError, "CREATE VIEW specifies more column names than columns");
  }
  TableEntry t;
  t.id = existing ? existing->id : change.AllocateId();
  t.schema_id = schema_id;
  t.name = stmt.view.name;
  t.view_sql = stmt.definition;
  for (size_t i = 0; i < names.size(); i++) {
    ColumnEntry c;
    c.name = i < stmt.columns.size() ? stmt.columns[i] : names[i];
    c.type = types[i].id == TypeId::kUnknown ? LogicalType(TypeId::kText) : types[i];
    if (t.FindColumn(c.name) >= 0) {
      throw Error(sqlstate::kDuplicateColumn, "column \"" + c.name + "\" specified more than once");
    }
    t.columns.push_back(std::move(c));
  }
  if (existing) t.schema_version = existing->schema_version + 1;
  change.PutTable(std::move(t));
  change.Publish();
  return {"CREATE VIEW"};
}

}  // namespace kanto::commands
