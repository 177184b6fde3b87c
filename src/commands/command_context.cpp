#include "commands/command_context.hpp"

#include <algorithm>

#include "access/index_maintenance.hpp"
#include "catalog/catalog_manager.hpp"
#include "catalog/object_acl.hpp"

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
  RemoveComments(id);
  for (const DefaultAclEntry* d : catalog_->DefaultAcls()) {
    if (d->schema_id == id) RemoveDefaultAcl(d->id);  // (pointers stay valid: a map erases one node)
  }
  CatalogManager::DeleteSchema(*ctx_.txn, id);
  catalog_->RemoveSchema(id);
}

namespace {
// The ids of a table's indexes and constraints.
std::vector<uint32_t> SubObjectIds(const TableEntry& t) {
  std::vector<uint32_t> out;
  for (const IndexEntry& idx : t.indexes) out.push_back(idx.id);
  for (const CheckEntry& c : t.checks) out.push_back(c.id);
  for (const ForeignKeyEntry& fk : t.foreign_keys) out.push_back(fk.id);
  return out;
}
}  // namespace

void CatalogChange::PutTable(TableEntry table) {
  if (const TableEntry* before = catalog_->GetTable(table.id)) {
    std::vector<uint32_t> kept = SubObjectIds(table);
    for (uint32_t id : SubObjectIds(*before)) {
      if (std::find(kept.begin(), kept.end(), id) == kept.end()) RemoveComments(id);
    }
  } else if (!table.acl) {
    // A new table or view: its owner's default privileges (ALTER DEFAULT PRIVILEGES).
    table.acl = InitialObjectAcl(*catalog_, DefaultAclEntry::kTables, table.owner, table.schema_id);
  }
  CatalogManager::WriteTable(*ctx_.txn, table);
  catalog_->PutTable(std::move(table));
}

void CatalogChange::DropTable(const TableEntry& table) {
  uint32_t id = table.id;
  for (const SequenceEntry* seq : catalog_->OwnedSequences(id)) DropSequence(*seq);
  for (const IndexEntry& idx : table.indexes) RemoveDependencies(idx.id);
  for (const CheckEntry& check : table.checks) RemoveDependencies(check.id);
  RemoveDependencies(id);
  for (uint32_t sub : SubObjectIds(table)) RemoveComments(sub);
  RemoveComments(id);
  access::DeleteTableData(*ctx_.txn, id);
  CatalogManager::DeleteTable(*ctx_.txn, id);
  catalog_->RemoveTable(id);
}

uint32_t CatalogChange::current_role_id() const {
  const RoleEntry* r = catalog_->FindRole(ctx_.fn.current_user);
  return r ? r->id : kBootstrapRoleId;
}

void CatalogChange::PutType(TypeEntry type) {
  CatalogManager::WriteType(*ctx_.txn, type);
  uint32_t oid = type.id;
  catalog_->PutType(std::move(type));
  LogicalType now = catalog_->TypeOf(*catalog_->GetType(oid));
  // Columns of the type (or of arrays of it) take its new definition.
  auto refresh = [&](LogicalType* t) {
    LogicalType base = t->IsArray() ? t->ElementType() : *t;
    if (!IsKnownEnum(base) || EnumTypeOf(base).oid != oid || base.mod1 == now.mod1) return false;
    t->mod1 = now.mod1;
    return true;
  };
  for (const TableEntry* table : catalog_->Tables()) {
    TableEntry updated = *table;
    bool changed = false;
    for (ColumnEntry& c : updated.columns) changed = refresh(&c.type) || changed;
    if (changed) PutTable(std::move(updated));
  }
}

void CatalogChange::RemoveType(uint32_t id) {
  RemoveDependencies(id);
  RemoveComments(id);
  CatalogManager::DeleteType(*ctx_.txn, id);
  catalog_->RemoveType(id);
}

void CatalogChange::PutSequence(SequenceEntry seq) {
  if (!seq.acl && !catalog_->GetSequence(seq.id)) {
    seq.acl = InitialObjectAcl(*catalog_, DefaultAclEntry::kSequences, seq.owner, seq.schema_id);
  }
  CatalogManager::WriteSequence(*ctx_.txn, seq);
  catalog_->PutSequence(std::move(seq));
}

void CatalogChange::DropSequence(const SequenceEntry& seq) {
  uint32_t id = seq.id;
  RemoveDependencies(id);
  RemoveComments(id);
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
  RemoveComments(id);
  CatalogManager::DeleteRole(*ctx_.txn, id);
  catalog_->RemoveRole(id);
  if (ctx_.shared_changed) ctx_.shared_changed();
}

void CatalogChange::PutDatabase(DatabaseEntry db) {
  CatalogManager::WriteDatabase(*ctx_.txn, db);
  catalog_->PutDatabase(std::move(db));
  if (ctx_.shared_changed) ctx_.shared_changed();
}

void CatalogChange::PutDefaultAcl(DefaultAclEntry entry) {
  CatalogManager::WriteDefaultAcl(*ctx_.txn, entry);
  catalog_->PutDefaultAcl(std::move(entry));
}

void CatalogChange::RemoveDefaultAcl(uint32_t id) {
  if (!catalog_->GetDefaultAcl(id)) return;
  CatalogManager::DeleteDefaultAcl(*ctx_.txn, id);
  catalog_->RemoveDefaultAcl(id);
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
  // The dropped column's comment goes; later columns' follow them down.
  std::vector<CommentEntry> comments = catalog_->CommentsOf(table);
  int32_t attnum = static_cast<int32_t>(position + 1);
  bool changed = false;
  std::vector<CommentEntry> kept;
  for (CommentEntry& c : comments) {
    bool column = c.object.class_id == kPgClassOid && c.object.sub_id >= attnum;
    changed = changed || column;
    if (column && c.object.sub_id == attnum) continue;
    if (column) c.object.sub_id--;
    kept.push_back(std::move(c));
  }
  if (!changed) return;
  catalog_->SetComments(table, std::move(kept));
  CatalogManager::WriteComments(*ctx_.txn, *catalog_, table);
}

void CatalogChange::SetComment(const ObjectAddress& object, std::string text) {
  if (object.class_id == kPgAuthidOid) {  // shared by the databases: kept in the role's record
    const RoleEntry* role = catalog_->GetRole(object.object_id);
    if (!role) return;
    RoleEntry updated = *role;
    updated.comment = std::move(text);
    PutRole(std::move(updated));
    return;
  }
  catalog_->SetComment(object, std::move(text));
  CatalogManager::WriteComments(*ctx_.txn, *catalog_, object.object_id);
}

void CatalogChange::RemoveComments(uint32_t object_id) {
  if (catalog_->CommentsOf(object_id).empty()) return;
  catalog_->SetComments(object_id, {});
  CatalogManager::WriteComments(*ctx_.txn, *catalog_, object_id);
}

void CatalogChange::Publish() {
  if (catalog_->next_id() != start_next_id_) CatalogManager::WriteNextId(*ctx_.txn, catalog_->next_id());
  ctx_.publish_catalog(catalog_);
}

}  // namespace kanto::commands
