// GROUP BY with a hash table; without groups, one row even for empty input. With grouping sets,
// each input row is added to one group per set (columns outside the set are NULL), and GROUPING()
// reports which arguments a row's set leaves out.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalHashAggregate : public PhysicalOperator {
 public:
  // grouping_sets: empty for plain GROUP BY. grouping_args: per aggregate, for GROUPING(...) the
  // group indexes of its arguments (empty for real aggregates).
  PhysicalHashAggregate(std::vector<LogicalType> types, std::vector<BoundExprPtr> groups,
                        std::vector<BoundExprPtr> aggregates, std::vector<std::vector<uint32_t>> grouping_sets = {},
                        std::vector<std::vector<uint32_t>> grouping_args = {})
      : PhysicalOperator(std::move(types)),
        groups_(std::move(groups)),
        aggregates_(std::move(aggregates)),
        grouping_sets_(std::move(grouping_sets)),
        grouping_args_(std::move(grouping_args)) {}
  std::string Name() const override { return groups_.empty() ? "Aggregate" : "HashAggregate"; }
  std::vector<std::string> Details() const override;

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<BoundExprPtr> groups_;
  std::vector<BoundExprPtr> aggregates_;
  std::vector<std::vector<uint32_t>> grouping_sets_;
  std::vector<std::vector<uint32_t>> grouping_args_;
};

}  // namespace kanto
