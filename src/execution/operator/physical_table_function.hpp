// Set-returning functions in FROM: generate_series(start, stop[, step]) over integers and
// unnest(array), both [WITH ORDINALITY].
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalGenerateSeries : public PhysicalOperator {
 public:
  PhysicalGenerateSeries(std::vector<LogicalType> types, std::vector<BoundExprPtr> args, bool ordinality)
      : PhysicalOperator(std::move(types)), args_(std::move(args)), ordinality_(ordinality) {}
  std::string Name() const override { return "Function Scan on generate_series"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<BoundExprPtr> args_;
  bool ordinality_;
};

// unnest(array) [WITH ORDINALITY]: one row per element.
class PhysicalUnnest : public PhysicalOperator {
 public:
  PhysicalUnnest(std::vector<LogicalType> types, BoundExprPtr array, bool ordinality)
      : PhysicalOperator(std::move(types)), array_(std::move(array)), ordinality_(ordinality) {}
  std::string Name() const override { return "Function Scan on unnest"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  BoundExprPtr array_;
  bool ordinality_;
};

}  // namespace kanto
