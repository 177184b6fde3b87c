// DROP TABLE / VIEW / INDEX / SEQUENCE / SCHEMA [IF EXISTS] ... [CASCADE | RESTRICT]: the catalog
// records and every key stored under the objects go, in the statement's transaction, with what
// depends on them under CASCADE (commands/dependents.hpp); without it a dependent refuses (2BP01).
#include "access/index_maintenance.hpp"
#include "commands/commands.hpp"
#include "commands/dependents.hpp"
#include "commands/sequence_definition.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

namespace {

// DROP ... IF EXISTS of a missing object: PostgreSQL's NOTICE (naming the schema when that is missing).
Error SkippedNotice(const Catalog& catalog, const char* kind, const ast::RangeVar& rv) {
  if (!rv.schema.empty() && !catalog.FindSchema(rv.schema)) {
    return Error(sqlstate::kSuccess, "schema \"" + rv.schema + "\" does not exist, skipping");
  }
  return Error(sqlstate::kSuccess, std::string(kind) + " \"" + rv.name + "\" does not exist, skipping");
}

CommandResult DropTables(const ast::DropStmt& stmt, CatalogChange& change, bool views) {
  std::vector<ObjectAddress> targets;
  CommandResult result{views ? "DROP VIEW" : "DROP TABLE"};
  for (const auto& rv : stmt.objects) {
    const TableEntry* t = nullptr;
    try {
      t = LookupTable(change.catalog(), change.path(), rv.schema, rv.name, rv.location);
    } catch (Error& e) {
      if (stmt.if_exists && (e.sqlstate() == sqlstate::kUndefinedTable || e.sqlstate() == sqlstate::kInvalidSchemaName)) {
        result.notices.push_back(SkippedNotice(change.catalog(), views ? "view" : "table", rv));
        continue;
      }
      throw;
    }
    if (t->is_view() != views) {
      throw Error(sqlstate::kWrongObjectType, "\"" + t->name + "\" is not a " + (views ? "view" : "table"))
          .WithHint(views ? "Use DROP TABLE to remove a table." : "Use DROP VIEW to remove a view.");
    }
    targets.push_back(ObjectAddress::Relation(t->id));
  }
  DropDependents(change, targets, stmt.cascade, &result.notices);
  for (const ObjectAddress& target : targets) {
    if (const TableEntry* t = change->GetTable(target.object_id)) change.DropTable(*t);
  }
  change.Publish();
  return result;
}

CommandResult DropIndexes(const ast::DropStmt& stmt, CatalogChange& change, CommandContext& ctx) {
  CommandResult result{"DROP INDEX"};
  for (const auto& rv : stmt.objects) {
    const TableEntry* table = nullptr;
    const IndexEntry* idx = nullptr;
    RelationRef rel;
    try {
      rel = LookupRelation(change.catalog(), change.path(), rv.schema, rv.name, rv.location);
    } catch (Error&) {
      if (!stmt.if_exists) throw;
    }
    idx = rel.index;
    table = rel.table;
    if (!idx) {
      if (stmt.if_exists) {
        result.notices.push_back(SkippedNotice(change.catalog(), "index", rv));
        continue;
      }
      throw Error(sqlstate::kUndefinedObject, "index \"" + rv.name + "\" does not exist");
    }
    if (idx->constraint) {  // PRIMARY KEY and UNIQUE constraints are dropped with ALTER TABLE
      throw Error(sqlstate::kDependentObjectsStillExist, "cannot drop index " + idx->name + " because constraint " +
                                                             idx->name + " on table " + table->name + " requires it")
          .WithHint("You can drop constraint " + idx->name + " on table " + table->name + " instead.");
    }
    uint32_t index_id = idx->id, table_id = table->id;
    DropDependents(change, {ObjectAddress::Relation(index_id)}, stmt.cascade, &result.notices);
    table = change->GetTable(table_id);
    idx = nullptr;
    for (const auto& i : table->indexes) idx = i.id == index_id ? &i : idx;
    change.RemoveDependencies(index_id);
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
  return result;
}

CommandResult DropSequences(const ast::DropStmt& stmt, CatalogChange& change) {
  std::vector<ObjectAddress> targets;
  CommandResult result{"DROP SEQUENCE"};
  for (const auto& rv : stmt.objects) {
    const SequenceEntry* seq = nullptr;
    RelationRef rel;
    try {
      rel = LookupRelation(change.catalog(), change.path(), rv.schema, rv.name, rv.location);
      seq = rel.sequence;
    } catch (Error&) {
      if (!stmt.if_exists) throw;
    }
    if (!seq) {
      if (stmt.if_exists) {
        result.notices.push_back(SkippedNotice(change.catalog(), "sequence", rv));
        continue;
      }
      if (rel.found()) {
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
    targets.push_back(ObjectAddress::Relation(seq->id));
  }
  DropDependents(change, targets, stmt.cascade, &result.notices);
  for (const ObjectAddress& target : targets) {
    if (const SequenceEntry* seq = change->GetSequence(target.object_id)) change.DropSequence(*seq);
  }
  change.Publish();
  return result;
}

CommandResult DropSchemas(const ast::DropStmt& stmt, CatalogChange& change) {
  std::vector<ObjectAddress> targets;
  CommandResult result{"DROP SCHEMA"};
  for (const auto& rv : stmt.objects) {
    const SchemaEntry* s = change->FindSchema(rv.name);
    if (!s) {
      if (stmt.if_exists) {
        result.notices.push_back(Error(sqlstate::kSuccess, "schema \"" + rv.name + "\" does not exist, skipping"));
        continue;
      }
      throw Error(sqlstate::kInvalidSchemaName, "schema \"" + rv.name + "\" does not exist");
    }
    if (s->id == kPgCatalogSchemaId || s->id == kInformationSchemaId) {
      throw Error(sqlstate::kDependentObjectsStillExist,
                  "cannot drop schema " + s->name + " because it is required by the database system");
    }
    targets.push_back(ObjectAddress::Schema(s->id));
  }
  DropDependents(change, targets, stmt.cascade, &result.notices);
  for (const ObjectAddress& target : targets) change.RemoveSchema(target.object_id);
  change.Publish();
  return result;
}

}  // namespace

CommandResult Execute(const ast::DropStmt& stmt, CommandContext& ctx) {
  using O = ast::DropStmt::ObjectType;
  if (stmt.object_type == O::kType) return ExecuteDropType(stmt, ctx);
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
