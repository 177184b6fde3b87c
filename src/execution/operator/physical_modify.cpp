#include "execution/operator/physical_modify.hpp"

#include "access/generated_columns.hpp"
#include "access/row_change.hpp"
#include "access/row_key.hpp"
#include "access/row_lock.hpp"
#include "access/table_writer.hpp"
#include "execution/expression_executor.hpp"
#include "execution/operator/physical_values.hpp"
#include "kanto/error.hpp"

namespace kanto {

class PhysicalModify::ModifyState : public OperatorState {
 public:
  bool done = false;
  std::unordered_set<std::string> written;
  std::vector<DataChunk> returned;
  size_t next_out = 0;
};

std::string PhysicalModify::Name() const {
  switch (kind_) {
    case Kind::kInsert: return "Insert on " + table_->name;
    case Kind::kUpdate: return "Update on " + table_->name;
    case Kind::kDelete: return "Delete on " + table_->name;
  }
  return "Modify";
}

std::vector<std::string> PhysicalModify::Details() const {
  if (on_conflict == LogicalModify::OnConflict::kNone) return {};
  std::vector<std::string> out{std::string("Conflict Resolution: ") +
                               (on_conflict == LogicalModify::OnConflict::kNothing ? "NOTHING" : "UPDATE")};
  std::string names;
  for (uint32_t id : arbiter_indexes) {
    if (const IndexEntry* index = table_->FindIndexById(id)) names += (names.empty() ? "" : ", ") + index->name;
  }
  if (!names.empty()) out.push_back("Conflict Arbiter Indexes: " + names);
  if (conflict_where) out.push_back("Conflict Filter: " + conflict_where->ToString());
  return out;
}

std::unique_ptr<OperatorState> PhysicalModify::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<ModifyState>();
}

// The row an UPDATE or DELETE will change, locked. READ COMMITTED (PostgreSQL's EvalPlanQual
// rule): when a concurrent transaction committed a newer version after the statement's snapshot,
// that version replaces the one read, if it still satisfies the WHERE clause; a deleted row, or
// one that no longer qualifies, is skipped. REPEATABLE READ: the lock read itself fails with
// 40001 when the row changed after the transaction's snapshot.
// Returns false to skip the row; otherwise *changed says whether `row` (all child columns) was
// replaced by the newest version.
bool PhysicalModify::LockTarget(ExecutionContext& ctx, const DataChunk& input, size_t r, std::vector<Value>* row,
                                bool* changed, bool key_lock) const {
  size_t ncols = table_->columns.size();
  *changed = false;
  const std::string& key = input.column(ncols).strings()[r];
  // Data-modifying WITH: a row an earlier part of the statement updated or deleted is skipped
  // (PostgreSQL's self-modified rule: the first change wins).
  if (access::WrittenByEarlierPart(*ctx.txn, key)) return false;
  std::vector<Value> read(row->begin(), row->begin() + static_cast<std::ptrdiff_t>(ncols));
  std::vector<Value> current;
  switch (access::LockRowForWrite(*ctx.txn, *table_, key, read, &current, key_lock)) {
    case access::LockedRow::kDeleted: return false;
    case access::LockedRow::kSame: return true;
    case access::LockedRow::kChanged: break;
  }
  for (size_t c = 0; c < ncols; c++) (*row)[c] = current[c];
  *changed = true;
  if (!recheck) return true;
  DataChunk one(input.types());
  one.AppendRow(*row);
  Vector result;
  ExpressionExecutor::Evaluate(*recheck, ctx, one, result);
  Value v = result.GetValue(0);
  return !v.is_null() && v.bool_value();
}

