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
  std::string pk_name;  // CONSTRAINT name; empty: t_pkey
  struct Unique {
    std::vector<uint32_t> cols;
    std::string name;  // empty: t_col_key
  };
  std::vector<Unique> uniques;
  for (const auto& def : stmt.columns) {
    if (t.FindColumn(def.name) >= 0) {
      throw At(Error(sqlstate::kDuplicateColumn, "column \"" + def.name + "\" specified more than once"), def.location);
    }
    uint32_t pos = static_cast<uint32_t>(t.columns.size());
    t.columns.push_back(DefineColumn(def, t.name));
    if (def.primary_key) {
      if (!pk.empty()) MultiplePrimaryKeys(t.name, def.location);
      pk.push_back(pos);
      pk_name = def.primary_key_name;
    }
    if (def.unique) uniques.push_back({{pos}, def.unique_name});
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
        pk_name = con.name;
        for (uint32_t c : cols) t.columns[c].not_null = true;
        break;
      case ast::TableConstraint::Type::kUnique:
        uniques.push_back({cols, con.name});
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
  for (const auto& u : uniques) RequireIndexable(t, u.cols);
  // A constraint on the same columns as the primary key or an earlier UNIQUE adds no index; its
  // name goes to that index if it has none, as in PostgreSQL.
  std::vector<bool> repeated(uniques.size(), false);
  for (size_t i = 0; i < uniques.size(); i++) {
    std::string* earlier_name = uniques[i].cols == pk ? &pk_name : nullptr;
    for (size_t k = 0; k < i && !earlier_name; k++) {
      if (!repeated[k] && uniques[k].cols == uniques[i].cols) earlier_name = &uniques[k].name;
    }
    if (!earlier_name) continue;
    repeated[i] = true;
    if (earlier_name->empty()) *earlier_name = uniques[i].name;
  }
  if (!pk.empty()) {
    t.indexes.push_back(MakeConstraintIndex(change.catalog(), change.AllocateId(), t, pk, true, pk_name));
    t.primary_index = 0;
  } else {
    t.rowid_index_id = change.AllocateId();
  }
  for (size_t i = 0; i < uniques.size(); i++) {
    if (repeated[i]) continue;
    t.indexes.push_back(MakeConstraintIndex(change.catalog(), change.AllocateId(), t, uniques[i].cols, false, uniques[i].name));
  }
  // Named constraints take their names as given: one already used (by a relation, this table or
  // another constraint here) is PostgreSQL's 42P07.
  for (size_t i = 0; i < t.indexes.size(); i++) {
    const std::string& name = t.indexes[i].name;
    bool taken = name == t.name || change->RelationExists(schema_id, name);
    for (size_t k = 0; k < i; k++) taken = taken || t.indexes[k].name == name;
    if (taken) throw Error(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  }
  change.PutTable(std::move(t));
  change.Publish();
  return {"CREATE TABLE"};
}

}  // namespace kanto::commands
