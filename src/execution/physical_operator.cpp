#include "common/clock.hpp"
#include "execution/physical_operator.hpp"

#include <chrono>

#include "common/stack_depth.hpp"
#include "kanto/error.hpp"

namespace kanto {

void MemoryTracker::Reserve(uint64_t bytes) {
  if (used_ + bytes > limit_) {
    throw Error(sqlstate::kOutOfMemory, "out of memory")
        .WithDetail("The query needs more than the configured query memory limit of " +
                    std::to_string(limit_ / (1024 * 1024)) + " MB.");
  }
  used_ += bytes;
}

void ExecutionContext::CheckCancel() const {
  if (cancel && cancel->load(std::memory_order_relaxed)) {
    throw Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
  }
  if (deadline_micros && SteadyMicros() > deadline_micros) {
    throw Error(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
  }
}

std::unique_ptr<OperatorState> PhysicalOperator::InitState(ExecutionContext& ctx) const {
  CheckStackDepth();
  auto state = CreateState(ctx);
  for (const auto& child : children) state->children.push_back(child->InitState(ctx));
  return state;
}

bool PhysicalOperator::Pull(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const {
  out.Initialize(types);
  if (!ctx.analyze) {
    bool more = Next(ctx, state, out);
    return more;
  }
  auto start = std::chrono::steady_clock::now();
  bool more = Next(ctx, state, out);
  state.nanos += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
  if (state.rows_out == 0 && out.size() > 0) state.startup_nanos = state.nanos;
  state.rows_out += out.size();
  return more;
}

}  // namespace kanto
