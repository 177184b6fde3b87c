// Lowers an optimized logical plan to physical operators, resolving column bindings to positions.
#pragma once

#include "access/constraint_check.hpp"
#include "access/foreign_key.hpp"
#include "execution/physical_operator.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

PhysicalOperatorPtr CreatePhysicalPlan(LogicalOperator& plan);
// Whether `plan` yields at most one row whatever its parameters: projections and filters over a
// point read of a whole primary key (PhysicalTableScan::PointRead). Such a query's result need
// not stream.
bool AtMostOneRow(const PhysicalOperator& plan);

// What the rows an INSERT or UPDATE (or COPY FROM) writes are checked against, lowered from the
// binder's LogicalModify: the table's CHECK constraints, and, when the table has foreign keys or
// is referenced (op.referential), what its referential actions may write (else null).
struct WriteConstraints {
  std::vector<access::BoundCheck> checks;
  std::shared_ptr<const access::CascadeTables> cascades;
};
WriteConstraints LowerWriteConstraints(const LogicalModify& op);

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
