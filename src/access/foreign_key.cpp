#include "access/foreign_key.hpp"

#include <algorithm>
#include <deque>
#include <iterator>

#include "access/generated_columns.hpp"
#include "access/row_key.hpp"
#include "access/row_lock.hpp"
#include "access/table_reader.hpp"
#include "access/table_writer.hpp"
#include "execution/execution_context.hpp"
#include "execution/expression_executor.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "storage/engine.hpp"

namespace kanto::access {

namespace {

const ForeignKeyEntry* FindForeignKeyById(const TableEntry& table, uint32_t id) {
  for (const auto& fk : table.foreign_keys) {
    if (fk.id == id) return &fk;
  }
  return nullptr;
}

std::string EncodedKey(const Value& v) { return AppendKeyValue("", v, false); }

// `v` as a value of type `to`, exactly: false when no value of `to` equals it (a NULL, an integer
// out of range, 1.5 for an integer column).
bool ConvertExactly(const Value& v, const LogicalType& to, const FunctionContext& fn, Value* out) {
  if (v.is_null()) return false;
  if (v.type().id == to.id || (v.type().IsInteger() && to.IsInteger())) return ConvertKeyValue(v, to, fn, out);
  try {
    *out = CastValue(v, to, CastContext::kExplicit, fn);
    return EncodedKey(CastValue(*out, v.type(), CastContext::kExplicit, fn)) == EncodedKey(v);
  } catch (const Error&) {
    return false;
  }
}

std::vector<Value> Columns(const std::vector<Value>& row, const std::vector<uint32_t>& columns) {
  std::vector<Value> out;
  out.reserve(columns.size());
  for (uint32_t c : columns) out.push_back(row[c]);
  return out;
}

bool SameKey(const std::vector<Value>& a, const std::vector<Value>& b) {
  for (size_t i = 0; i < a.size(); i++) {
    if (a[i].is_null() != b[i].is_null()) return false;
    if (!a[i].is_null() && EncodedKey(a[i]) != EncodedKey(b[i])) return false;
  }
  return true;
}

bool AnyNull(const std::vector<Value>& values) {
  for (const auto& v : values) {
    if (v.is_null()) return true;
  }
  return false;
}

bool AllNull(const std::vector<Value>& values) {
  for (const auto& v : values) {
    if (!v.is_null()) return false;
  }
  return true;
}

[[noreturn]] void MissingReference(const TableEntry& table, const ForeignKeyEntry& fk, const TableEntry& referenced,
                                   const std::vector<Value>& key, const FunctionContext& fn) {
  throw Error(sqlstate::kForeignKeyViolation,
              "insert or update on table \"" + table.name + "\" violates foreign key constraint \"" + fk.name + "\"")
      .WithDetail("Key " + KeyText(table, fk.columns, key, fn) + " is not present in table \"" + referenced.name +
                  "\".");
}

[[noreturn]] void StillReferenced(const TableEntry& referenced, const ForeignKeyEntry& fk, const TableEntry& table,
                                  const std::vector<Value>& old_key, const FunctionContext& fn) {
  throw Error(sqlstate::kForeignKeyViolation, "update or delete on table \"" + referenced.name +
                                                  "\" violates foreign key constraint \"" + fk.name + "\" on table \"" +
                                                  table.name + "\"")
      .WithDetail("Key " + KeyText(referenced, fk.ref_columns, old_key, fn) + " is still referenced from table \"" +
                  table.name + "\".");
}

// The unique index of `referenced` the foreign key looks its rows up in.
const IndexEntry& ReferencedIndex(const TableEntry& referenced, const ForeignKeyEntry& fk) {
  const IndexEntry* index = referenced.FindIndexById(fk.ref_index);
  if (!index) {
    throw Error(sqlstate::kInternalError, "foreign key \"" + fk.name + "\" has no unique index on its referenced table");
  }
  return *index;
}

// The row key of the row of `referenced` whose referenced columns equal `key` (pairwise with
// fk.ref_columns, of any comparable type), or nullopt. `lock`: the row is locked FOR KEY SHARE
// and read in its newest committed version (a row deleted meanwhile is not found).
std::optional<std::string> FindReferencedRow(ExecutionContext& ctx, const TableEntry& referenced,
                                             const ForeignKeyEntry& fk, const std::vector<Value>& key, bool lock) {
  const IndexEntry& index = ReferencedIndex(referenced, fk);
  std::string entry = TablePrefix(referenced.id, index.id);
  for (size_t i = 0; i < index.columns.size(); i++) {
    size_t k = 0;
    while (k < fk.ref_columns.size() && fk.ref_columns[k] != index.columns[i]) k++;
    if (k == fk.ref_columns.size()) return std::nullopt;  // not the index on the referenced columns
    Value v;
    if (!ConvertExactly(key[k], referenced.columns[index.columns[i]].type, ctx.fn, &v)) return std::nullopt;
    entry = AppendKeyValue(std::move(entry), v, index.descending[i]);
  }
  std::string row_key;
  if (index.primary) {
    row_key = std::move(entry);
  } else if (!ctx.txn->Get(entry, &row_key)) {
    return std::nullopt;
  }
  if (lock) {
    if (LockRow(*ctx.txn, referenced, row_key, RowLockStrength::kKeyShare, /*try_only=*/false) ==
        RowLockResult::kDeleted) {
      return std::nullopt;
    }
    return row_key;
  }
  std::string value;
  if (!ctx.txn->Get(row_key, &value)) return std::nullopt;
  return row_key;
}

// The rows of `table` whose foreign key columns equal `ref_key` (the referenced values, pairwise
// with fk.ref_columns): through an index whose leading columns are the foreign key columns when
// there is one, else by a scan. At most `limit` rows (0: all). They are read as last committed, not
// as the statement's snapshot sees them: a referencing row committed by a transaction this one
// waited for (its lock on the referenced row) counts, as in PostgreSQL at every isolation level.
std::vector<StoredRow> FindReferencingRows(ExecutionContext& ctx, const TableEntry& table, const ForeignKeyEntry& fk,
                                           const std::vector<Value>& ref_key, size_t limit) {
  std::vector<Value> key(fk.columns.size());
  for (size_t i = 0; i < fk.columns.size(); i++) {
    if (!ConvertExactly(ref_key[i], table.columns[fk.columns[i]].type, ctx.fn, &key[i])) return {};
  }
  // An index (the primary key included) starting with the foreign key columns, in any order.
  const IndexEntry* index = nullptr;
  for (const auto& idx : table.indexes) {
    if (idx.columns.size() < fk.columns.size() || !idx.predicate.empty()) continue;  // a partial index lacks rows
    std::vector<uint32_t> lead(idx.columns.begin(), idx.columns.begin() + static_cast<std::ptrdiff_t>(fk.columns.size()));
    std::vector<uint32_t> want = fk.columns;
    std::sort(lead.begin(), lead.end());
    std::sort(want.begin(), want.end());
    if (lead == want && (!index || idx.primary)) index = &idx;
  }
  std::string lower;
  if (index) {
    lower = TablePrefix(table.id, index->id);
    for (size_t i = 0; i < fk.columns.size(); i++) {
      size_t k = 0;
      while (fk.columns[k] != index->columns[i]) k++;
      lower = AppendKeyValue(std::move(lower), key[k], index->descending[i]);
    }
  } else {
    lower = TablePrefix(table.id, table.row_index_id());
  }
  std::string upper = KeySuccessor(lower);
  TableScan scan(*ctx.txn, table, index, std::move(lower), std::move(upper), {}, /*newest=*/true);
  std::vector<StoredRow> out;
  std::vector<std::string> keys;
  DataChunk rows(scan.output_types());
  while (scan.Next(&rows, &keys, kChunkSize)) {
    for (size_t r = 0; r < rows.size(); r++) {
      std::vector<Value> row = rows.GetRow(r);
      if (!index && !SameKey(Columns(row, fk.columns), key)) continue;
      out.push_back({std::move(keys[r]), std::move(row)});
      if (limit && out.size() >= limit) return out;
    }
    rows = DataChunk(scan.output_types());
    keys.clear();
  }
  return out;
}

}  // namespace

bool DeferredConstraints::IsDeferred(const ForeignKeyEntry& fk) const {
  if (!fk.deferrable) return false;
  auto it = modes_.find(fk.id);
  if (it != modes_.end()) return it->second;
  if (all_) return *all_;
  return fk.initially_deferred;
}

void DeferredConstraints::SetMode(bool all, const std::vector<uint32_t>& ids, bool deferred) {
  if (all) {
    all_ = deferred;
    modes_.clear();
  }
  for (uint32_t id : ids) modes_[id] = deferred;
}

std::vector<ReferentialEvent> DeferredConstraints::TakeDue(const Catalog& catalog, bool all) {
  std::vector<ReferentialEvent> due, kept;
  for (auto& e : events_) {
    const TableEntry* table = catalog.GetTable(e.table_id);
    const ForeignKeyEntry* fk = table ? FindForeignKeyById(*table, e.fk_id) : nullptr;
    if (!fk) continue;  // dropped since
    if (all || !IsDeferred(*fk)) {
      due.push_back(std::move(e));
    } else {
      kept.push_back(std::move(e));
    }
  }
  events_ = std::move(kept);
  return due;
}

void DeferredConstraints::Clear() {
  holding_ = false;
  held_.clear();
  all_.reset();
  modes_.clear();
  events_.clear();
}

bool HasReferentialConstraints(const Catalog& catalog, const TableEntry& table) {
  return !table.foreign_keys.empty() || !catalog.ReferencesTo(table.id).empty();
}

struct ReferentialQueue::Impl {
  ExecutionContext& ctx;
  std::shared_ptr<const CascadeTables> cascades;
  std::deque<ReferentialEvent> events;
  // Per table: the foreign keys referencing it (the catalog's lookup scans every table).
  std::map<uint32_t, std::vector<Catalog::Reference>> references;
  ReferentialQueue* owner = nullptr;  // cascaded changes queue through it