bool PhysicalModify::UpdateConflicting(ExecutionContext& ctx, const std::string& key, const std::vector<Value>& proposed,
                                       DataChunk* new_rows, access::ReferentialQueue* refs,
                                       std::unordered_set<std::string>* written, uint64_t* affected) const {
  // A row this statement (or an earlier part of its WITH) wrote: PostgreSQL refuses to decide which of the two proposals wins.
  if (written->count(key) || access::WrittenByEarlierPart(*ctx.txn, key)) {
    throw Error(sqlstate::kCardinalityViolation, "ON CONFLICT DO UPDATE command cannot affect row a second time")
        .WithHint("Ensure that no rows proposed for insertion within the same command have duplicate constrained values.");
  }
  // FOR UPDATE strength when DO UPDATE sets a key column (PostgreSQL judges by the SET list here).
  for (size_t c = 0; c < conflict_set.size(); c++) {
    if (conflict_set[c] && access::IsKeyColumn(*table_, static_cast<uint32_t>(c))) {
      access::LockRowKey(*ctx.txn, key, /*try_only=*/false);
      break;
    }
  }
  std::vector<Value> old_row;
  if (!access::LockNewestRow(*ctx.txn, *table_, key, &old_row)) return false;
  size_t ncols = table_->columns.size();
  std::vector<LogicalType> pair_types = table_->column_types();
  pair_types.insert(pair_types.end(), pair_types.begin(), pair_types.end());
  DataChunk pair(pair_types);
  std::vector<Value> both = old_row;
  both.insert(both.end(), proposed.begin(), proposed.end());
  pair.AppendRow(both);
  Vector result;
  if (conflict_where) {
    ExpressionExecutor::Evaluate(*conflict_where, ctx, pair, result);
    Value v = result.GetValue(0);
    if (v.is_null() || !v.bool_value()) return true;  // locked, left as it is
  }
  std::vector<Value> row = old_row;
  for (size_t c = 0; c < ncols; c++) {
    if (!conflict_set[c]) continue;
    ExpressionExecutor::Evaluate(*conflict_set[c], ctx, pair, result);
    row[c] = result.TakeValue(0);
    row[c].set_type(table_->columns[c].type);
  }
  std::string new_key = access::UpdateTableRow(ctx, *table_, old_row, key, row, new_rows != nullptr, checks, refs);
  if (new_rows) new_rows->AppendRow(row);
  written->insert(new_key);
  (*affected)++;
  return true;
}

// The row is locked FOR NO KEY UPDATE; when the new version changes a key column (by value, as
// PostgreSQL decides), FOR UPDATE: the key lock too. When another transaction holds that (FOR KEY
// SHARE, a foreign key check), the row lock taken here is given back while the key lock is waited
// for, and the row is locked and evaluated again: holding it while waiting could deadlock with a
// holder that goes on to update the row's other columns, which PostgreSQL lets through.
bool PhysicalModify::UpdatedRow(ExecutionContext& ctx, const DataChunk& input, size_t r,
                                const std::vector<Vector>& computed, std::vector<Value>* child_row,
                                std::vector<Value>* old_row, std::vector<Value>* row) const {
  size_t ncols = table_->columns.size();
  const std::string& key = input.column(ncols).strings()[r];
  bool key_locked = false;
  while (true) {
    *child_row = input.GetRow(r);
    bool changed = false;
    if (!LockTarget(ctx, input, r, child_row, &changed, key_locked)) return false;
    std::vector<Vector> recomputed;
    if (changed) {
      // The SET expressions apply to the newest version.
      DataChunk one(input.types());
      one.AppendRow(*child_row);
      recomputed.resize(ncols);
      for (size_t c = 0; c < ncols; c++) {
        if (set[c]) ExpressionExecutor::Evaluate(*set[c], ctx, one, recomputed[c]);
      }
    }
    old_row->assign(ncols, Value());
    row->assign(ncols, Value());
    for (size_t c = 0; c < ncols; c++) {
      (*old_row)[c] = (*child_row)[c];
      (*row)[c] = !set[c] ? (*old_row)[c] : changed ? recomputed[c].GetValue(0) : computed[c].GetValue(r);
      (*row)[c].set_type(table_->columns[c].type);
    }
    access::ComputeGeneratedColumns(ctx, *table_, row);
    if (key_locked || !access::ChangesKey(*table_, *old_row, *row)) return true;
    if (access::LockRowKeyOrYield(*ctx.txn, key)) return true;
    key_locked = true;
  }
}

