// The table locks a write takes through its foreign keys, as PostgreSQL's referential integrity
// triggers take them: the check of a new or changed referencing row reads the referenced row FOR
// KEY SHARE (ROW SHARE on the referenced table); ON DELETE / ON UPDATE CASCADE, SET NULL and SET
// DEFAULT write the referencing table (ROW EXCLUSIVE on it), NO ACTION and RESTRICT read it FOR
// KEY SHARE (ROW SHARE); a cascaded key update and SET DEFAULT check the new key against the
// referenced table again (ROW SHARE there). So ALTER TABLE, TRUNCATE or LOCK TABLE ... ACCESS
// EXCLUSIVE on the other table waits for the write, or the write for them.
//
// PostgreSQL takes these when a trigger fires, for each row; Kanto takes them when the statement
// is bound, so a write that changes no row takes them too.
#include "planner/binder.hpp"

namespace kanto {

namespace {
bool AnyChanged(const std::vector<uint32_t>& columns, const std::vector<bool>& changed) {
  for (uint32_t c : columns) {
    if (c < changed.size() && changed[c]) return true;
  }
  return false;
}
}  // namespace

void Binder::LockForeignKeyTables(const TableEntry& table, bool is_delete, const std::vector<bool>* changed) const {
  auto take = [this](uint32_t table_id, int level) {
    int& lock = env_.relation_locks[table_id];
    lock = std::max(lock, level);
  };
  constexpr int kRowShare = 2, kRowExclusive = 3;
  if (!is_delete) {  // INSERT, or UPDATE of the referencing columns
    for (const ForeignKeyEntry& fk : table.foreign_keys) {
      if (!changed || AnyChanged(fk.columns, *changed)) take(fk.ref_table, kRowShare);
    }
  }
  if (!is_delete && !changed) return;  // an INSERT references no row
  for (const Catalog::Reference& ref : env_.catalog->ReferencesTo(table.id)) {
    if (!is_delete && !AnyChanged(ref.fk->ref_columns, *changed)) continue;
    char action = is_delete ? ref.fk->on_delete : ref.fk->on_update;
    if (action == ForeignKeyEntry::kNoAction || action == ForeignKeyEntry::kRestrict) {
      take(ref.table->id, kRowShare);
      continue;
    }
    take(ref.table->id, kRowExclusive);
    if (action == ForeignKeyEntry::kSetDefault || (!is_delete && action == ForeignKeyEntry::kCascade)) {
      int& own = env_.relation_locks[table.id];
      own = own >= kRowExclusive ? own | BinderEnv::kAlsoRowShare : std::max(own, kRowShare);
    }
  }
}

}  // namespace kanto
