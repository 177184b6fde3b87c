// Window functions (WindowAgg): materializes its input (within the query memory budget, else 53200),
// sorts it by each window's PARTITION BY and ORDER BY keys, computes every window call, and returns
// the input rows with one extra column per call, in the order of the last window's sort.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

class PhysicalWindow : public PhysicalOperator {
 public:
  PhysicalWindow(std::vector<LogicalType> types, std::vector<BoundExprPtr> windows)
      : PhysicalOperator(std::move(types)), windows_(std::move(windows)) {}
  std::string Name() const override { return "WindowAgg"; }
  std::vector<std::string> Details() const override;

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<BoundExprPtr> windows_;
};

// The evaluated inputs of one window call over all n rows: one vector per child expression of the
// kWindow BoundExpr, and the FILTER result (empty: no filter).
struct WindowInput {
  std::vector<Vector> children;
  std::vector<uint8_t> filter_pass;
};

// Sorts rows by the call's partition and order keys: returns the row numbers in that order.
std::vector<uint32_t> WindowSortOrder(const BoundExpr& call, const WindowInput& input, size_t n);

// Computes the call for every row; the result vector is indexed by original row number.
Vector ComputeWindow(const BoundExpr& call, const WindowInput& input, const std::vector<uint32_t>& order,
                     ExecutionContext& ctx);

}  // namespace kanto
