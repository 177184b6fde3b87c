#include "execution/operator/physical_lock_rows.hpp"

#include "access/row_lock.hpp"

namespace kanto {

namespace {
class LockRowsState : public OperatorState {
 public:
  DataChunk input;
  size_t next = 0;  // next row of `input` to lock
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalLockRows::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<LockRowsState>();
}

// False when the row is dropped (SKIP LOCKED, or deleted meanwhile).
bool PhysicalLockRows::LockRow(ExecutionContext& ctx, const DataChunk& chunk, size_t row) const {
  using R = access::RowLockResult;
  for (const auto& t : targets_) {
    const Vector& keys = chunk.column(t.key_column);
    if (keys.IsNull(row)) continue;
    R r = access::LockRow(*ctx.txn, *t.table, keys.strings()[row], t.strength, t.wait != LockWait::kBlock);
    switch (r) {
      case R::kUnchanged: break;
      case R::kNotAvailable:
        if (t.wait == LockWait::kSkipLocked) return false;
        throw Error(sqlstate::kLockNotAvailable, "could not obtain lock on row in relation \"" + t.relation + "\"");
      case R::kDeleted: return false;
      case R::kChanged: throw StatementRestart();
    }
  }
  return true;
}

bool PhysicalLockRows::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<LockRowsState&>(base);
  while (true) {
    if (state.next >= state.input.size()) {
      state.input = DataChunk();
      state.next = 0;
      if (!PullChild(ctx, state, 0, state.input)) return false;
      continue;
    }
    std::vector<uint32_t> keep;
    while (state.next < state.input.size()) {
      size_t r = state.next++;
      if (LockRow(ctx, state.input, r)) keep.push_back(static_cast<uint32_t>(r));
      if (row_at_a_time_ && !keep.empty()) break;
    }
    if (keep.empty()) continue;
    out.Initialize(state.input.types());
    for (uint32_t r : keep) out.AppendRowFrom(state.input, r);
    return true;
  }
}

}  // namespace kanto
