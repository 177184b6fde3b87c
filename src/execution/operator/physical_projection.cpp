#include "execution/operator/physical_projection.hpp"

#include "execution/expression_executor.hpp"

namespace kanto {

bool PhysicalProjection::Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const {
  DataChunk input;
  if (!PullChild(ctx, state, 0, input)) return false;
  // Outputs that are a plain input column are filled last, and the last of them for each column
  // takes the column over (input is this call's own): a large value is not copied.
  std::vector<size_t> last_ref(input.column_count(), exprs_.size());
  for (size_t i = 0; i < exprs_.size(); i++) {
    const BoundExpr& e = *exprs_[i];
    if (e.kind == BoundExprKind::kColumnRef && e.index < input.column_count()) {
      last_ref[e.index] = i;
      continue;
    }
    ExpressionExecutor::Evaluate(e, ctx, input, out.column(i));
    out.column(i).set_type(types[i]);
  }
  for (size_t i = 0; i < exprs_.size(); i++) {
    const BoundExpr& e = *exprs_[i];
    if (e.kind != BoundExprKind::kColumnRef || e.index >= input.column_count()) continue;
    if (last_ref[e.index] == i) {
      out.column(i) = std::move(input.column(e.index));
    } else {
      out.column(i) = input.column(e.index);
    }
    out.column(i).set_type(types[i]);
  }
  out.set_size(input.size());
  return true;
}

}  // namespace kanto
