#include "execution/operator/physical_projection.hpp"

#include "execution/expression_executor.hpp"
#include "execution/operator/rows_before_error.hpp"

namespace kanto {

std::unique_ptr<OperatorState> PhysicalProjection::CreateState(ExecutionContext&) const {
  return std::make_unique<ErrorState>();
}

bool PhysicalProjection::Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const {
  auto& st = static_cast<ErrorState&>(state);
  st.RaisePending();
  DataChunk input;
  if (!PullChild(ctx, state, 0, input)) return false;
  try {
    Project(ctx, input, out);
  } catch (Error& e) {
    // (The computed columns fail before any input column is moved out.)
    size_t ok = RowsBeforeError(input, [&](const DataChunk& prefix) {
      DataChunk copy = prefix, scratch;
      scratch.Initialize(types);
      Project(ctx, copy, scratch);
    });
    if (ok == 0) throw;
    st.pending = std::move(e);
    KeepPrefix(input, ok);
    out.Initialize(types);
    Project(ctx, input, out);
  }
  return true;
}

void PhysicalProjection::Project(ExecutionContext& ctx, DataChunk& input, DataChunk& out) const {
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
}

}  // namespace kanto
