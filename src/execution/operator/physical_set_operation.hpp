// UNION [ALL], INTERSECT [ALL], EXCEPT [ALL]. The right input is counted in a hash table (for
// INTERSECT/EXCEPT); UNION streams its inputs (two or more: a chain is one node) in turn, removing
// duplicates unless ALL.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

class PhysicalSetOperation : public PhysicalOperator {
 public:
  PhysicalSetOperation(std::vector<LogicalType> types, SetOperationKind kind, bool all)
      : PhysicalOperator(std::move(types)), kind_(kind), all_(all) {}
  std::string Name() const override;

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  SetOperationKind kind_;
  bool all_;
};

}  // namespace kanto
