// Set-returning functions in FROM: generate_series(start, stop[, step]) over integers, numeric and
// timestamps, unnest(array) and regexp_matches, all [WITH ORDINALITY].
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"

namespace kanto {

// A function over argument expressions (evaluated once, when the scan starts), its rows numbered
// in an extra last column WITH ORDINALITY.
class PhysicalFunctionScan : public PhysicalOperator {
 public:
  PhysicalFunctionScan(std::vector<LogicalType> types, std::vector<BoundExprPtr> args, bool ordinality)
      : PhysicalOperator(std::move(types)), args_(std::move(args)), ordinality_(ordinality) {}

 protected:
  std::vector<BoundExprPtr> args_;
  bool ordinality_;
};

class PhysicalGenerateSeries : public PhysicalFunctionScan {
 public:
  using PhysicalFunctionScan::PhysicalFunctionScan;
  std::string Name() const override { return "Function Scan on generate_series"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;
};

// unnest(a [, b ...]): one column per array; as many rows as the longest array has, the shorter
// ones padded with NULLs.
class PhysicalUnnest : public PhysicalFunctionScan {
 public:
  using PhysicalFunctionScan::PhysicalFunctionScan;
  std::string Name() const override { return "Function Scan on unnest"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;
};

// regexp_matches(string, pattern [, flags]): one text[] row per match.
class PhysicalRegexpMatches : public PhysicalFunctionScan {
 public:
  using PhysicalFunctionScan::PhysicalFunctionScan;
  std::string Name() const override { return "Function Scan on regexp_matches"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;
};

}  // namespace kanto
