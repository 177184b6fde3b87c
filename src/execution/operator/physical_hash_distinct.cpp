#include "execution/operator/physical_hash_distinct.hpp"

#include <unordered_set>

#include "execution/operator/hash_key.hpp"

namespace kanto {

namespace {
class DistinctState : public OperatorState {
 public:
  std::unordered_set<std::string> seen;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalHashDistinct::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<DistinctState>();
}

bool PhysicalHashDistinct::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<DistinctState&>(base);
  DataChunk input;
  while (PullChild(ctx, state, 0, input)) {
    if (!KeepFirstOccurrences(input, key_columns_, state.seen, ctx.memory)) continue;
    out = std::move(input);
    return true;
  }
  return false;
}

}  // namespace kanto
