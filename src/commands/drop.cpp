// DROP TABLE / VIEW / INDEX / SCHEMA [IF EXISTS] ... [CASCADE]: the catalog records and every key
// stored under the objects go, in the statement's transaction.
#include "access/index_maintenance.hpp"
#include "commands/commands.hpp"
#include "commands/sequence_definition.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

namespace {

CommandResult DropTables(const ast::DropStmt& stmt, CatalogChange& change, bool views) {
  BinderEnv env;
  env.catalog = &change.catalog();
  Binder binder(env);
  for (const auto& rv : stmt.objects) {
    const TableEntry* t = nullptr;
    try {
      t = binder.ResolveTable(rv);
    } catch (Error& e) {
      if (stmt.if_exists && (e.sqlstate() == sqlstate::kUndefinedTable || e.sqlstate() == sqlstate::kInvalidSchemaName)) {
        continue;
      }
      throw;
    }
    if (t->is_view() != views) {
      throw Error(sqlstate::kWrongObjectType, "\"" + t->name + "\" is not a " + (views ? "view" : "table"))
          .WithHint(views ? "Use DROP TABLE to remove a table." : "Use DROP VIEW to remove a view.");
    }
    change.DropTable(*t);
  }
  change.Publish();
  return {views ? "DROP VIEW" : "DROP TABLE"};
}

CommandResult DropIndexes(const ast::DropStmt& stmt, CatalogChange& change, CommandContext& ctx) {
  for (const auto& rv : stmt.objects) {
    const TableEntry* table = nullptr;
    const IndexEntry* idx = nullptr;
    const SchemaEntry* schema = change->FindSchema(rv.schema.empty() ? "public" : rv.schema);
    if (schema) idx = change->FindIndex(schema->id, rv.name, &table);
    if (!idx) {
      if (stmt.if_exists) continue;
      throw Error(sqlstate::kUndefinedObject, "index \"" + rv.name + "\" does not exist");
    }
    if (idx->constraint) {  // PRIMARY KEY and UNIQUE constraints are dropped with ALTER TABLE
      throw Error(sqlstate::kDependentObjectsStillExist, "cannot drop index " + idx->name + " because constraint " +
                                                             idx->name + " on table " + table->name + " requires it")
          .WithHint("You can drop constraint " + idx->name + " on table " + table->name + " instead.");
    }
    TableEntry updated = *table;
    access::DeleteIndexData(*ctx.txn, table->id, idx->id);
    for (size_t i = 0; i < updated.indexes.size(); i++) {
      if (updated.indexes[i].id == idx->id) {
        updated.indexes.erase(updated.indexes.begin() + i);
        break;
      }
    }
    if (updated.primary_index > 0) {
      for (size_t i = 0; i < updated.indexes.size(); i++) {
        if (updated.indexes[i].primary) updated.primary_index = static_cast<int>(i);
      }
    }
    updated.schema_version++;
    change.PutTable(std::move(updated));
  }
  change.Publish();
  return {"DROP INDEX"};
}

// The columns whose DEFAULT draws from `seq` (nextval('seq'...)), by the text of the default.
std::vector<std::pair<const TableEntry*, size_t>> DefaultsUsing(const Catalog& catalog, const SequenceEntry& seq) {
  std::vector<std::pair<const TableEntry*, size_t>> out;
  size_t length;
  for (const TableEntry* t : catalog.Tables()) {
    for (size_t c = 0; c < t->columns.size(); c++) {
      if (FindNextvalCall(t->columns[c].default_sql, catalog, seq, &length) != std::string::npos) out.push_back({t, c});
    }
  }
  return out;
}

CommandResult DropSequences(const ast::DropStmt& stmt, CatalogChange& change) {
  for (const auto& rv : stmt.objects) {
    const SequenceEntry* seq = FindSequence(change.catalog(), rv);
    if (!seq) {
      if (stmt.if_exists) continue;  // NOTICE: sequence does not exist, skipping
      const SchemaEntry* s = change->FindSchema(rv.schema.empty() ? "public" : rv.schema);
      if (change->RelationExists(s->id, rv.name)) {
        throw Error(sqlstate::kWrongObjectType, "\"" + rv.name + "\" is not a sequence")
            .WithHint("Use DROP TABLE to remove a table.");
      }
      throw Error(sqlstate::kUndefinedTable, "sequence \"" + rv.name + "\" does not exist");
    }
    if (seq->identity) {
      const TableEntry* t = change->GetTable(seq->owner_table);
      std::string column = t ? t->columns[seq->owner_column].name : "?";
      std::string table = t ? t->name : "?";
      throw Error(sqlstate::kDependentObjectsStillExist, "cannot drop sequence " + seq->name + " because column " +
                                                             column + " of table " + table + " requires it")
          .WithHint("You can drop column " + column + " of table " + table + " instead.");
    }
    auto users = DefaultsUsing(change.catalog(), *seq);
    if (!users.empty() && !stmt.cascade) {
      throw Error(sqlstate::kDependentObjectsStillExist,
                  "cannot drop sequence " + seq->name + " because other objects depend on it")
          .WithDetail("default value for column " + users[0].first->columns[users[0].second].name + " of table " +
                      users[0].first->name + " depends on sequence " + seq->name)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    for (const auto& [t, c] : users) {  // CASCADE: the defaults go
      TableEntry updated = *t;
      updated.columns[c].default_sql.clear();
      updated.schema_version++;
      change.PutTable(std::move(updated));
    }
    change.DropSequence(*seq);
  }
  change.Publish();
  return {"DROP SEQUENCE"};
}

CommandResult DropSchemas(const ast::DropStmt& stmt, CatalogChange& change) {
  for (const auto& rv : stmt.objects) {
    const SchemaEntry* s = change->FindSchema(rv.name);
    if (!s) {
      if (stmt.if_exists) continue;
      throw Error(sqlstate::kInvalidSchemaName, "schema \"" + rv.name + "\" does not exist");
    }
    if (s->id == kPgCatalogSchemaId || s->id == kInformationSchemaId) {
      throw Error(sqlstate::kDependentObjectsStillExist,
                  "cannot drop schema " + s->name + " because it is required by the database system");
    }
    std::vector<const TableEntry*> tables;
    for (const TableEntry* t : change->Tables()) {
      if (t->schema_id == s->id) tables.push_back(t);
    }
    std::vector<uint32_t> sequences;
    for (const SequenceEntry* seq : change->Sequences()) {
      if (seq->schema_id == s->id) sequences.push_back(seq->id);
    }
    if ((!tables.empty() || !sequences.empty()) && !stmt.cascade) {
      std::string first = !tables.empty() ? (tables[0]->is_view() ? "view " : "table ") + s->name + "." + tables[0]->name
                                           : "sequence " + s->name + "." + change->GetSequence(sequences[0])->name;
      throw Error(sqlstate::kDependentObjectsStillExist, "cannot drop schema " + s->name + " because other objects depend on it")
          .WithDetail(first + " depends on schema " + s->name)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    uint32_t id = s->id;
    for (const TableEntry* t : tables) change.DropTable(*t);
    for (uint32_t seq_id : sequences) {
      if (const SequenceEntry* seq = change->GetSequence(seq_id)) change.DropSequence(*seq);  // not owned by a table
    }
    change.RemoveSchema(id);
  }
  change.Publish();
  return {"DROP SCHEMA"};
}

}  // namespace

CommandResult Execute(const ast::DropStmt& stmt, CommandContext& ctx) {
  using O = ast::DropStmt::ObjectType;
  CatalogChange change(ctx);
  switch (stmt.object_type) {
    case O::kTable: return DropTables(stmt, change, false);
    case O::kView: return DropTables(stmt, change, true);
    case O::kIndex: return DropIndexes(stmt, change, ctx);
    case O::kSchema: return DropSchemas(stmt, change);
    case O::kSequence: return DropSequences(stmt, change);
    default: throw Error(sqlstate::kFeatureNotSupported, "DROP of this object type is not supported yet");
  }
}

}  // namespace kanto::commands
