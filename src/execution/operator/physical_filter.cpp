#include "execution/operator/physical_filter.hpp"

#include "execution/expression_executor.hpp"

namespace kanto {

bool PhysicalFilter::Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const {
  DataChunk input;
  while (PullChild(ctx, state, 0, input)) {
    auto sel = ExpressionExecutor::Select(*predicate_, ctx, input);
    if (sel.empty()) continue;
    if (sel.size() != input.size()) input.Select(sel);
    out = std::move(input);
    return true;
  }
  return false;
}

}  // namespace kanto
