// CREATE TABLE [IF NOT EXISTS] t (columns, LIKE source [INCLUDING ...] (table_like.hpp), PRIMARY KEY /
// UNIQUE / CHECK / FOREIGN KEY constraints); no columns at all is a table too.
#include <map>

#include "access/bulk_insert.hpp"
#include "commands/check_constraint.hpp"
#include "commands/column_definition.hpp"
#include "commands/commands.hpp"
#include "commands/foreign_key_definition.hpp"
#include "commands/temp_schema.hpp"
#include "commands/relation_names.hpp"
#include "commands/table_like.hpp"
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
  CatalogChange change(ctx);
  bool temporary = stmt.temporary;
  uint32_t schema_id = CreationSchemaFor(change, ctx, stmt.table, &temporary);
  if (change->RelationExists(schema_id, stmt.table.name)) {
    if (stmt.if_not_exists) return {"CREATE TABLE"};
    throw At(Error(sqlstate::kDuplicateTable, "relation \"" + stmt.table.name + "\" already exists"),
             stmt.table.location);
  }
  TableEntry t;
  t.owner = change.current_role_id();
  t.id = change.AllocateId();
  t.schema_id = schema_id;
  t.name = stmt.table.name;
  // The key constraints (the primary key first when given) and the CHECK constraints, in order.
  struct Key {
    std::vector<uint32_t> columns;
    std::string name;
    bool nulls_not_distinct = false;
  };
  std::vector<uint32_t> pk;
  std::string pk_name;
  std::vector<Key> uniques;
  std::vector<const ast::TableConstraint*> checks;
  std::vector<std::pair<const ast::TableConstraint*, int>> foreign_keys;  // with the column of a REFERENCES
  auto add_key = [&](const ast::TableConstraint& con, std::vector<uint32_t> cols) {
    if (con.type == ast::TableConstraint::Type::kPrimaryKey) {
      if (!pk.empty()) MultiplePrimaryKeys(t.name, con.location);
      pk = std::move(cols);
      pk_name = con.name;
      for (uint32_t c : pk) t.columns[c].not_null = true;
    } else {
      uniques.push_back(Key{std::move(cols), con.name, con.nulls_not_distinct});
    }
  };
  // LIKE clauses put the source's columns where they stand among the columns written.
  std::vector<LikeSource> likes = ResolveLikeSources(change, stmt);
  size_t next_like = 0;
  auto append_likes = [&](size_t before_column) {
    for (; next_like < likes.size() && stmt.likes[next_like].position == before_column; next_like++) {
      AppendLikeColumns(likes[next_like], &t);
    }
  };
  std::vector<uint32_t> def_positions;  // each written column's position
  FunctionContext session = ctx.fn;  // DEFAULTs are read and stored under the session's settings
  session.catalog = &change.catalog();
  for (const auto& def : stmt.columns) {
    append_likes(def_positions.size());
    if (t.FindColumn(def.name) >= 0) {
      throw At(Error(sqlstate::kDuplicateColumn, "column \"" + def.name + "\" specified more than once"), def.location);
    }
    uint32_t pos = static_cast<uint32_t>(t.columns.size());
    def_positions.push_back(pos);
    t.columns.push_back(DefineColumn(def, t.name, session));
    for (const auto& con : def.constraints) {
      if (con.type == ast::TableConstraint::Type::kCheck) {
        checks.push_back(&con);
      } else if (con.type == ast::TableConstraint::Type::kForeignKey) {
        foreign_keys.emplace_back(&con, static_cast<int>(pos));
      } else {
        add_key(con, {pos});
      }
    }
  }
  append_likes(stmt.columns.size());
  for (const auto& con : stmt.constraints) {
    if (con.type == ast::TableConstraint::Type::kCheck) {
      checks.push_back(&con);
      continue;
    }
    if (con.type == ast::TableConstraint::Type::kForeignKey) {
      foreign_keys.emplace_back(&con, -1);
      continue;
    }
    std::vector<uint32_t> cols;
    for (const auto& name : con.columns) {
      int idx = t.FindColumn(name);
      if (idx < 0) {
        throw At(Error(sqlstate::kUndefinedColumn, "column \"" + name + "\" named in key does not exist"), con.location);
      }
      cols.push_back(static_cast<uint32_t>(idx));
    }
    add_key(con, std::move(cols));
  }
  // INCLUDING INDEXES: the source's primary key and UNIQUE constraints join the table's own; its
  // other indexes are added after them.
  std::vector<std::pair<const IndexEntry*, std::vector<uint32_t>>> like_indexes;
  for (const LikeSource& like : likes) {
    if (!like.includes(ast::TableLikeClause::kIndexes)) continue;
    for (const IndexEntry& idx : like.table->indexes) {
      std::vector<uint32_t> cols;
      for (uint32_t c : idx.columns) cols.push_back(like.positions[c]);
      if (idx.primary) {
        if (!pk.empty()) MultiplePrimaryKeys(t.name, stmt.table.location);
        pk = std::move(cols);
        for (uint32_t c : pk) t.columns[c].not_null = true;
      } else if (idx.constraint) {
        uniques.push_back(Key{std::move(cols), "", idx.nulls_not_distinct});
      } else {
        like_indexes.emplace_back(&idx, std::move(cols));
      }
    }
  }
  for (size_t i = 0; i < stmt.columns.size(); i++) {
    AddColumnSequence(stmt.columns[i], change, ctx, &t, def_positions[i]);
  }
  for (const LikeSource& like : likes) AddLikeIdentities(like, change, ctx, &t);
  // Validate defaults now: they must bind and convert to the column type.
  for (size_t i = 0; i < t.columns.size(); i++) CheckColumnDefault(change.catalog(), t, i);
  RequireIndexable(t, pk);
  for (const auto& key : uniques) RequireIndexable(t, key.columns);
  // A constraint like the primary key or an earlier UNIQUE adds no index; its name goes to that
  // index if it has none, as in PostgreSQL.
  for (size_t i = 0; i < uniques.size(); i++) {
    Key& key = uniques[i];
    std::string* earlier_name = key.columns == pk && !key.nulls_not_distinct ? &pk_name : nullptr;
    for (size_t k = 0; k < i && !earlier_name; k++) {
      Key& prior = uniques[k];
      if (!prior.columns.empty() && prior.columns == key.columns && prior.nulls_not_distinct == key.nulls_not_distinct) {
        earlier_name = &prior.name;
      }
    }
    if (!earlier_name) continue;
    if (earlier_name->empty()) *earlier_name = key.name;
    key.columns.clear();
  }
  if (!pk.empty()) {
    t.indexes.push_back(MakeConstraintIndex(change.catalog(), change.AllocateId(), t, pk, true, pk_name));
    t.primary_index = 0;
  } else {
    t.rowid_index_id = change.AllocateId();
  }
  for (const auto& key : uniques) {
    if (key.columns.empty()) continue;
    IndexEntry idx = MakeConstraintIndex(change.catalog(), change.AllocateId(), t, key.columns, false, key.name);
    idx.nulls_not_distinct = key.nulls_not_distinct;
    t.indexes.push_back(std::move(idx));
  }
  std::map<uint32_t, uint32_t> like_ids;  // source index or CHECK id -> its copy's
  for (const auto& [source, cols] : like_indexes) {
    t.indexes.push_back(LikeIndex(change, t, *source, cols, change.AllocateId()));
    like_ids[source->id] = t.indexes.back().id;
  }
  // Named constraints take their names as given: one already used (by a relation, this table or
  // another constraint here) is PostgreSQL's 42P07.
  for (size_t i = 0; i < t.indexes.size(); i++) {
    const std::string& name = t.indexes[i].name;
    bool taken = name == t.name || change->RelationExists(schema_id, name);
    for (size_t k = 0; k < i; k++) taken = taken || t.indexes[k].name == name;
    if (taken) throw Error(sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists");
  }
  // Names are chosen after the indexes', as PostgreSQL adds CHECK constraints with the table and
  // looks for free names among the constraints of the schema.
  for (const LikeSource& like : likes) AddLikeChecks(like, change, &t, &like_ids);
  for (const ast::TableConstraint* con : checks) {
    t.checks.push_back(DefineCheck(change.catalog(), ctx.fn, t, *con, change.AllocateId(), t.checks));
  }
  // Foreign keys come last, as PostgreSQL adds them once the table exists (so they may reference
  // its own keys). A new table has no rows to validate.
  for (const auto& [con, column] : foreign_keys) {
    t.foreign_keys.push_back(
        DefineForeignKey(change.catalog(), t, *con, column, change.AllocateId(), t.foreign_keys, change.path().user));
  }
  uint32_t id = t.id;
  access::NoteRowsOwnedByTransaction(*ctx.txn, t);  // (COPY ... FREEZE may bulk load them)
  change.PutTable(std::move(t));
  for (const LikeSource& like : likes) CopyLikeComments(like, change, *change->GetTable(id), like_ids);
  change.Publish();
  if (temporary && stmt.on_commit) ctx.on_commit(id, stmt.on_commit);
  return {"CREATE TABLE"};
}

}  // namespace kanto::commands
