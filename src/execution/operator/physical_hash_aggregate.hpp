// GROUP BY with a hash table; without groups, one row even for empty input.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalHashAggregate : public PhysicalOperator {
 public:
  PhysicalHashAggregate(std::vector<LogicalType> types, std::vector<BoundExprPtr> groups,
                        std::vector<BoundExprPtr> aggregates)
      : PhysicalOperator(std::move(types)), groups_(std::move(groups)), aggregates_(std::move(aggregates)) {}
  std::string Name() const override { return groups_.empty() ? "Aggregate" : "HashAggregate"; }
  std::vector<std::string> Details() const override;

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<BoundExprPtr> groups_;
  std::vector<BoundExprPtr> aggregates_;
};

}  // namespace kanto
