// A constant table (VALUES, or the single empty row of SELECT without FROM).
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalValues : public PhysicalOperator {
 public:
  PhysicalValues(std::vector<LogicalType> types, std::vector<std::vector<BoundExprPtr>> rows)
      : PhysicalOperator(std::move(types)), rows_(std::move(rows)) {}
  std::string Name() const override { return types.empty() ? "Result" : "Values Scan"; }
  size_t row_count() const { return rows_.size(); }
  // Row `r`'s values, typed as the columns (what Next appends): INSERT ... VALUES reads them
  // without a chunk in between (PhysicalModify).
  void EvaluateRow(ExecutionContext& ctx, size_t r, std::vector<Value>* row) const;

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<std::vector<BoundExprPtr>> rows_;
};

}  // namespace kanto
