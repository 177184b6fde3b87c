// Physical operators: how a plan runs. Operators are immutable after planning (so prepared plans can
// be reused); everything that changes while running lives in the operator's State.
// Pull model: Next() fills `out` with the next batch (up to kChunkSize rows) and returns false once
// the operator is exhausted (then `out` is empty).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "execution/execution_context.hpp"
#include "types/vector.hpp"

namespace kanto {

class OperatorState {
 public:
  virtual ~OperatorState() = default;
  std::vector<std::unique_ptr<OperatorState>> children;
  // EXPLAIN ANALYZE counters.
  uint64_t rows_out = 0;
  uint64_t nanos = 0;
  uint64_t startup_nanos = 0;  // nanos when the first row came out (PostgreSQL's actual startup time)
  uint64_t loops = 0;
};

class PhysicalOperator {
 public:
  explicit PhysicalOperator(std::vector<LogicalType> output_types) : types(std::move(output_types)) {}
  virtual ~PhysicalOperator() = default;

  // Creates the state for one execution (and the children's states).
  std::unique_ptr<OperatorState> InitState(ExecutionContext& ctx) const;
  // Runs Next with EXPLAIN ANALYZE accounting; what callers use.
  bool Pull(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const;

  virtual std::string Name() const = 0;
  // Extra EXPLAIN detail, e.g. "Filter: (a > 1)", "Index Cond: (id = 1)". One string per line.
  virtual std::vector<std::string> Details() const { return {}; }

  std::vector<LogicalType> types;
  std::vector<std::unique_ptr<PhysicalOperator>> children;
  double estimated_rows = 0;

 protected:
  virtual std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const {
    return std::make_unique<OperatorState>();
  }
  virtual bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const = 0;
  // Pulls from child i into `out` (Initialize'd by the callee with the child's types).
  bool PullChild(ExecutionContext& ctx, OperatorState& state, size_t i, DataChunk& out) const {
    return children[i]->Pull(ctx, *state.children[i], out);
  }
};
using PhysicalOperatorPtr = std::unique_ptr<PhysicalOperator>;

}  // namespace kanto
