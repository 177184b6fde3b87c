#include "execution/operator/physical_lateral_join.hpp"

#include "execution/expression_executor.hpp"

namespace kanto {

namespace {

class LateralState : public OperatorState {
 public:
  DataChunk left;              // the current left chunk
  size_t row = 0;              // its row whose right rows stream now
  std::vector<Vector> values;  // the lateral values of each left row
  std::vector<Value> outer;    // those of the current row
  std::unique_ptr<ExecutionContext> inner;
  std::unique_ptr<OperatorState> right;  // null between left rows
  bool left_done = false;
};

}  // namespace

std::unique_ptr<OperatorState> PhysicalLateralJoin::CreateState(ExecutionContext&) const {
  return std::make_unique<LateralState>();
}

bool PhysicalLateralJoin::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& st = static_cast<LateralState&>(base);
  DataChunk chunk;
  while (true) {
    if (!st.right) {
      if (st.row >= st.left.size()) {
        if (st.left_done || !PullChild(ctx, st, 0, st.left)) {
          st.left_done = true;
          return false;
        }
        st.row = 0;
        st.values.assign(params_.size(), Vector());
        for (size_t k = 0; k < params_.size(); k++) ExpressionExecutor::Evaluate(*params_[k], ctx, st.left, st.values[k]);
        continue;
      }
      st.outer.resize(params_.size());
      for (size_t k = 0; k < params_.size(); k++) st.outer[k] = st.values[k].GetValue(st.row);
      st.inner = std::make_unique<ExecutionContext>(ctx);
      st.inner->outer = &st.outer;
      st.right = children[1]->InitState(*st.inner);
    }
    if (!children[1]->Pull(*st.inner, *st.right, chunk)) {
      st.right.reset();
      st.row++;
      ctx.CheckCancel();
      continue;
    }
    if (chunk.size() == 0) continue;
    std::vector<Value> left_row = st.left.GetRow(st.row);
    out.Initialize(types);
    for (size_t r = 0; r < chunk.size(); r++) {
      std::vector<Value> row = left_row;
      row.reserve(types.size());
      for (size_t c = 0; c < chunk.column_count(); c++) row.push_back(chunk.column(c).GetValue(r));
      out.AppendRow(std::move(row));
    }
    return true;
  }
}

}  // namespace kanto
