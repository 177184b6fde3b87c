#include "commands/temp_schema.hpp"

#include <vector>

#include "access/index_maintenance.hpp"
#include "catalog/object_acl.hpp"
#include "catalog/search_path.hpp"
#include "commands/relation_names.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {
void DropRelationsOf(CatalogChange& change, uint32_t schema_id) {
  std::vector<uint32_t> tables, sequences;
  for (const TableEntry* t : change->Tables()) {
    if (t->schema_id == schema_id) tables.push_back(t->id);
  }
  for (const SequenceEntry* s : change->Sequences()) {
    if (s->schema_id == schema_id) sequences.push_back(s->id);
  }
  for (uint32_t id : tables) {
    if (const TableEntry* t = change->GetTable(id)) change.DropTable(*t);
  }
  for (uint32_t id : sequences) {
    if (const SequenceEntry* s = change->GetSequence(id)) change.DropSequence(*s);  // not owned by a table
  }
}
}  // namespace

uint32_t MakeTempSchema(CatalogChange& change, const std::string& name) {
  if (const SchemaEntry* existing = change->FindSchema(name)) {
    uint32_t id = existing->id;
    DropRelationsOf(change, id);
    return id;
  }
  SchemaEntry s;
  s.id = change.AllocateId();
  s.name = name;
  s.owner = "kanto";  // as PostgreSQL's pg_temp_N belong to the bootstrap superuser
  uint32_t id = s.id;
  change.PutSchema(std::move(s));
  return id;
}

void DropTempSchema(CatalogChange& change, uint32_t schema_id) {
  if (!change->GetSchema(schema_id)) return;
  DropRelationsOf(change, schema_id);
  change.RemoveSchema(schema_id);
}

void ApplyOnCommitActions(CommandContext& ctx, uint32_t schema_id, const std::map<uint32_t, char>& actions) {
  std::vector<uint32_t> drop;
  auto catalog = ctx.catalog();
  for (const auto& [id, action] : actions) {
    const TableEntry* t = catalog->GetTable(id);
    if (!t || t->schema_id != schema_id) continue;
    if (action == 'd') access::DeleteTableData(*ctx.txn, id);  // the rows and their index entries
    if (action == 'x') drop.push_back(id);
  }
  if (drop.empty()) return;
  CatalogChange change(ctx);
  for (uint32_t id : drop) {
    if (const TableEntry* t = change->GetTable(id)) change.DropTable(*t);
  }
  change.Publish();
}

uint32_t CreationSchemaFor(CatalogChange& change, const CommandContext& ctx, const ast::RangeVar& rv, bool* temporary) {
  const SearchPath& path = change.path();
  bool temp = *temporary || rv.schema == "pg_temp";
  if (!temp && rv.schema.empty()) {
    // pg_temp listed before every existing schema makes unqualified CREATE temporary.
    for (const auto& entry : path.entries) {
      if (entry == "pg_temp") {
        temp = true;
        break;
      }
      if (change->FindSchema(entry == "$user" ? path.user : entry)) break;
    }
  }
  if (!temp) {
    uint32_t id = CreationSchema(change, rv);
    const SchemaEntry* s = change->GetSchema(id);
    if (s && IsTempSchemaName(s->name)) {
      if (id != path.temp_schema_id) {
        throw At(Error(sqlstate::kFeatureNotSupported, "cannot create relations in temporary schemas of other sessions"),
                 rv.location);
      }
      *temporary = true;
    }
    return id;
  }
  if (!rv.schema.empty() && rv.schema != "pg_temp") {
    const SchemaEntry* s = change->FindSchema(rv.schema);
    if (!s || s->id != path.temp_schema_id) {
      throw At(Error(sqlstate::kInvalidTableDefinition, "cannot create temporary relation in non-temporary schema"),
               rv.location);
    }
  }
  *temporary = true;
  const DatabaseEntry* db = change->GetDatabase(change->database_id());
  if (!path.temp_schema_id && db && !HasDatabasePrivilege(change.catalog(), path.user, *db, kAclTemporary)) {
    throw At(Error(sqlstate::kInsufficientPrivilege,
                   "permission denied to create temporary tables in database \"" + db->name + "\""),
             rv.location);
  }
  return ctx.temp_schema(change);
}

}  // namespace kanto::commands
