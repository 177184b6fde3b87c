#include "execution/operator/physical_filter.hpp"

#include "execution/expression_executor.hpp"
#include "execution/operator/rows_before_error.hpp"

namespace kanto {

std::unique_ptr<OperatorState> PhysicalFilter::CreateState(ExecutionContext&) const {
  return std::make_unique<ErrorState>();
}

bool PhysicalFilter::Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const {
  auto& st = static_cast<ErrorState&>(state);
  st.RaisePending();
  DataChunk input;
  while (PullChild(ctx, state, 0, input)) {
    std::vector<uint32_t> sel;
    try {
      sel = ExpressionExecutor::Select(*predicate_, ctx, input);
    } catch (Error& e) {
      size_t ok = RowsBeforeError(input, [&](const DataChunk& prefix) { ExpressionExecutor::Select(*predicate_, ctx, prefix); });
      if (ok == 0) throw;
      st.pending = std::move(e);
      KeepPrefix(input, ok);
      sel = ExpressionExecutor::Select(*predicate_, ctx, input);
      if (sel.empty()) st.RaisePending();
    }
    if (sel.empty()) continue;
    if (sel.size() != input.size()) input.Select(sel);
    out = std::move(input);
    return true;
  }
  return false;
}

}  // namespace kanto
