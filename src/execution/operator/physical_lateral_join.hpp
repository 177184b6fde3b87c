// LATERAL inner join without a join condition (functions in FROM after other items, the select
// list's set-returning calls): for each left row the right plan runs with the row's lateral values
// as its outer references, and its rows stream out as they come, each beside its left row. A
// series of millions under LIMIT 1 produces one chunk, not millions of rows. For the select list's
// calls EXPLAIN names it ProjectSet, as PostgreSQL, and shows only its input (IsProjectSet).
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalLateralJoin : public PhysicalOperator {
 public:
  PhysicalLateralJoin(std::vector<LogicalType> types, std::vector<BoundExprPtr> params, bool project_set = false)
      : PhysicalOperator(std::move(types)), params_(std::move(params)), project_set_(project_set) {}
  std::string Name() const override { return project_set_ ? "ProjectSet" : "Nested Loop"; }
  bool project_set() const { return project_set_; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<BoundExprPtr> params_;  // over the left row
  bool project_set_ = false;
};

// Whether `op` is a ProjectSet: EXPLAIN shows its first child only (the functions are its own).
inline bool IsProjectSet(const PhysicalOperator& op) {
  const auto* join = dynamic_cast<const PhysicalLateralJoin*>(&op);
  return join && join->project_set();
}

}  // namespace kanto