void PhysicalModify::Apply(ExecutionContext& ctx, DataChunk& input, DataChunk* returned,
                           access::ReferentialQueue* refs, std::unordered_set<std::string>* written) const {
  size_t ncols = table_->columns.size();
  std::vector<LogicalType> table_types = table_->column_types();
  // Made only for RETURNING: its columns were a statement's allocations for every INSERT.
  DataChunk new_rows;
  if (returned) {
    std::vector<LogicalType> returned_types = table_types;
    if (returning_input) {
      std::vector<LogicalType> input_types = input.types();
      returned_types.insert(returned_types.end(), input_types.begin(), input_types.end());
    }
    new_rows.Initialize(returned_types);
  }
  // The row RETURNING reads: `row`, and with returning_input the input row after it.
  auto add_returned = [&](const std::vector<Value>& row, const std::vector<Value>& input_row) {
    if (!returning_input) return new_rows.AppendRow(row);
    std::vector<Value> both = row;
    both.insert(both.end(), input_row.begin(), input_row.end());
    new_rows.AppendRow(both);
  };
  uint64_t affected = 0;
  if (kind_ == Kind::kUpdate) {
    std::vector<Vector> computed(ncols);
    for (size_t c = 0; c < ncols; c++) {
      if (set[c]) ExpressionExecutor::Evaluate(*set[c], ctx, input, computed[c]);
    }
    for (size_t r = 0; r < input.size(); r++) {
      // UPDATE ... FROM: the first of the rows a target row joins updates it, the rest are ignored.
      if (once_per_row && written->count(input.column(ncols).strings()[r])) continue;
      std::vector<Value> child_row, old_row, row;
      if (!UpdatedRow(ctx, input, r, computed, &child_row, &old_row, &row)) continue;
      const std::string& old_key = input.column(ncols).strings()[r];
      std::string new_key =
          access::UpdateTableRow(ctx, *table_, old_row, old_key, row, returned != nullptr, checks, refs);
      if (once_per_row) {
        written->insert(old_key);
        written->insert(new_key);
      }
      if (returned) add_returned(row, child_row);
      affected++;
    }
  } else if (kind_ == Kind::kDelete) {
    for (size_t r = 0; r < input.size(); r++) {
      std::vector<Value> child_row = input.GetRow(r);
      bool changed = false;
      if (!LockTarget(ctx, input, r, &child_row, &changed, /*key_lock=*/true)) continue;
      std::vector<Value> row(child_row.begin(), child_row.begin() + static_cast<std::ptrdiff_t>(ncols));
      access::DeleteTableRow(ctx, *table_, row, input.column(ncols).strings()[r], refs);
      affected++;
      if (returned) add_returned(row, child_row);
    }
  } else {
    for (size_t r = 0; r < input.size(); r++) {
      std::vector<Value> row(ncols);
      for (size_t c = 0; c < ncols; c++) {
        row[c] = input.column(c).TakeValue(r);  // the input chunk is read once: its strings move
        row[c].set_type(table_types[c]);
      }
      InsertRow(ctx, row, returned ? &new_rows : nullptr, refs, written, &affected);
    }
  }
  ctx.rows_affected += affected;
  if (returned) {
    returned->Initialize(types);
    for (size_t i = 0; i < returning.size(); i++) {
      ExpressionExecutor::Evaluate(*returning[i], ctx, new_rows, returned->column(i));
    }
    returned->set_size(new_rows.size());
  }
}

