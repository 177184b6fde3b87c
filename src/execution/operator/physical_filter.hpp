// Keeps the rows for which the predicate is true.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalFilter : public PhysicalOperator {
 public:
  PhysicalFilter(std::vector<LogicalType> types, BoundExprPtr predicate)
      : PhysicalOperator(std::move(types)), predicate_(std::move(predicate)) {}
  std::string Name() const override { return "Filter"; }
  std::vector<std::string> Details() const override { return {"Filter: " + predicate_->ToString()}; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  BoundExprPtr predicate_;
};

}  // namespace kanto
