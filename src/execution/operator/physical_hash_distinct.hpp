// SELECT DISTINCT over all columns.
#pragma once

#include "execution/physical_operator.hpp"

namespace kanto {

class PhysicalHashDistinct : public PhysicalOperator {
 public:
  explicit PhysicalHashDistinct(std::vector<LogicalType> types) : PhysicalOperator(std::move(types)) {}
  std::string Name() const override { return "HashAggregate"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;
};

}  // namespace kanto
