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
    std::vector<const Vector*> cols;
    if (key_columns_.empty()) {
      for (size_t c = 0; c < input.column_count(); c++) cols.push_back(&input.column(c));
    } else {
      for (uint32_t c : key_columns_) cols.push_back(&input.column(c));
    }
    std::vector<uint32_t> sel;
    for (size_t r = 0; r < input.size(); r++) {
      std::string key = HashKey(cols, r);
      if (state.seen.count(key)) continue;
      if (ctx.memory) ctx.memory->Reserve(key.size() + 32);
      state.seen.insert(std::move(key));
      sel.push_back(static_cast<uint32_t>(r));
    }
    if (sel.empty()) continue;
    if (sel.size() != input.size()) input.Select(sel);
    out = std::move(input);
    return true;
  }
  return false;
}

}  // namespace kanto
