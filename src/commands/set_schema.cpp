// ALTER TABLE / SEQUENCE / VIEW [IF EXISTS] name SET SCHEMA new_schema: the relation moves with its
// indexes and constraints and (a table) the sequences its columns own; DEFAULTs calling nextval on
// a moved sequence follow it. Objects that depend on the relation by id (foreign keys, owned
// sequences) keep working; views, which find what they read by name, refuse the move (0A000).
#include "commands/commands.hpp"
#include "commands/dependents.hpp"
#include "commands/relation_names.hpp"
#include "commands/sequence_definition.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {

using O = ast::AlterObjectSchemaStmt::ObjectType;

bool IsTemporarySchema(const SchemaEntry& schema) { return schema.name.rfind("pg_temp", 0) == 0; }

[[noreturn]] void AlreadyExists(const std::string& name, const SchemaEntry& schema) {
  throw Error(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists in schema \"" + schema.name + "\"");
}

// Moves sequence `seq` to `to` (42P07 when the name is taken there).
void MoveSequence(CatalogChange& change, const SequenceEntry& seq, const SchemaEntry& to) {
  if (change->RelationExists(to.id, seq.name)) AlreadyExists(seq.name, to);
  SequenceEntry before = seq, after = seq;
  after.schema_id = to.id;
  change.PutSequence(after);
  FollowSequenceInDefaults(change, before, after);
}

}  // namespace

CommandResult Execute(const ast::AlterObjectSchemaStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  const ast::RangeVar& rv = stmt.relation;
  CommandResult result{AlterCommandTag(stmt.object_type)};
  RelationRef rel = LookupRelation(change.catalog(), change.path(), rv.schema, rv.name, rv.location);
  if (!rel.found()) {
    if (stmt.missing_ok) {
      result.notices.push_back(Error(sqlstate::kSuccess, "relation \"" + rv.name + "\" does not exist, skipping"));
      return result;
    }
    throw At(Error(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist"), rv.location);
  }
  if (rel.index) {
    throw Error(sqlstate::kWrongObjectType, "cannot change schema of index \"" + rel.index->name + "\"")
        .WithHint("Change the schema of the table instead.");
  }
  const TableEntry* table = rel.table;
  const SequenceEntry* seq = rel.sequence;
  if (stmt.object_type == O::kSequence && !seq) {
    throw At(Error(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is not a sequence"), rv.location);
  }
  if (stmt.object_type == O::kView && !(table && table->is_view())) {
    throw At(Error(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is not a view"), rv.location);
  }
  const SchemaEntry* to = change->FindSchema(stmt.new_schema);
  if (stmt.new_schema == "pg_temp") to = change->GetSchema(ctx.temp_schema(change));
  if (!to) throw Error(sqlstate::kInvalidSchemaName, "schema \"" + stmt.new_schema + "\" does not exist");
  const SchemaEntry* from = change->GetSchema(rel.schema_id);
  if (from->id == to->id) return result;
  if (IsTemporarySchema(*from) || IsTemporarySchema(*to)) {
    throw Error(sqlstate::kFeatureNotSupported, "cannot move objects into or out of temporary schemas");
  }
  if (seq) {
    if (seq->owner_table != 0) {
      const TableEntry* owner = change->GetTable(seq->owner_table);
      throw Error(sqlstate::kFeatureNotSupported, "cannot move an owned sequence into another schema")
          .WithDetail("Sequence \"" + seq->name + "\" is linked to table \"" + (owner ? owner->name : "?") + "\".");
    }
    RefuseIfViewsDepend(change.catalog(), ObjectAddress::Relation(seq->id), "move");
    MoveSequence(change, *seq, *to);
    change.Publish();
    return result;
  }
  RefuseIfViewsDepend(change.catalog(), ObjectAddress::Relation(table->id), "move");
  if (change->RelationExists(to->id, table->name)) AlreadyExists(table->name, *to);
  for (const IndexEntry& index : table->indexes) {
    if (change->RelationExists(to->id, index.name)) AlreadyExists(index.name, *to);
  }
  uint32_t table_id = table->id;
  std::vector<uint32_t> owned;
  for (const SequenceEntry* s : change->OwnedSequences(table_id)) owned.push_back(s->id);
  for (uint32_t id : owned) MoveSequence(change, *change->GetSequence(id), *to);
  TableEntry updated = *change->GetTable(table_id);
  updated.schema_id = to->id;
  updated.schema_version++;
  change.PutTable(std::move(updated));
  change.Publish();
  return result;
}

}  // namespace kanto::commands
