// CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON t (columns [ASC|DESC]): built from the existing
// rows in the statement's transaction; a duplicate fails with 23505 naming the key.
#include "access/index_maintenance.hpp"
#include "commands/commands.hpp"
#include "commands/relation_names.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

CommandResult Execute(const ast::CreateIndexStmt& stmt, CommandContext& ctx) {
  if (stmt.where) throw Error(sqlstate::kFeatureNotSupported, "partial indexes are not supported yet");
  if (!stmt.include.empty()) throw Error(sqlstate::kFeatureNotSupported, "INCLUDE columns are not supported yet");
  if (!stmt.method.empty() && stmt.method != "btree") {
    throw Error(sqlstate::kFeatureNotSupported, "index method \"" + stmt.method + "\" is not supported");
  }
  CatalogChange change(ctx);
  BinderEnv env;
  env.catalog = &change.catalog();
  env.fn_ctx = &ctx.fn;
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
  idx.name = stmt.name.empty()
                 ? UniqueName(change.catalog(), table->schema_id, table->name + JoinColumnNames(*table, idx.columns), "idx")
                 : stmt.name;
  if (change->RelationExists(table->schema_id, idx.name)) {
    if (stmt.if_not_exists) return {"CREATE INDEX"};
    throw Error(sqlstate::kDuplicateTable, "relation \"" + idx.name + "\" already exists");
  }
  idx.id = change.AllocateId();
  idx.unique = stmt.unique;
  idx.nulls_not_distinct = stmt.unique && stmt.nulls_not_distinct;
  TableEntry updated = *table;
  updated.indexes.push_back(idx);
  const IndexEntry& added = updated.indexes.back();

  access::BuildIndexEntries(*ctx.txn, ctx.fn, updated, added);
  updated.schema_version++;
  change.PutTable(std::move(updated));
  change.Publish();
  return {"CREATE INDEX"};
}

}  // namespace kanto::commands
