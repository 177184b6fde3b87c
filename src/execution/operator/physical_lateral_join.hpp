// LATERAL inner join without a join condition (functions in FROM after other items, the select
// list's set-returning calls): for each left row the right plan runs with the row's lateral values
// as its outer references, and its rows stream out as they come, each beside its left row. A
// series of millions under LIMIT 1 produces one chunk, not millions of rows.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalLateralJoin : public PhysicalOperator {
 public:
  PhysicalLateralJoin(std::vector<LogicalType> types, std::vector<BoundExprPtr> params)
      : PhysicalOperator(std::move(types)), params_(std::move(params)) {}
  std::string Name() const override { return "Nested Loop"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<BoundExprPtr> params_;  // over the left row
};

}  // namespace kanto
