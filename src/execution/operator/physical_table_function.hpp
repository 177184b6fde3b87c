// Set-returning functions in FROM: generate_series(start, stop[, step]) over integers, numeric and
// timestamps, unnest(array) and regexp_matches, all [WITH ORDINALITY].
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
  // unnest(a [, b ...]): one column per array; as many rows as the longest array has, the
  // shorter ones padded with NULLs.
  PhysicalUnnest(std::vector<LogicalType> types, std::vector<BoundExprPtr> arrays, bool ordinality)
      : PhysicalOperator(std::move(types)), arrays_(std::move(arrays)), ordinality_(ordinality) {}
  std::string Name() const override { return "Function Scan on unnest"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<BoundExprPtr> arrays_;
  bool ordinality_;
};

// regexp_matches(string, pattern [, flags]) [WITH ORDINALITY]: one text[] row per match.
class PhysicalRegexpMatches : public PhysicalOperator {
 public:
  PhysicalRegexpMatches(std::vector<LogicalType> types, std::vector<BoundExprPtr> args, bool ordinality)
      : PhysicalOperator(std::move(types)), args_(std::move(args)), ordinality_(ordinality) {}
  std::string Name() const override { return "Function Scan on regexp_matches"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<BoundExprPtr> args_;
  bool ordinality_;
};

}  // namespace kanto
