// CREATE TABLE [IF NOT EXISTS] t (columns, PRIMARY KEY / UNIQUE constraints).
#include "commands/column_definition.hpp"
#include "commands/commands.hpp"
#include "commands/relation_names.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {
[[noreturn]] void MultiplePrimaryKeys(const std::string& table, int location) {
  throw At(Error(sqlstate::kInvalidTableDefinition, "multiple primary keys for table \"" + table + "\" are not allowed"),
           location);
}
}  // namespace

CommandResult Execute(const ast::CreateTableStmt& stmt, CommandContext& ctx) {
  if (stmt.as_select) return ExecuteCreateTableAs(stmt, ctx);
  if (stmt.temporary) throw Error(sqlstate::kFeatureNotSupported, "temporary tables are not supported yet");
  CatalogChange change(ctx);
  uint32_t schema_id = CreationSchema(change.catalog(), stmt.table.schema, stmt.table.location);
  if (change->RelationExists(schema_id, stmt.table.name)) {
    if (stmt.if_not_exists) return {"CREATE TABLE"};
    throw At(Error(sqlstate::kDuplicateTable, "relation \"" + stmt.table.name + "\" already exists"),
             stmt.table.location);
  }
  TableEntry t;
  t.id = change.AllocateId();
  t.schema_id = schema_id;
  t.name = stmt.table.name;
  std::vector<uint32_t> pk;
  std::vector<std::vector<uint32_t>> uniques;
  for (const auto& def : stmt.columns) {
    if (t.FindColumn(def.name) >= 0) {
      throw At(Error(sqlstate::kDuplicateColumn, "column \"" + def.name + "\" specified more than once"), def.location);
    }
    uint32_t pos = static_cast<uint32_t>(t.columns.size());
    t.columns.push_back(DefineColumn(def, t.name));
    if (def.primary_key) {
      if (!pk.empty()) MultiplePrimaryKeys(t.name, def.location);
      pk.push_back(pos);
    }
    if (def.unique) uniques.push_back({pos});
  }
  for (const auto& con : stmt.constraints) {
    std::vector<uint32_t> cols;
    for (const auto& name : con.columns) {
      int idx = t.FindColumn(name);
      if (idx < 0) {
        throw At(Error(sqlstate::kUndefinedColumn, "column \"" + name + "\" named in key does not exist"), con.location);
      }
      cols.push_back(static_cast<uint32_t>(idx));
    }
    switch (con.type) {
      case ast::TableConstraint::Type::kPrimaryKey:
        if (!pk.empty()) MultiplePrimaryKeys(t.name, con.location);
        pk = cols;
        for (uint32_t c : cols) t.columns[c].not_null = true;
        break;
      case ast::TableConstraint::Type::kUnique:
        uniques.push_back(cols);
        break;
      case ast::TableConstraint::Type::kCheck:
        throw At(Error(sqlstate::kFeatureNotSupported, "CHECK constraints are not supported yet"), con.location);
      case ast::TableConstraint::Type::kForeignKey:
        throw At(Error(sqlstate::kFeatureNotSupported, "foreign keys are not supported yet"), con.location);
    }
  }
  for (size_t i = 0; i < stmt.columns.size(); i++) {
    AddColumnSequence(stmt.columns[i], change, ctx, &t, static_cast<uint32_t>(i));
  }
  // Validate defaults now: they must bind and convert to the column type.
  for (size_t i = 0; i < t.columns.size(); i++) CheckColumnDefault(change.catalog(), t, i);
  RequireIndexable(t, pk);
  for (const auto& cols : uniques) RequireIndexable(t, cols);
  if (!pk.empty()) {
    t.indexes.push_back(MakeConstraintIndex(change.catalog(), change.AllocateId(), t, pk, true));
    t.primary_index = 0;
  } else {
    t.rowid_index_id = change.AllocateId();
  }
  for (size_t i = 0; i < uniques.size(); i++) {
    const auto& cols = uniques[i];
    // A constraint on the same columns as the primary key or an earlier UNIQUE adds no index.
    bool repeated = cols == pk;
    for (size_t k = 0; k < i; k++) repeated = repeated || uniques[k] == cols;
    if (repeated) continue;
    t.indexes.push_back(MakeConstraintIndex(change.catalog(), change.AllocateId(), t, cols, false));
  }
  change.PutTable(std::move(t));
  change.Publish();
  return {"CREATE TABLE"};
}

}  // namespace kanto::commands
