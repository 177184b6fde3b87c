#include "execution/operator/physical_recursive_cte.hpp"

#include <unordered_set>

#include "execution/operator/hash_key.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {
class RecursiveState : public OperatorState {
 public:
  bool in_anchor = true;
  std::unique_ptr<OperatorState> round;  // the recursive term's state for the current round
  std::shared_ptr<DataChunk> next_work;  // rows produced in this round
  std::unordered_set<std::string> seen;  // UNION: every row produced so far
  uint64_t rounds = 0;
  uint64_t next_work_bytes = 0;  // memory budget held by next_work
  uint64_t work_bytes = 0;       // ... and by the working table being read
};

class ScanState : public OperatorState {
 public:
  std::shared_ptr<const DataChunk> table;
  size_t next = 0;
};
}  // namespace

std::vector<std::string> PhysicalRecursiveCte::Details() const { return {union_all_ ? "UNION ALL" : "UNION"}; }

std::unique_ptr<OperatorState> PhysicalRecursiveCte::CreateState(ExecutionContext& ctx) const {
  auto s = std::make_unique<RecursiveState>();
  s->next_work = std::make_shared<DataChunk>(types);
  return s;
}

bool PhysicalRecursiveCte::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<RecursiveState&>(base);
  DataChunk input;
  while (true) {
    ctx.CheckCancel();
    bool got;
    if (state.in_anchor) {
      got = PullChild(ctx, state, 0, input);
      if (!got) state.in_anchor = false;
    } else {
      if (!state.round) {
        if (state.next_work->size() == 0) return false;
        if (++state.rounds > kMaxRounds) {
          throw Error(sqlstate::kProgramLimitExceeded, "recursive query \"" + name_ + "\" exceeded " +
                                                           std::to_string(kMaxRounds) + " rounds");
        }
        (*ctx.working_tables)[cte_id_] = std::move(state.next_work);
        state.next_work = std::make_shared<DataChunk>(types);
        if (ctx.memory) ctx.memory->Release(state.work_bytes);
        state.work_bytes = state.next_work_bytes;
        state.next_work_bytes = 0;
        state.round = children[1]->InitState(ctx);
      }
      got = children[1]->Pull(ctx, *state.round, input);
      if (!got) state.round.reset();
    }
    if (!got || input.size() == 0) continue;
    if (!union_all_ && !KeepFirstOccurrences(input, {}, state.seen, ctx.memory)) continue;
    uint64_t bytes = 16 * input.size() * input.column_count();
    if (ctx.memory) ctx.memory->Reserve(bytes);
    state.next_work_bytes += bytes;
    for (size_t r = 0; r < input.size(); r++) state.next_work->AppendRowFrom(input, r);
    out = std::move(input);
    return true;
  }
}

std::unique_ptr<OperatorState> PhysicalCteScan::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<ScanState>();
}

bool PhysicalCteScan::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<ScanState&>(base);
  if (!state.table) {
    auto it = ctx.working_tables->find(cte_id_);
    if (it == ctx.working_tables->end()) return false;
    state.table = it->second;
  }
  if (state.next >= state.table->size()) return false;
  size_t end = std::min(state.table->size(), state.next + kChunkSize);
  for (; state.next < end; state.next++) out.AppendRowFrom(*state.table, state.next);
  return true;
}

}  // namespace kanto
