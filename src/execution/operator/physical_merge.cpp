#include "execution/operator/physical_merge.hpp"

#include "access/generated_columns.hpp"
#include "access/row_change.hpp"
#include "access/row_lock.hpp"
#include "access/table_writer.hpp"
#include "execution/expression_executor.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {
Value EvaluateOne(ExecutionContext& ctx, const BoundExpr& e, const DataChunk& row) {
  Vector result;
  ExpressionExecutor::Evaluate(e, ctx, row, result);
  return result.TakeValue(0);
}

bool Holds(ExecutionContext& ctx, const BoundExpr& e, const DataChunk& row) {
  Value v = EvaluateOne(ctx, e, row);
  return !v.is_null() && v.bool_value();
}
}  // namespace

const PhysicalMerge::Action* PhysicalMerge::Choose(ExecutionContext& ctx, const DataChunk& row, bool matched) const {
  for (const Action& a : actions) {
    if (a.matched != matched) continue;
    if (!a.condition || Holds(ctx, *a.condition, row)) return &a;
  }
  return nullptr;
}

void PhysicalMerge::MergeRow(ExecutionContext& ctx, const DataChunk& input, size_t r, access::ReferentialQueue* refs,
                             std::unordered_set<std::string>* touched, uint64_t* affected) const {
  size_t ncols = table_->columns.size();
  std::vector<LogicalType> table_types = table_->column_types();
  DataChunk row(input.types());
  row.AppendRowFrom(input, r);
  bool matched = !input.column(ncols).IsNull(r);
  if (matched) {
    const std::string& key = input.column(ncols).strings()[r];
    bool locked = false, key_locked = false;
    for (;;) {
      const Action* a = Choose(ctx, row, true);
      if (!a || a->kind == Kind::kNothing) return;
      if (touched->count(key) || access::WrittenByEarlierPart(*ctx.txn, key)) {
        throw Error(sqlstate::kCardinalityViolation, "MERGE command cannot affect row a second time")
            .WithHint("Ensure that not more than one source row matches any one target row.");
      }
      std::vector<Value> old_row = row.GetRow(0);
      old_row.resize(ncols);
      if (!locked) {
        std::vector<Value> current;
        access::LockedRow state = access::LockRowForWrite(*ctx.txn, *table_, key, old_row, &current, key_locked);
        locked = true;
        if (state == access::LockedRow::kDeleted) {
          matched = false;
          break;
        }
        if (state == access::LockedRow::kChanged) {
          // The WHEN clauses again, over the newest version, if it still joins the source row.
          std::vector<Value> newest = row.GetRow(0);
          for (size_t c = 0; c < ncols; c++) newest[c] = current[c];
          row.Reset();
          row.AppendRow(std::move(newest));
          if (recheck && !Holds(ctx, *recheck, row)) {
            matched = false;
            break;
          }
          continue;
        }
      }
      std::vector<Value> new_row;
      if (a->kind != Kind::kDelete) {
        new_row = old_row;
        for (size_t c = 0; c < ncols; c++) {
          if (!a->values[c]) continue;
          new_row[c] = EvaluateOne(ctx, *a->values[c], row);
          new_row[c].set_type(table_types[c]);
        }
        access::ComputeGeneratedColumns(ctx, *table_, &new_row);
      }
      // A DELETE or a key change: FOR UPDATE strength, the key lock, not waited for holding the
      // row lock (access/row_lock.hpp); after such a wait the row is locked and chosen for again.
      if (!key_locked && (a->kind == Kind::kDelete || access::ChangesKey(*table_, old_row, new_row))) {
        key_locked = true;
        if (!access::LockRowKeyOrYield(*ctx.txn, key)) {
          locked = false;
          continue;
        }
      }
      touched->insert(key);
      if (a->kind == Kind::kDelete) {
        access::DeleteTableRow(ctx, *table_, old_row, key, refs);
      } else {
        access::UpdateTableRow(ctx, *table_, old_row, key, new_row, false, checks, refs);
      }
      (*affected)++;
      return;
    }
  }
  const Action* a = Choose(ctx, row, false);
  if (!a || a->kind == Kind::kNothing) return;
  std::vector<Value> new_row(ncols);
  for (size_t c = 0; c < ncols; c++) {
    new_row[c] = EvaluateOne(ctx, *a->values[c], row);
    new_row[c].set_type(table_types[c]);
  }
  access::InsertTableRow(ctx, *table_, new_row, false, checks, refs);
  (*affected)++;
}

namespace {
class MergeState : public OperatorState {
 public:
  bool done = false;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalMerge::CreateState(ExecutionContext&) const {
  return std::make_unique<MergeState>();
}

bool PhysicalMerge::Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const {
  auto& merge_state = static_cast<MergeState&>(state);
  if (merge_state.done) return false;
  merge_state.done = true;
  std::vector<DataChunk> input;
  DataChunk chunk;
  while (PullChild(ctx, state, 0, chunk)) input.push_back(std::move(chunk));
  std::unique_ptr<access::ReferentialQueue> refs;
  if (cascades) refs = std::make_unique<access::ReferentialQueue>(ctx, cascades);
  std::unordered_set<std::string> touched;
  uint64_t affected = 0;
  for (const DataChunk& c : input) {
    ctx.CheckCancel();
    for (size_t r = 0; r < c.size(); r++) MergeRow(ctx, c, r, refs.get(), &touched, &affected);
  }
  // The foreign key checks and actions run when all rows are written (as for INSERT / UPDATE /
  // DELETE: PostgreSQL's RI triggers fire at the end of the statement).
  if (refs) refs->Run();
  ctx.rows_affected += affected;
  return false;
}

}  // namespace kanto
