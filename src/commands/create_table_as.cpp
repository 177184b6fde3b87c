// CREATE TABLE ... AS / SELECT ... INTO: a table with the query's columns (no keys, hidden row
// ids), then INSERT INTO it SELECT ...; the tag is "SELECT n" as in PostgreSQL.
#include "commands/commands.hpp"
#include "commands/temp_schema.hpp"
#include "commands/relation_names.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

CommandResult ExecuteCreateTableAs(const ast::CreateTableStmt& stmt, CommandContext& ctx) {
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  {
    auto snapshot = ctx.catalog();
    BinderEnv env;
    env.catalog = snapshot.get();
    env.fn_ctx = &ctx.fn;
    Binder binder(env);
    auto plan = binder.BindQuery(*stmt.as_select, &names);
    types = plan->GetTypes();
  }
  if (stmt.as_columns.size() > names.size()) {
    throw Error(sqlstate::kSyntaxError, "too many column names were specified");
  }
  CatalogChange change(ctx);
  bool temporary = stmt.temporary;
  ast::RangeVar name = stmt.table;
  name.location = -1;  // (PostgreSQL's errors about the schema have no position here)
  uint32_t schema_id = CreationSchemaFor(change, ctx, name, &temporary);
  if (change->RelationExists(schema_id, stmt.table.name)) {
    if (stmt.if_not_exists) return {"CREATE TABLE AS"};
    throw Error(sqlstate::kDuplicateTable, "relation \"" + stmt.table.name + "\" already exists");
  }
  TableEntry t;
  t.owner = change.current_role_id();
  t.id = change.AllocateId();
  t.schema_id = schema_id;
  t.name = stmt.table.name;
  for (size_t i = 0; i < names.size(); i++) {
    ColumnEntry c;
    c.name = i < stmt.as_columns.size() ? stmt.as_columns[i] : names[i];
    if (t.FindColumn(c.name) >= 0) {
      throw Error(sqlstate::kDuplicateColumn, "column \"" + c.name + "\" specified more than once");
    }
    c.type = types[i].id == TypeId::kUnknown ? LogicalType(TypeId::kText) : types[i];
    t.columns.push_back(std::move(c));
  }
  t.rowid_index_id = change.AllocateId();
  uint32_t id = t.id;
  change.PutTable(std::move(t));
  change.Publish();
  if (temporary && stmt.on_commit) ctx.on_commit(id, stmt.on_commit);
  if (stmt.with_no_data) return {"CREATE TABLE AS"};
  uint64_t rows = ctx.run_query(*stmt.as_insert);
  return {"SELECT " + std::to_string(rows), rows};
}

}  // namespace kanto::commands
