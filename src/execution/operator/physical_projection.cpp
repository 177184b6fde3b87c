#include "execution/operator/physical_projection.hpp"

#include "execution/expression_executor.hpp"

namespace kanto {

bool PhysicalProjection::Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const {
  DataChunk input;
  if (!PullChild(ctx, state, 0, input)) return false;
  for (size_t i = 0; i < exprs_.size(); i++) {
    ExpressionExecutor::Evaluate(*exprs_[i], ctx, input, out.column(i));
    out.column(i).set_type(types[i]);
  }
  out.set_size(input.size());
  return true;
}

}  // namespace kanto