  const Catalog& catalog() const {
    if (!ctx.fn.catalog) throw Error(sqlstate::kInternalError, "foreign key checks without a catalog");
    return *ctx.fn.catalog;
  }
  const TableEntry& Table(uint32_t id) const {
    const TableEntry* t = catalog().GetTable(id);
    if (!t) throw Error(sqlstate::kInternalError, "foreign key of a missing table");
    return *t;
  }
  const std::vector<Catalog::Reference>& ReferencesTo(uint32_t table_id) {
    auto it = references.find(table_id);
    if (it == references.end()) it = references.emplace(table_id, catalog().ReferencesTo(table_id)).first;
    return it->second;
  }
  const CascadeTable* Cascade(uint32_t table_id) const {
    if (!cascades) return nullptr;
    auto it = cascades->find(table_id);
    return it == cascades->end() ? nullptr : &it->second;
  }

  void QueueCheck(const TableEntry& table, const ForeignKeyEntry& fk, const std::string& row_key,
                  std::vector<Value> key) {
    ReferentialEvent e;
    e.kind = ReferentialEvent::Kind::kCheckReference;
    e.table_id = table.id;
    e.fk_id = fk.id;
    e.row_key = row_key;
    e.key = std::move(key);
    events.push_back(std::move(e));
  }
  void QueueGone(const Catalog::Reference& ref, std::vector<Value> old_key, std::optional<std::vector<Value>> new_key) {
    ReferentialEvent e;
    e.kind = ReferentialEvent::Kind::kReferenceGone;
    e.table_id = ref.table->id;
    e.fk_id = ref.fk->id;
    e.key = std::move(old_key);
    e.new_key = std::move(new_key);
    events.push_back(std::move(e));
  }

