// The optimizer: an ordered list of rewrite passes over the logical plan.
#pragma once

#include "planner/logical_operator.hpp"

namespace kanto {

// Runs every pass in order.
LogicalOperatorPtr Optimize(LogicalOperatorPtr plan);

// Passes (one file each).
LogicalOperatorPtr PushDownFilters(LogicalOperatorPtr plan);  // filter_pushdown.cpp
void SelectIndexes(LogicalOperator& plan);                     // index_selection.cpp

// Splits nested ANDs into a flat list of conjuncts.
void SplitConjunction(BoundExprPtr expr, std::vector<BoundExprPtr>* out);
// Collects the table indexes referenced by column refs in `expr`.
void CollectTables(const BoundExpr& expr, std::vector<uint32_t>* tables);

}  // namespace kanto
