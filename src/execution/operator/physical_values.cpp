#include "execution/operator/physical_values.hpp"

#include "execution/expression_executor.hpp"

namespace kanto {

namespace {
class ValuesState : public OperatorState {
 public:
  size_t next = 0;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalValues::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<ValuesState>();
}

void PhysicalValues::EvaluateRow(ExecutionContext& ctx, size_t r, std::vector<Value>* row) const {
  row->clear();
  row->reserve(rows_[r].size());
  for (size_t c = 0; c < rows_[r].size(); c++) {
    // A constant cell (every cell of a system catalog but its computed columns) is copied:
    // evaluating it as an expression built a one-row vector per cell.
    const BoundExpr& cell = *rows_[r][c];
    Value v = cell.IsConstant() ? cell.value : ExpressionExecutor::EvaluateScalar(cell, ctx);
    v.set_type(types[c]);
    row->push_back(std::move(v));
  }
}

bool PhysicalValues::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<ValuesState&>(base);
  if (state.next >= rows_.size()) return false;
  size_t end = std::min(rows_.size(), state.next + ctx.batch_rows);
  std::vector<Value> row;
  for (; state.next < end; state.next++) {
    EvaluateRow(ctx, state.next, &row);
    out.AppendRow(std::move(row));
  }
  return true;
}

}  // namespace kanto