  void Run(ReferentialEvent& e, bool from_deferred);
  void Check(const TableEntry& table, const ForeignKeyEntry& fk, const ReferentialEvent& e);
  void ReferenceGone(const TableEntry& table, const ForeignKeyEntry& fk, const ReferentialEvent& e);
  void Act(const TableEntry& table, const ForeignKeyEntry& fk, const ReferentialEvent& e, StoredRow& row);
};

ReferentialQueue::ReferentialQueue(ExecutionContext& ctx, std::shared_ptr<const CascadeTables> cascades)
    : impl_(std::make_unique<Impl>(Impl{ctx, std::move(cascades), {}, {}, nullptr})) {
  impl_->owner = this;
}

ReferentialQueue::~ReferentialQueue() = default;

void ReferentialQueue::RowInserted(const TableEntry& table, const std::string& row_key, const std::vector<Value>& row) {
  for (const auto& fk : table.foreign_keys) {
    std::vector<Value> key = Columns(row, fk.columns);
    if (AllNull(key) || (fk.match == ForeignKeyEntry::kMatchSimple && AnyNull(key))) continue;
    impl_->QueueCheck(table, fk, row_key, std::move(key));
  }
}

void ReferentialQueue::RowUpdated(const TableEntry& table, const std::vector<Value>& old_row,
                                  const std::string& new_key, const std::vector<Value>& new_row) {
  for (const auto& fk : table.foreign_keys) {
    std::vector<Value> key = Columns(new_row, fk.columns);
    if (AllNull(key) || (fk.match == ForeignKeyEntry::kMatchSimple && AnyNull(key))) continue;
    if (SameKey(key, Columns(old_row, fk.columns))) continue;  // unchanged: still referenced
    impl_->QueueCheck(table, fk, new_key, std::move(key));
  }
  for (const auto& ref : impl_->ReferencesTo(table.id)) {
    std::vector<Value> old_key = Columns(old_row, ref.fk->ref_columns);
    std::vector<Value> key = Columns(new_row, ref.fk->ref_columns);
    if (AnyNull(old_key) || SameKey(old_key, key)) continue;
    impl_->QueueGone(ref, std::move(old_key), std::move(key));
  }
}

void ReferentialQueue::RowDeleted(const TableEntry& table, const std::vector<Value>& old_row) {
  for (const auto& ref : impl_->ReferencesTo(table.id)) {
    std::vector<Value> old_key = Columns(old_row, ref.fk->ref_columns);
    if (AnyNull(old_key)) continue;  // no row references a NULL
    impl_->QueueGone(ref, std::move(old_key), std::nullopt);
  }
}

void ReferentialQueue::Run() {
  if (impl_->ctx.deferred && impl_->ctx.deferred->holding()) {
    if (!impl_->events.empty()) {
      impl_->ctx.deferred->Hold(impl_->cascades, {std::make_move_iterator(impl_->events.begin()),
                                                  std::make_move_iterator(impl_->events.end())});
      impl_->events.clear();
    }
    return;
  }
  while (!impl_->events.empty()) {
    impl_->ctx.CheckCancel();
    ReferentialEvent e = std::move(impl_->events.front());
    impl_->events.pop_front();
    impl_->Run(e, false);
  }
}

void ReferentialQueue::RunNow(std::vector<ReferentialEvent> events) {
  for (auto& e : events) {
    impl_->ctx.CheckCancel();
    impl_->Run(e, true);
  }
  Run();
}

void ReferentialQueue::RunHeld(std::vector<ReferentialEvent> events) {
  for (auto& e : events) impl_->events.push_back(std::move(e));
  Run();
}

void ReferentialQueue::Impl::Run(ReferentialEvent& e, bool from_deferred) {
  const TableEntry* table = catalog().GetTable(e.table_id);
  const ForeignKeyEntry* fk = table ? FindForeignKeyById(*table, e.fk_id) : nullptr;
  if (!fk) return;  // dropped since (a deferred event)
  bool check = e.kind == ReferentialEvent::Kind::kCheckReference;
  char action = e.new_key ? fk->on_update : fk->on_delete;
  bool deferrable_work = check || action == ForeignKeyEntry::kNoAction;
  if (!from_deferred && deferrable_work && ctx.deferred && ctx.deferred->IsDeferred(*fk)) {
    ctx.deferred->Add(std::move(e));
    return;
  }
  if (check) {
    Check(*table, *fk, e);
  } else {
    ReferenceGone(*table, *fk, e);
  }
}

void ReferentialQueue::Impl::Check(const TableEntry& table, const ForeignKeyEntry& fk, const ReferentialEvent& e) {
  // The row may have changed or gone since (later in the statement, or before a deferred check):
  // then its newer version queued its own check, or there is nothing to check.
  std::vector<Value> row;
  if (!ReadRow(*ctx.txn, table, e.row_key, &row) || !SameKey(Columns(row, fk.columns), e.key)) return;
  if (fk.match == ForeignKeyEntry::kMatchFull && AnyNull(e.key)) {
    throw Error(sqlstate::kForeignKeyViolation,
                "insert or update on table \"" + table.name + "\" violates foreign key constraint \"" + fk.name + "\"")
        .WithDetail("MATCH FULL does not allow mixing of null and nonnull key values.");
  }
  const TableEntry& referenced = Table(fk.ref_table);
  if (!FindReferencedRow(ctx, referenced, fk, e.key, /*lock=*/true)) {
    MissingReference(table, fk, referenced, e.key, ctx.fn);
  }
}

void ReferentialQueue::Impl::ReferenceGone(const TableEntry& table, const ForeignKeyEntry& fk,
                                           const ReferentialEvent& e) {
  const TableEntry& referenced = Table(fk.ref_table);
  char action = e.new_key ? fk.on_update : fk.on_delete;
  // NO ACTION: a row holding the old key again (inserted, or another row's key changed to it)
  // keeps the references valid.
  if (action == ForeignKeyEntry::kNoAction && FindReferencedRow(ctx, referenced, fk, e.key, /*lock=*/false)) return;
  bool fails = action == ForeignKeyEntry::kNoAction || action == ForeignKeyEntry::kRestrict;
  std::vector<StoredRow> rows = FindReferencingRows(ctx, table, fk, e.key, fails ? 1 : 0);
  if (rows.empty()) return;
  if (fails) StillReferenced(referenced, fk, table, e.key, ctx.fn);
  for (auto& row : rows) Act(table, fk, e, row);
  // SET DEFAULT to the very key that went leaves the rows referencing it (their key did not change,
  // so no check follows): PostgreSQL then fails as NO ACTION would.
  if (action == ForeignKeyEntry::kSetDefault && !FindReferencingRows(ctx, table, fk, e.key, 1).empty()) {
    StillReferenced(referenced, fk, table, e.key, ctx.fn);
  }
}

// CASCADE, SET NULL or SET DEFAULT on one referencing row.
void ReferentialQueue::Impl::Act(const TableEntry& table, const ForeignKeyEntry& fk, const ReferentialEvent& e,
                                 StoredRow& row) {
  char action = e.new_key ? fk.on_update : fk.on_delete;
  bool deletes = action == ForeignKeyEntry::kCascade && !e.new_key;
  const CascadeTable* cascade = Cascade(table.id);
  // Locks the row; false when it is gone or no longer references the old key.
  auto lock = [&](bool key_lock) {
    std::vector<Value> newest;
    switch (LockRowForWrite(*ctx.txn, table, row.key, row.values, &newest, key_lock)) {
      case LockedRow::kDeleted: return false;
      case LockedRow::kSame: return true;
      case LockedRow::kChanged: break;
    }
    row.values = std::move(newest);
    std::vector<Value> key(fk.columns.size());
    for (size_t i = 0; i < fk.columns.size(); i++) {
      if (!ConvertExactly(e.key[i], table.columns[fk.columns[i]].type, ctx.fn, &key[i])) return false;
    }
    return SameKey(Columns(row.values, fk.columns), key);
  };
  auto new_version = [&] {
    std::vector<Value> updated = row.values;
    if (action == ForeignKeyEntry::kCascade) {
      for (size_t i = 0; i < fk.columns.size(); i++) {
        const LogicalType& type = table.columns[fk.columns[i]].type;
        updated[fk.columns[i]] = (*e.new_key)[i].is_null()
                                     ? Value::Null(type)
                                     : CastValue((*e.new_key)[i], type, CastContext::kAssignment, ctx.fn);
      }
    } else {
      const std::vector<uint32_t>& set =
          !e.new_key && !fk.delete_set_columns.empty() ? fk.delete_set_columns : fk.columns;
      for (uint32_t c : set) {
        const LogicalType& type = table.columns[c].type;
        if (action == ForeignKeyEntry::kSetNull) {
          updated[c] = Value::Null(type);
          continue;
        }
        if (!cascade || cascade->defaults.size() <= c || !cascade->defaults[c]) {
          throw Error(sqlstate::kInternalError, "SET DEFAULT action without the column's bound default");
        }
        updated[c] = ExpressionExecutor::EvaluateScalar(*cascade->defaults[c], ctx);
        updated[c].set_type(type);
      }
    }
    for (size_t c = 0; c < updated.size(); c++) updated[c].set_type(table.columns[c].type);
    ComputeGeneratedColumns(ctx, table, &updated);
    return updated;
  };
  if (deletes) {
    if (!lock(/*key_lock=*/true)) return;
    DeleteRow(ctx, table, row.values, row.key, true);
    owner->RowDeleted(table, row.values);
    return;
  }
  // Changing a key column: FOR UPDATE strength, the key lock, not waited for holding the row lock
  // (LockRowKeyOrYield); after such a wait the row is locked and its new version computed again.
  bool key_locked = false;
  std::vector<Value> updated;
  for (;;) {
    if (!lock(key_locked)) return;
    updated = new_version();
    if (key_locked || !ChangesKey(table, row.values, updated)) break;
    key_locked = true;
    if (LockRowKeyOrYield(*ctx.txn, row.key)) break;
  }
  std::string new_key = table.primary_key() ? MakeRowKey(*ctx.engine, table, updated) : row.key;
  bool key_changed = new_key != row.key;
  DeleteRow(ctx, table, row.values, row.key, key_changed);
  static const std::vector<BoundCheck> kNone;
  WriteRow(ctx, table, updated, new_key, key_changed, cascade ? cascade->checks : kNone);
  owner->RowUpdated(table, row.values, new_key, updated);
}

void ValidateForeignKey(ExecutionContext& ctx, const TableEntry& table, const ForeignKeyEntry& fk,
                        const TableEntry& referenced) {
  for (const auto& row : ReadRows(*ctx.txn, table)) {
    ctx.CheckCancel();
    std::vector<Value> key = Columns(row.values, fk.columns);
    if (AllNull(key)) continue;
    if (AnyNull(key)) {
      if (fk.match == ForeignKeyEntry::kMatchSimple) continue;
      throw Error(sqlstate::kForeignKeyViolation,
                  "insert or update on table \"" + table.name + "\" violates foreign key constraint \"" + fk.name + "\"")
          .WithDetail("MATCH FULL does not allow mixing of null and nonnull key values.");
    }
    if (!FindReferencedRow(ctx, referenced, fk, key, /*lock=*/true)) MissingReference(table, fk, referenced, key, ctx.fn);
  }
}

}  // namespace kanto::access
