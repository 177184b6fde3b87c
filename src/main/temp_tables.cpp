// A session's temporary objects: its schema pg_temp_N (created by the first CREATE TEMP in the
// session's transaction), ON COMMIT DELETE ROWS / DROP applied before each commit, and the schema
// dropped with everything in it when the session ends. A crash skips that last step, so the
// database drops every pg_temp_N when it opens. Temporary rows are written like any other rows
// (through the transaction and the WAL): that keeps savepoints, ROLLBACK and index maintenance one
// code path; they are gone after the session or a restart.
#include "commands/temp_schema.hpp"
#include "catalog/search_path.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"

namespace kanto {

int DatabaseImpl::AcquireTempSlot() {
  std::lock_guard<std::mutex> lock(temp_slots_mu_);
  int slot = 1;
  while (temp_slots_.count(slot)) slot++;
  temp_slots_.insert(slot);
  return slot;
}

void DatabaseImpl::ReleaseTempSlot(int slot) {
  std::lock_guard<std::mutex> lock(temp_slots_mu_);
  temp_slots_.erase(slot);
}

uint32_t ConnectionImpl::TempSchema(commands::CatalogChange& change) {
  if (temp_schema_id_) {
    const SchemaEntry* s = change->GetSchema(temp_schema_id_);
    if (s && s->name == "pg_temp_" + std::to_string(temp_slot_)) return temp_schema_id_;
  }
  if (!temp_slot_) temp_slot_ = db_impl_.AcquireTempSlot();
  temp_schema_id_ = commands::MakeTempSchema(change, "pg_temp_" + std::to_string(temp_slot_));
  return temp_schema_id_;
}

void ConnectionImpl::ApplyOnCommit() {
  if (on_commit_.empty() || !txn_) return;
  commands::CommandContext ctx = MakeCommandContext();
  commands::ApplyOnCommitActions(ctx, temp_schema_id_, on_commit_);
  ForgetOnCommitDrops();
}

void ConnectionImpl::ForgetOnCommitDrops() {
  for (auto it = on_commit_.begin(); it != on_commit_.end();) {
    it = it->second == 'x' ? on_commit_.erase(it) : std::next(it);
  }
}

void ConnectionImpl::DiscardTempObjects() {
  if (!temp_schema_id_ || !catalog_for_statement()->GetSchema(temp_schema_id_)) return;
  commands::CommandContext ctx = MakeCommandContext();
  commands::CatalogChange change(ctx);
  commands::DropTempSchema(change, temp_schema_id_);
  change.Publish();
  on_commit_.clear();
}

void ConnectionImpl::DropTempObjects() {
  if (!temp_slot_) return;
  try {
    auto catalog = db_impl_.catalog().Current();
    const SchemaEntry* s = catalog->GetSchema(temp_schema_id_);
    if (s && s->name == "pg_temp_" + std::to_string(temp_slot_)) {
      on_commit_.clear();
      BeginTransaction(storage::IsolationLevel::kReadCommitted);
      commands::CommandContext ctx = MakeCommandContext();
      commands::CatalogChange change(ctx);
      commands::DropTempSchema(change, temp_schema_id_);
      change.Publish();
      CommitTransaction();
    }
  } catch (...) {
    // Left for the next session of this slot, or the next start, to drop.
    if (txn_) RollbackTransaction();
  }
  db_impl_.ReleaseTempSlot(temp_slot_);
  temp_slot_ = 0;
  temp_schema_id_ = 0;
}

void ConnectionImpl::DropLeftoverTempSchemas() {
  std::vector<uint32_t> leftovers;
  for (const SchemaEntry* s : db_impl_.catalog().Current()->Schemas()) {
    if (IsTempSchemaName(s->name)) leftovers.push_back(s->id);
  }
  if (leftovers.empty()) return;
  BeginTransaction(storage::IsolationLevel::kReadCommitted);
  commands::CommandContext ctx = MakeCommandContext();
  commands::CatalogChange change(ctx);
  for (uint32_t id : leftovers) commands::DropTempSchema(change, id);
  change.Publish();
  CommitTransaction();
}

}  // namespace kanto
