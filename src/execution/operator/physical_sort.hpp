// ORDER BY: materializes its input (within the query memory budget, else 53200) and sorts it.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

class PhysicalSort : public PhysicalOperator {
 public:
  PhysicalSort(std::vector<LogicalType> types, std::vector<SortKey> keys)
      : PhysicalOperator(std::move(types)), keys_(std::move(keys)) {}
  std::string Name() const override { return "Sort"; }
  std::vector<std::string> Details() const override;

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<SortKey> keys_;
};

}  // namespace kanto