void PhysicalModify::InsertRow(ExecutionContext& ctx, std::vector<Value>& row, DataChunk* new_rows,
                               access::ReferentialQueue* refs, std::unordered_set<std::string>* written,
                               uint64_t* affected) const {
  access::ComputeGeneratedColumns(ctx, *table_, &row);
  std::string key = access::MakeRowKey(*ctx.engine, *table_, row);
  if (on_conflict != LogicalModify::OnConflict::kNone) {
    access::CheckNotNull(*table_, row, ctx.fn);
    access::CheckConstraints(ctx, *table_, checks, row);
    std::string holder;
    while (access::InsertConflicts(ctx, *table_, row, key, arbiter_indexes, &holder)) {
      if (on_conflict == LogicalModify::OnConflict::kNothing ||
          UpdateConflicting(ctx, holder, row, new_rows, refs, written, affected)) {
        return;
      }
    }
    if (on_conflict == LogicalModify::OnConflict::kUpdate) written->insert(key);
  }
  access::StoreInsertedRow(ctx, *table_, row, key, new_rows != nullptr, checks, refs);
  if (new_rows) new_rows->AppendRow(row);
  (*affected)++;
}

// INSERT ... VALUES without RETURNING: the rows go from their expressions to the table without a
// chunk in between (building one and taking it apart again was 10% of a one-row prepared INSERT:
// docs/performance.md, bench/embedded cause 13). All are evaluated before the first is written,
// as the chunks are (a subquery in a later row does not see an earlier one).
bool PhysicalModify::InsertValues(ExecutionContext& ctx, ModifyState& state) const {
  const auto* values = children.empty() ? nullptr : dynamic_cast<const PhysicalValues*>(children[0].get());
  if (kind_ != Kind::kInsert || !returning.empty() || ctx.analyze || !values ||
      values->types.size() != table_->columns.size()) {
    return false;
  }
  const std::vector<ColumnEntry>& columns = table_->columns;
  std::vector<std::vector<Value>> rows(values->row_count());
  for (size_t r = 0; r < rows.size(); r++) {
    if (r % ctx.batch_rows == 0) ctx.CheckCancel();
    values->EvaluateRow(ctx, r, &rows[r]);
    for (size_t c = 0; c < columns.size(); c++) rows[r][c].set_type(columns[c].type);
  }
  std::unique_ptr<access::ReferentialQueue> refs;
  if (cascades) refs = std::make_unique<access::ReferentialQueue>(ctx, cascades);
  uint64_t affected = 0;
  for (size_t r = 0; r < rows.size(); r++) {
    if (r > 0 && r % ctx.batch_rows == 0) ctx.CheckCancel();
    InsertRow(ctx, rows[r], nullptr, refs.get(), &state.written, &affected);
  }
  ctx.rows_affected += affected;
  if (refs) refs->Run();
  return true;
}

bool PhysicalModify::Next(ExecutionContext& ctx, OperatorState& state_base, DataChunk& out) const {
  auto& state = static_cast<ModifyState&>(state_base);
  if (!state.done) {
    state.done = true;
    if (InsertValues(ctx, state)) return false;
    std::vector<DataChunk> input;
    DataChunk chunk;
    while (PullChild(ctx, state, 0, chunk)) input.push_back(std::move(chunk));
    std::unique_ptr<access::ReferentialQueue> refs;
    if (cascades) refs = std::make_unique<access::ReferentialQueue>(ctx, cascades);
    for (auto& c : input) {
      ctx.CheckCancel();
      DataChunk returned;
      Apply(ctx, c, returning.empty() ? nullptr : &returned, refs.get(), &state.written);
      if (!returning.empty() && returned.size() > 0) state.returned.push_back(std::move(returned));
    }
    // The foreign key checks and actions run when all rows are written, as PostgreSQL's RI
    // triggers fire at the end of the statement.
    if (refs) refs->Run();
  }
  if (state.next_out >= state.returned.size()) return false;
  out = std::move(state.returned[state.next_out++]);
  return true;
}

}  // namespace kanto
