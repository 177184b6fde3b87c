// LIMIT/OFFSET; stops pulling once the limit is reached.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalLimit : public PhysicalOperator {
 public:
  PhysicalLimit(std::vector<LogicalType> types, BoundExprPtr limit, BoundExprPtr offset)
      : PhysicalOperator(std::move(types)), limit_(std::move(limit)), offset_(std::move(offset)) {}
  std::string Name() const override { return "Limit"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  BoundExprPtr limit_;
  BoundExprPtr offset_;
};

}  // namespace kanto
