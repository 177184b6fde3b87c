// Evaluates bound expressions over a DataChunk, a whole vector at a time.
// Column refs read input.column(expr.index) (indices resolved by the physical planner).
#pragma once

#include <vector>

#include "execution/execution_context.hpp"
#include "planner/bound_expr.hpp"
#include "types/vector.hpp"

namespace kanto {

class ExpressionExecutor {
 public:
  // Computes `expr` for every row of `input` into `out` (resized to input.size(), typed expr.type).
  static void Evaluate(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out);
  // Evaluates a boolean predicate and returns the indices of rows where it is true (not NULL/false).
  static std::vector<uint32_t> Select(const BoundExpr& predicate, ExecutionContext& ctx, const DataChunk& input);
  // Evaluates a row-independent expression (constants, params, now()) to one value.
  static Value EvaluateScalar(const BoundExpr& expr, ExecutionContext& ctx);
};

}  // namespace kanto
