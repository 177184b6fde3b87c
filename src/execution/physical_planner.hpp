// Lowers an optimized logical plan to physical operators, resolving column bindings to positions.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

PhysicalOperatorPtr CreatePhysicalPlan(LogicalOperator& plan);

// EXPLAIN text of a physical plan (PostgreSQL-like tree with "->" arrows). With `state`, the
// EXPLAIN ANALYZE figures (actual rows, loops, time) are included.
// EXPLAIN options: `costs` prints each operator's estimated rows, `timing` the measured time (with
// ANALYZE, i.e. when `state` is given).
struct ExplainOptions {
  bool costs = true;
  bool timing = true;
};
std::vector<std::string> ExplainPlan(const PhysicalOperator& plan, const OperatorState* state,
                                     const ExplainOptions& options = {});

}  // namespace kanto
