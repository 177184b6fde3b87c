// LIMIT/OFFSET; stops pulling once the limit is reached.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalLimit : public PhysicalOperator {
 public:
  // tie_columns: FETCH ... WITH TIES keeps the rows that tie with the last one on these columns.
  PhysicalLimit(std::vector<LogicalType> types, BoundExprPtr limit, BoundExprPtr offset,
                std::vector<uint32_t> tie_columns = {})
      : PhysicalOperator(std::move(types)),
        limit_(std::move(limit)),
        offset_(std::move(offset)),
        tie_columns_(std::move(tie_columns)) {}
  std::string Name() const override { return "Limit"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  BoundExprPtr limit_;
  BoundExprPtr offset_;
  std::vector<uint32_t> tie_columns_;
};

}  // namespace kanto
