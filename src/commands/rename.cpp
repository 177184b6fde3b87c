// ALTER TABLE / VIEW / SEQUENCE / INDEX [IF EXISTS] name RENAME TO new, and ALTER TABLE t RENAME
// [COLUMN] a TO b, ALTER TABLE t RENAME CONSTRAINT c TO d.
#include <algorithm>
#include <utility>

#include "commands/column_definition.hpp"
#include "commands/commands.hpp"
#include "commands/dependents.hpp"
#include "commands/relation_names.hpp"
#include "commands/sequence_definition.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {

using O = ast::RenameStmt::ObjectType;

CommandResult RenameColumn(const ast::RenameStmt& stmt, const TableEntry& table, CatalogChange& change) {
  if (table.is_view()) throw Error(sqlstate::kFeatureNotSupported, "renaming view columns is not supported yet");
  int c = table.FindColumn(stmt.column);
  if (c < 0) throw Error(sqlstate::kUndefinedColumn, "column \"" + stmt.column + "\" does not exist");
  if (table.FindColumn(stmt.new_name) >= 0) {
    throw Error(sqlstate::kDuplicateColumn,
                "column \"" + stmt.new_name + "\" of relation \"" + table.name + "\" already exists");
  }
  for (const auto& check : table.checks) {
    if (std::find(check.columns.begin(), check.columns.end(), static_cast<uint32_t>(c)) != check.columns.end()) {
      throw Error(sqlstate::kFeatureNotSupported,
                  "renaming a column used by a CHECK constraint (\"" + check.name + "\") is not supported yet");
    }
  }
  for (const auto& index : table.indexes) {
    const auto& used = index.expression_columns;
    if (std::find(used.begin(), used.end(), static_cast<uint32_t>(c)) != used.end()) {
      throw Error(sqlstate::kFeatureNotSupported, "renaming a column used by the expression or predicate of index \"" +
                                                      index.name + "\" is not supported yet");
    }
  }
  if (!GeneratedColumnsUsing(table, static_cast<uint32_t>(c)).empty()) {
    throw Error(sqlstate::kFeatureNotSupported, "renaming a column used by a generated column is not supported yet");
  }
  RefuseIfViewsDepend(change.catalog(), ObjectAddress::Column(table.id, static_cast<uint32_t>(c)), "rename");
  TableEntry updated = table;
  updated.columns[c].name = stmt.new_name;
  updated.schema_version++;
  change.PutTable(std::move(updated));
  change.Publish();
  return {"ALTER TABLE"};
}

// RENAME CONSTRAINT: a CHECK or FOREIGN KEY constraint, or a PRIMARY KEY / UNIQUE constraint with its index.
CommandResult RenameConstraint(const ast::RenameStmt& stmt, const TableEntry& table, CatalogChange& change) {
  const CheckEntry* check = table.FindCheck(stmt.column);
  const IndexEntry* index = table.FindConstraintIndex(stmt.column);
  const ForeignKeyEntry* fk = table.FindForeignKey(stmt.column);
  if (!check && !index && !fk) {
    throw Error(sqlstate::kUndefinedObject,
                "constraint \"" + stmt.column + "\" for table \"" + table.name + "\" does not exist");
  }
  if (table.HasConstraint(stmt.new_name)) {
    throw Error(sqlstate::kDuplicateObject,
                "constraint \"" + stmt.new_name + "\" for relation \"" + table.name + "\" already exists");
  }
  if (index && change->RelationExists(table.schema_id, stmt.new_name)) {
    throw Error(sqlstate::kDuplicateTable, "relation \"" + stmt.new_name + "\" already exists");
  }
  TableEntry updated = table;
  for (auto& c : updated.checks) {
    if (c.name == stmt.column) c.name = stmt.new_name;
  }
  for (auto& f : updated.foreign_keys) {
    if (f.name == stmt.column) f.name = stmt.new_name;
  }
  for (auto& idx : updated.indexes) {
    if (idx.constraint && idx.name == stmt.column) idx.name = stmt.new_name;
  }
  updated.schema_version++;
  change.PutTable(std::move(updated));
  change.Publish();
  return {"ALTER TABLE"};
}

}  // namespace

CommandResult Execute(const ast::RenameStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  const ast::RangeVar& rv = stmt.relation;
  RelationRef rel;
  try {
    rel = LookupRelation(change.catalog(), change.path(), rv.schema, rv.name, rv.location);
  } catch (Error&) {
    if (stmt.missing_ok) return {AlterCommandTag(stmt.object_type)};
    throw;
  }
  const TableEntry* table = rel.index ? nullptr : rel.table;
  const SequenceEntry* seq = rel.sequence;
  const IndexEntry* index = rel.index;
  const TableEntry* index_table = rel.index ? rel.table : nullptr;
  const SchemaEntry* schema = change->GetSchema(rel.schema_id);
  if (!table && !seq && !index) {
    if (stmt.missing_ok) return {AlterCommandTag(stmt.object_type)};  // NOTICE: relation does not exist, skipping
    throw At(Error(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist"), rv.location);
  }
  if (stmt.object_type == O::kColumn) {
    if (!table) throw Error(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is not a table, view, or foreign table");
    return RenameColumn(stmt, *table, change);
  }
  if (stmt.object_type == O::kConstraint) {
    if (!table || table->is_view()) throw Error(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is not a table");
    return RenameConstraint(stmt, *table, change);
  }
  if ((stmt.object_type == O::kSequence && !seq) || (stmt.object_type == O::kView && !(table && table->is_view())) ||
      (stmt.object_type == O::kIndex && !index)) {
    const char* kind = stmt.object_type == O::kSequence ? "sequence" : stmt.object_type == O::kView ? "view" : "index";
    throw Error(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is not a" + (kind[0] == 'i' ? "n " : " ") + kind);
  }
  if (change->RelationExists(schema->id, stmt.new_name)) {
    throw Error(sqlstate::kDuplicateTable, "relation \"" + stmt.new_name + "\" already exists");
  }
  if (table || seq) {
    RefuseIfViewsDepend(change.catalog(), ObjectAddress::Relation(table ? table->id : seq->id), "rename");
  }
  if (table) {
    TableEntry updated = *table;
    updated.name = stmt.new_name;
    updated.schema_version++;
    change.PutTable(std::move(updated));
  } else if (seq) {
    SequenceEntry before = *seq, after = *seq;
    after.name = stmt.new_name;
    change.PutSequence(after);
    FollowSequenceInDefaults(change, before, after);
  } else {
    TableEntry updated = *index_table;
    for (auto& idx : updated.indexes) {
      if (idx.id == index->id) idx.name = stmt.new_name;
    }
    updated.schema_version++;
    change.PutTable(std::move(updated));
  }
  change.Publish();
  return {AlterCommandTag(stmt.object_type)};
}

}  // namespace kanto::commands
