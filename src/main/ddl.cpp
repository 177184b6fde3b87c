// CREATE/DROP of tables, indexes and schemas. Every change goes to a private copy of the catalog
// and into the transaction's storage writes, so ROLLBACK undoes it.
#include "catalog/catalog_manager.hpp"
#include "execution/table_io.hpp"
#include "function/cast.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"
#include "main/result_impl.hpp"
#include "parser/ast_to_string.hpp"
#include "planner/binder.hpp"
#include "storage/key_encoding.hpp"
#include "storage/row_codec.hpp"

namespace kanto {

namespace {

uint32_t CreationSchema(const Catalog& catalog, const std::string& schema, int location) {
  const SchemaEntry* s = catalog.FindSchema(schema.empty() ? "public" : schema);
  if (!s) throw At(Error(sqlstate::kInvalidSchemaName, "schema \"" + schema + "\" does not exist"), location);
  return s->id;
}

// Deletes every key that starts with `prefix`.
void DeletePrefix(storage::Transaction& txn, const std::string& prefix) {
  std::vector<std::string> keys;
  auto it = txn.Scan(prefix, storage::PrefixSuccessor(prefix));
  for (; it->Valid(); it->Next()) keys.emplace_back(it->key());
  it.reset();
  for (const auto& k : keys) txn.Delete(k);
}

std::string ObjectPrefix(uint32_t id) {
  storage::KeyWriter w;
  w.AppendObjectId(id);
  return w.Release();
}

// Index keys order values byte-wise; arrays have no such encoding yet.
void RequireIndexable(const TableEntry& t, const std::vector<uint32_t>& cols) {
  for (uint32_t c : cols) {
    if (t.columns[c].type.id == TypeId::kArray) {
      throw Error(sqlstate::kFeatureNotSupported, "indexes on array columns are not supported yet");
    }
  }
}

std::string UniqueName(const Catalog& catalog, uint32_t schema_id, const std::string& base, const char* suffix) {
  std::string name = base + "_" + suffix;
  for (int n = 1; catalog.RelationExists(schema_id, name); n++) name = base + std::to_string(n) + "_" + suffix;
  return name;
}

std::string JoinColumnNames(const TableEntry& t, const std::vector<uint32_t>& cols) {
  std::string out;
  for (uint32_t c : cols) out += "_" + t.columns[c].name;
  return out;
}
}  // namespace

std::unique_ptr<ResultImpl> ConnectionImpl::RunCreateSchema(const ast::CreateSchemaStmt& stmt) {
  auto catalog = BeginCatalogChange();
  if (catalog->FindSchema(stmt.name)) {
    if (stmt.if_not_exists) return TagOnly("CREATE SCHEMA");
    throw Error(sqlstate::kDuplicateSchema, "schema \"" + stmt.name + "\" already exists");
  }
  SchemaEntry s;
  s.id = catalog->AllocateId();
  s.name = stmt.name;
  CatalogManager::WriteSchema(*txn_, s);
  CatalogManager::WriteNextId(*txn_, catalog->next_id());
  catalog->PutSchema(s);
  FinishCatalogChange(std::move(catalog));
  return TagOnly("CREATE SCHEMA");
}

// CREATE TABLE ... AS / SELECT ... INTO: a table with the query's columns (no keys, hidden row
// ids), then INSERT INTO it SELECT ...; the tag is "SELECT n" as in PostgreSQL.
std::unique_ptr<ResultImpl> ConnectionImpl::RunCreateTableAs(const ast::CreateTableStmt& stmt) {
  if (stmt.temporary) throw Error(sqlstate::kFeatureNotSupported, "temporary tables are not supported yet");
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  {
    auto snapshot = catalog_for_statement();
    BinderEnv env;
    env.catalog = snapshot.get();
    Binder binder(env);
    auto plan = binder.BindQuery(*stmt.as_select, &names);
    types = plan->GetTypes();
  }
  if (stmt.as_columns.size() > names.size()) {
    throw Error(sqlstate::kSyntaxError, "too many column names were specified");
  }
  auto catalog = BeginCatalogChange();
  uint32_t schema_id = CreationSchema(*catalog, stmt.table.schema, stmt.table.location);
  if (catalog->RelationExists(schema_id, stmt.table.name)) {
    if (stmt.if_not_exists) return TagOnly("CREATE TABLE AS");
    throw Error(sqlstate::kDuplicateTable, "relation \"" + stmt.table.name + "\" already exists");
  }
  TableEntry t;
  t.id = catalog->AllocateId();
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
  t.rowid_index_id = catalog->AllocateId();
  CatalogManager::WriteTable(*txn_, t);
  CatalogManager::WriteNextId(*txn_, catalog->next_id());
  catalog->PutTable(std::move(t));
  FinishCatalogChange(std::move(catalog));
  if (stmt.with_no_data) return TagOnly("CREATE TABLE AS");
  uint64_t rows = RunQuery(*stmt.as_insert, {})->rows_affected;
  auto result = TagOnly("SELECT");
  result->tag = "SELECT " + std::to_string(rows);
  result->rows_affected = rows;
  return result;
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunCreateTable(const ast::CreateTableStmt& stmt) {
  if (stmt.as_select) return RunCreateTableAs(stmt);
  if (stmt.temporary) throw Error(sqlstate::kFeatureNotSupported, "temporary tables are not supported yet");
  auto catalog = BeginCatalogChange();
  uint32_t schema_id = CreationSchema(*catalog, stmt.table.schema, stmt.table.location);
  if (catalog->RelationExists(schema_id, stmt.table.name)) {
    if (stmt.if_not_exists) return TagOnly("CREATE TABLE");
    throw At(Error(sqlstate::kDuplicateTable, "relation \"" + stmt.table.name + "\" already exists"),
             stmt.table.location);
  }
  TableEntry t;
  t.id = catalog->AllocateId();
  t.schema_id = schema_id;
  t.name = stmt.table.name;
  std::vector<uint32_t> pk;
  std::vector<std::vector<uint32_t>> uniques;
  for (const auto& def : stmt.columns) {
    if (t.FindColumn(def.name) >= 0) {
      throw At(Error(sqlstate::kDuplicateColumn, "column \"" + def.name + "\" specified more than once"), def.location);
    }
    if (def.serial) throw At(Error(sqlstate::kFeatureNotSupported, "serial columns are not supported yet"), def.location);
    if (def.check) throw At(Error(sqlstate::kFeatureNotSupported, "CHECK constraints are not supported yet"), def.location);
    if (!def.references_table.empty()) {
      throw At(Error(sqlstate::kFeatureNotSupported, "foreign keys are not supported yet"), def.location);
    }
    ColumnEntry c;
    c.name = def.name;
    c.type = Binder::ResolveTypeName(def.type);
    c.not_null = def.not_null || def.primary_key;
    if (def.not_null && def.explicit_null) {
      throw At(Error(sqlstate::kSyntaxError, "conflicting NULL/NOT NULL declarations for column \"" + def.name +
                                                 "\" of table \"" + t.name + "\""),
               def.location);
    }
    if (def.default_value) c.default_sql = ast::ExprToString(*def.default_value);
    uint32_t pos = static_cast<uint32_t>(t.columns.size());
    t.columns.push_back(std::move(c));
    if (def.primary_key) {
      if (!pk.empty()) {
        throw At(Error(sqlstate::kInvalidTableDefinition,
                       "multiple primary keys for table \"" + t.name + "\" are not allowed"),
                 def.location);
      }
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
        if (!pk.empty()) {
          throw At(Error(sqlstate::kInvalidTableDefinition,
                         "multiple primary keys for table \"" + t.name + "\" are not allowed"),
                   con.location);
        }
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
  // Validate defaults now: they must bind and convert to the column type.
  {
    BinderEnv env;
    env.catalog = catalog.get();
    Binder binder(env);
    for (size_t i = 0; i < t.columns.size(); i++) {
      if (t.columns[i].default_sql.empty()) continue;
      try {
        binder.BindColumnDefaultForCheck(t, i);
      } catch (Error& e) {
        if (e.sqlstate() == sqlstate::kDatatypeMismatch) {
          throw Error(sqlstate::kDatatypeMismatch, "column \"" + t.columns[i].name + "\" is of type " +
                                                       t.columns[i].type.ToString() +
                                                       " but default expression is of type " + e.message());
        }
        throw;
      }
    }
  }
  RequireIndexable(t, pk);
  for (const auto& cols : uniques) RequireIndexable(t, cols);
  if (!pk.empty()) {
    IndexEntry idx;
    idx.id = catalog->AllocateId();
    idx.name = UniqueName(*catalog, schema_id, t.name, "pkey");
    idx.columns = pk;
    idx.descending.assign(pk.size(), false);
    idx.unique = true;
    idx.primary = true;
    idx.constraint = true;
    t.primary_index = 0;
    t.indexes.push_back(std::move(idx));
  } else {
    t.rowid_index_id = catalog->AllocateId();
  }
  for (const auto& cols : uniques) {
    if (cols == pk) continue;
    IndexEntry idx;
    idx.id = catalog->AllocateId();
    idx.name = UniqueName(*catalog, schema_id, t.name + JoinColumnNames(t, cols), "key");
    idx.columns = cols;
    idx.descending.assign(cols.size(), false);
    idx.unique = true;
    idx.constraint = true;
    t.indexes.push_back(std::move(idx));
  }
  CatalogManager::WriteTable(*txn_, t);
  CatalogManager::WriteNextId(*txn_, catalog->next_id());
  catalog->PutTable(std::move(t));
  FinishCatalogChange(std::move(catalog));
  return TagOnly("CREATE TABLE");
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunCreateView(const ast::CreateViewStmt& stmt) {
  auto catalog = BeginCatalogChange();
  uint32_t schema_id = CreationSchema(*catalog, stmt.view.schema, stmt.view.location);
  const TableEntry* existing = catalog->FindTable(schema_id, stmt.view.name);
  if (existing && !(stmt.replace && existing->is_view())) {
    if (!existing->is_view()) {
      throw At(Error(sqlstate::kWrongObjectType, "\"" + stmt.view.name + "\" is not a view"), stmt.view.location);
    }
    throw At(Error(sqlstate::kDuplicateTable, "relation \"" + stmt.view.name + "\" already exists"), stmt.view.location);
  }
  if (!existing && catalog->RelationExists(schema_id, stmt.view.name)) {
    throw At(Error(sqlstate::kDuplicateTable, "relation \"" + stmt.view.name + "\" already exists"), stmt.view.location);
  }
  // Bind the query now: it must be valid, and it fixes the view's column names and types.
  BinderEnv env;
  env.catalog = catalog.get();
  Binder binder(env);
  std::vector<std::string> names;
  auto plan = binder.BindQuery(*stmt.query, &names);
  auto types = plan->GetTypes();
  if (!env.param_types.empty()) throw Error(sqlstate::kUndefinedParameter, "there is no parameter $1");
  if (stmt.columns.size() > names.size()) {
    throw Error(sqlstate::kSyntaxError, "CREATE VIEW specifies more column names than columns");
  }
  TableEntry t;
  t.id = existing ? existing->id : catalog->AllocateId();
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
  CatalogManager::WriteTable(*txn_, t);
  CatalogManager::WriteNextId(*txn_, catalog->next_id());
  catalog->PutTable(std::move(t));
  FinishCatalogChange(std::move(catalog));
  return TagOnly("CREATE VIEW");
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunCreateIndex(const ast::CreateIndexStmt& stmt) {
  if (stmt.where) throw Error(sqlstate::kFeatureNotSupported, "partial indexes are not supported yet");
  if (!stmt.include.empty()) throw Error(sqlstate::kFeatureNotSupported, "INCLUDE columns are not supported yet");
  if (!stmt.method.empty() && stmt.method != "btree") {
    throw Error(sqlstate::kFeatureNotSupported, "index method \"" + stmt.method + "\" is not supported");
  }
  auto catalog = BeginCatalogChange();
  BinderEnv env;
  env.catalog = catalog.get();
  Binder binder(env);
  const TableEntry* table = binder.ResolveTable(stmt.table);
  if (table->is_view()) {
    throw Error(sqlstate::kWrongObjectType, "cannot create index on relation \"" + table->name + "\"")
        .WithDetail("This operation is not supported for views.");
  }
  IndexEntry idx;
  for (const auto& elem : stmt.columns) {
    if (elem.expr) throw Error(sqlstate::kFeatureNotSupported, "indexes on expressions are not supported yet");
    int c = table->FindColumn(elem.column);
    if (c < 0) throw Error(sqlstate::kUndefinedColumn, "column \"" + elem.column + "\" does not exist");
    if (elem.nulls != ast::OrderByItem::Nulls::kDefault) {
      throw Error(sqlstate::kFeatureNotSupported, "NULLS FIRST/LAST in indexes is not supported yet");
    }
    idx.columns.push_back(static_cast<uint32_t>(c));
    idx.descending.push_back(elem.dir == ast::OrderByItem::Dir::kDesc);
  }
  RequireIndexable(*table, idx.columns);
  idx.name = stmt.name.empty() ? UniqueName(*catalog, table->schema_id, table->name + JoinColumnNames(*table, idx.columns), "idx")
                               : stmt.name;
  if (catalog->RelationExists(table->schema_id, idx.name)) {
    if (stmt.if_not_exists) return TagOnly("CREATE INDEX");
    throw Error(sqlstate::kDuplicateTable, "relation \"" + idx.name + "\" already exists");
  }
  idx.id = catalog->AllocateId();
  idx.unique = stmt.unique;
  TableEntry updated = *table;
  updated.indexes.push_back(idx);
  const IndexEntry& added = updated.indexes.back();

  // Build from the existing rows.
  ExecutionContext ctx = MakeExecutionContext(MakeFunctionContext(), nullptr, nullptr);
  std::string prefix = TablePrefix(table->id, table->row_index_id());
  auto types = table->column_types();
  std::vector<std::pair<std::string, std::vector<Value>>> rows;
  {
    auto it = txn_->Scan(prefix, storage::PrefixSuccessor(prefix));
    for (; it->Valid(); it->Next()) {
      DataChunk chunk(types);
      storage::DecodeRow(it->value(), types, &chunk);
      rows.emplace_back(std::string(it->key()), chunk.GetRow(0));
    }
  }
  for (const auto& [row_key, row] : rows) {
    std::string key = MakeIndexKey(updated, added, row, row_key);
    std::string existing;
    if (added.unique && txn_->GetForUpdate(key, &existing)) {
      std::string cols, vals;
      for (size_t i = 0; i < added.columns.size(); i++) {
        cols += (i ? ", " : "") + table->columns[added.columns[i]].name;
        vals += (i ? ", " : "") + ValueToText(row[added.columns[i]], ctx.fn);
      }
      throw Error(sqlstate::kUniqueViolation, "could not create unique index \"" + added.name + "\"")
          .WithDetail("Key (" + cols + ")=(" + vals + ") is duplicated.");
    }
    txn_->Put(key, row_key);
  }
  updated.schema_version++;
  CatalogManager::WriteTable(*txn_, updated);
  CatalogManager::WriteNextId(*txn_, catalog->next_id());
  catalog->PutTable(std::move(updated));
  FinishCatalogChange(std::move(catalog));
  return TagOnly("CREATE INDEX");
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunDrop(const ast::DropStmt& stmt) {
  using O = ast::DropStmt::ObjectType;
  auto catalog = BeginCatalogChange();
  BinderEnv env;
  env.catalog = catalog.get();
  Binder binder(env);
  auto drop_table = [&](const TableEntry& t) {
    DeletePrefix(*txn_, ObjectPrefix(t.id));
    CatalogManager::DeleteTable(*txn_, t.id);
    catalog->RemoveTable(t.id);
  };
  switch (stmt.object_type) {
    case O::kTable:
    case O::kView: {
      bool views = stmt.object_type == O::kView;
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
        drop_table(*t);
      }
      FinishCatalogChange(std::move(catalog));
      return TagOnly(views ? "DROP VIEW" : "DROP TABLE");
    }
    case O::kIndex: {
      for (const auto& rv : stmt.objects) {
        const TableEntry* table = nullptr;
        const IndexEntry* idx = nullptr;
        std::vector<std::string> schemas = rv.schema.empty() ? std::vector<std::string>{"public"}
                                                             : std::vector<std::string>{rv.schema};
        for (const auto& s : schemas) {
          const SchemaEntry* se = catalog->FindSchema(s);
          if (se && (idx = catalog->FindIndex(se->id, rv.name, &table))) break;
        }
        if (!idx) {
          if (stmt.if_exists) continue;
          throw Error(sqlstate::kUndefinedObject, "index \"" + rv.name + "\" does not exist");
        }
        if (idx->primary || idx->unique) {
          // Constraint-backed indexes (PRIMARY KEY, UNIQUE from CREATE TABLE) need ALTER TABLE.
          bool constraint =
              idx->primary || (idx->name.size() > 4 && idx->name.compare(idx->name.size() - 4, 4, "_key") == 0);
          if (constraint) {
            throw Error(sqlstate::kDependentObjectsStillExist,
                        "cannot drop index " + idx->name + " because constraint " + idx->name + " on table " +
                            table->name + " requires it")
                .WithHint("You can drop constraint " + idx->name + " on table " + table->name + " instead.");
          }
        }
        TableEntry updated = *table;
        DeletePrefix(*txn_, TablePrefix(table->id, idx->id));
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
        CatalogManager::WriteTable(*txn_, updated);
        catalog->PutTable(std::move(updated));
      }
      FinishCatalogChange(std::move(catalog));
      return TagOnly("DROP INDEX");
    }
    case O::kSchema: {
      for (const auto& rv : stmt.objects) {
        const SchemaEntry* s = catalog->FindSchema(rv.name);
        if (!s) {
          if (stmt.if_exists) continue;
          throw Error(sqlstate::kInvalidSchemaName, "schema \"" + rv.name + "\" does not exist");
        }
        if (s->id == kPgCatalogSchemaId || s->id == kInformationSchemaId) {
          throw Error(sqlstate::kDependentObjectsStillExist,
                      "cannot drop schema " + s->name + " because it is required by the database system");
        }
        std::vector<const TableEntry*> tables;
        for (const TableEntry* t : catalog->Tables()) {
          if (t->schema_id == s->id) tables.push_back(t);
        }
        if (!tables.empty() && !stmt.cascade) {
          throw Error(sqlstate::kDependentObjectsStillExist,
                      "cannot drop schema " + s->name + " because other objects depend on it")
              .WithDetail("table " + s->name + "." + tables[0]->name + " depends on schema " + s->name)
              .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
        uint32_t id = s->id;
        for (const TableEntry* t : tables) drop_table(*t);
        CatalogManager::DeleteSchema(*txn_, id);
        catalog->RemoveSchema(id);
      }
      FinishCatalogChange(std::move(catalog));
      return TagOnly("DROP SCHEMA");
    }
    default:
      throw Error(sqlstate::kFeatureNotSupported, "DROP of this object type is not supported yet");
  }
}

// ALTER TABLE ... ADD PRIMARY KEY: the rows move from hidden row ids to primary-key keys (and their
// index entries follow), checking NOT NULL (23502) and uniqueness (23505) on the way.
std::unique_ptr<ResultImpl> ConnectionImpl::RunAlterTable(const ast::AlterTableStmt& stmt) {
  auto catalog = BeginCatalogChange();
  BinderEnv env;
  env.catalog = catalog.get();
  Binder binder(env);
  const TableEntry* table = nullptr;
  try {
    table = binder.ResolveTargetTable(stmt.table, "alter");
  } catch (Error& e) {
    if (stmt.missing_ok && e.sqlstate() == sqlstate::kUndefinedTable) return TagOnly("ALTER TABLE");
    throw;
  }
  if (table->primary_key()) {
    throw Error(sqlstate::kInvalidTableDefinition, "multiple primary keys for table \"" + table->name + "\" are not allowed");
  }
  TableEntry updated = *table;
  IndexEntry pk;
  for (const auto& name : stmt.primary_key) {
    int c = updated.FindColumn(name);
    if (c < 0) throw Error(sqlstate::kUndefinedColumn, "column \"" + name + "\" of relation \"" + table->name + "\" does not exist");
    pk.columns.push_back(static_cast<uint32_t>(c));
    updated.columns[c].not_null = true;
  }
  RequireIndexable(updated, pk.columns);
  pk.id = catalog->AllocateId();
  pk.name = stmt.constraint_name.empty() ? UniqueName(*catalog, table->schema_id, table->name, "pkey") : stmt.constraint_name;
  if (catalog->RelationExists(table->schema_id, pk.name)) {
    throw Error(sqlstate::kDuplicateTable, "relation \"" + pk.name + "\" already exists");
  }
  pk.descending.assign(pk.columns.size(), false);
  pk.unique = true;
  pk.primary = true;
  pk.constraint = true;
  updated.indexes.insert(updated.indexes.begin(), pk);
  updated.primary_index = 0;
  updated.schema_version++;

  ExecutionContext ctx = MakeExecutionContext(MakeFunctionContext(), nullptr, nullptr);
  std::string prefix = TablePrefix(table->id, table->row_index_id());
  auto types = table->column_types();
  std::vector<std::pair<std::string, std::vector<Value>>> rows;
  {
    auto it = txn_->Scan(prefix, storage::PrefixSuccessor(prefix));
    for (; it->Valid(); it->Next()) {
      DataChunk chunk(types);
      storage::DecodeRow(it->value(), types, &chunk);
      rows.emplace_back(std::string(it->key()), chunk.GetRow(0));
    }
  }
  for (const auto& [old_key, row] : rows) {
    for (uint32_t c : pk.columns) {
      if (row[c].is_null()) {
        throw Error(sqlstate::kNotNullViolation,
                    "column \"" + table->columns[c].name + "\" of relation \"" + table->name + "\" contains null values");
      }
    }
    DeleteRow(ctx, *table, row, old_key, true);
    WriteRow(ctx, updated, row, MakeRowKey(ctx, updated, row), true);
  }
  CatalogManager::WriteTable(*txn_, updated);
  CatalogManager::WriteNextId(*txn_, catalog->next_id());
  catalog->PutTable(std::move(updated));
  FinishCatalogChange(std::move(catalog));
  return TagOnly("ALTER TABLE");
}

// TRUNCATE: every row of each table deleted in the statement's transaction (so it rolls back like
// any DML), secondary index entries included.
std::unique_ptr<ResultImpl> ConnectionImpl::RunTruncate(const ast::TruncateStmt& stmt) {
  for (const auto& rv : stmt.tables) {
    ast::DeleteStmt del;
    del.table = rv;
    RunQuery(del, {});
  }
  return TagOnly("TRUNCATE TABLE");
}

// VACUUM / ANALYZE: compacts the tables' key ranges (VACUUM) and refreshes row estimates.
std::unique_ptr<ResultImpl> ConnectionImpl::RunVacuum(const ast::VacuumStmt& stmt) {
  if (stmt.vacuum && state_ != TxnState::kIdle) {
    throw Error(sqlstate::kActiveSqlTransaction, "VACUUM cannot run inside a transaction block");
  }
  auto catalog = catalog_for_statement();
  std::vector<const TableEntry*> tables;
  if (stmt.tables.empty()) {
    tables = catalog->Tables();
  } else {
    BinderEnv env;
    env.catalog = catalog.get();
    Binder binder(env);
    for (const auto& rv : stmt.tables) tables.push_back(binder.ResolveTargetTable(rv, "vacuum"));
  }
  for (const TableEntry* t : tables) {
    if (t->is_view()) continue;
    db_impl_.storage_statistics().Forget(t->id);
    if (!stmt.vacuum) continue;
    std::string lower = TablePrefix(t->id, 0);
    std::string upper = TablePrefix(t->id + 1, 0);
    db_impl_.engine().CompactRange(lower, upper);
  }
  return TagOnly(stmt.vacuum ? "VACUUM" : "ANALYZE");
}

}  // namespace kanto
