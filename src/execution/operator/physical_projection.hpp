// Computes one output column per expression.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalProjection : public PhysicalOperator {
 public:
  PhysicalProjection(std::vector<LogicalType> types, std::vector<BoundExprPtr> exprs)
      : PhysicalOperator(std::move(types)), exprs_(std::move(exprs)) {}
  std::string Name() const override { return "Projection"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  // The output columns of `input` (its plain column references are moved out of it).
  void Project(ExecutionContext& ctx, DataChunk& input, DataChunk& out) const;
  std::vector<BoundExprPtr> exprs_;
};

}  // namespace kanto
