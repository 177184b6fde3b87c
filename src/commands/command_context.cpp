#include "commands/command_context.hpp"

#include "access/index_maintenance.hpp"
#include "catalog/catalog_manager.hpp"

namespace kanto::commands {

ExecutionContext CommandContext::MakeExecutionContext() const {
  ExecutionContext ctx;
  ctx.engine = engine;
  ctx.txn = txn;
  ctx.fn = fn;
  ctx.cancel = cancel;
  ctx.deferred = deferred;
  return ctx;
}

CatalogChange::CatalogChange(CommandContext& ctx)
    : ctx_(ctx), catalog_(ctx.begin_catalog_change()), start_next_id_(catalog_->next_id()) {}

void CatalogChange::PutSchema(SchemaEntry schema) {
  CatalogManager::WriteSchema(*ctx_.txn, schema);
  catalog_->PutSchema(std::move(schema));
}

void CatalogChange::RemoveSchema(uint32_t id) {
  CatalogManager::DeleteSchema(*ctx_.txn, id);
  catalog_->RemoveSchema(id);
}

void CatalogChange::PutTable(TableEntry table) {
  CatalogManager::WriteTable(*ctx_.txn, table);
  catalog_->PutTable(std::move(table));
}

void CatalogChange::DropTable(const TableEntry& table) {
  uint32_t id = table.id;
  for (const SequenceEntry* seq : catalog_->OwnedSequences(id)) DropSequence(*seq);
  for (const IndexEntry& idx : table.indexes) RemoveDependencies(idx.id);
  for (const CheckEntry& check : table.checks) RemoveDependencies(check.id);
  RemoveDependencies(id);
  access::DeleteTableData(*ctx_.txn, id);
  CatalogManager::DeleteTable(*ctx_.txn, id);
  catalog_->RemoveTable(id);
}

uint32_t CatalogChange::current_role_id() const {
  const RoleEntry* r = catalog_->FindRole(ctx_.fn.current_user);
  return r ? r->id : kBootstrapRoleId;
}

void CatalogChange::PutSequence(SequenceEntry seq) {
  CatalogManager::WriteSequence(*ctx_.txn, seq);
  catalog_->PutSequence(std::move(seq));
}

void CatalogChange::DropSequence(const SequenceEntry& seq) {
  uint32_t id = seq.id;
  RemoveDependencies(id);
  access::DeleteTableData(*ctx_.txn, id);
  CatalogManager::DeleteSequence(*ctx_.txn, id);
  catalog_->RemoveSequence(id);
}

void CatalogChange::PutRole(RoleEntry role) {
  CatalogManager::WriteRole(*ctx_.txn, role);
  catalog_->PutRole(std::move(role));
  if (ctx_.shared_changed) ctx_.shared_changed();
}

void CatalogChange::RemoveRole(uint32_t id) {
  CatalogManager::DeleteRole(*ctx_.txn, id);
  catalog_->RemoveRole(id);
  if (ctx_.shared_changed) ctx_.shared_changed();
}

void CatalogChange::PutDatabase(DatabaseEntry db) {
  CatalogManager::WriteDatabase(*ctx_.txn, db);
  catalog_->PutDatabase(std::move(db));
  if (ctx_.shared_changed) ctx_.shared_changed();
}

uint32_t CatalogChange::AllocateSharedId() { return CatalogManager::AllocateSharedId(*ctx_.txn); }

void CatalogChange::AddDependency(const Dependency& d) {
  catalog_->AddDependency(d);
  CatalogManager::WriteDependencies(*ctx_.txn, *catalog_, d.object.object_id);
}

void CatalogChange::RemoveDependencies(uint32_t object_id) {
  if (catalog_->StoredDependencies(object_id).empty()) return;
  catalog_->RemoveDependencies(object_id);
  CatalogManager::WriteDependencies(*ctx_.txn, *catalog_, object_id);
}

void CatalogChange::RenumberColumnReferences(uint32_t table, uint32_t position) {
  for (uint32_t id : catalog_->RenumberColumnReferences(table, position)) {
    CatalogManager::WriteDependencies(*ctx_.txn, *catalog_, id);
  }
}

void CatalogChange::Publish() {
  if (catalog_->next_id() != start_next_id_) CatalogManager::WriteNextId(*ctx_.txn, catalog_->next_id());
  ctx_.publish_catalog(catalog_);
}

}  // namespace kanto::commands
