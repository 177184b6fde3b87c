// What a scan needs to know of an index with expressions or a predicate: those bound over the
// scan's columns, and whether the scan's filters imply the predicate (a partial index has entries
// only for the rows that satisfy it, so it can serve only such a query).
#pragma once

#include <string>
#include <vector>

#include "planner/logical_operator.hpp"
#include "planner/predicate_implication.hpp"

namespace kanto {

struct ScanIndexExpressions {
  std::vector<BoundExprPtr> expressions;  // pairwise with IndexEntry::expressions
  BoundExprPtr predicate;                 // null: no predicate
};
// The index's expressions and predicate bound over `get`'s table columns (get.table_index).
ScanIndexExpressions BindIndexOverScan(const LogicalGet& get, const IndexEntry& index);

}  // namespace kanto
