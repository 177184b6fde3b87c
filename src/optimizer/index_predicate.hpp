// What a scan needs to know of an index with expressions or a predicate: those bound over the
// scan's columns, and whether the scan's filters imply the predicate (a partial index has entries
// only for the rows that satisfy it, so it can serve only such a query).
#pragma once

#include <string>
#include <vector>

#include "planner/logical_operator.hpp"

namespace kanto {

struct ScanIndexExpressions {
  std::vector<BoundExprPtr> expressions;  // pairwise with IndexEntry::expressions
  BoundExprPtr predicate;                 // null: no predicate
};
// The index's expressions and predicate bound over `get`'s table columns (get.table_index).
ScanIndexExpressions BindIndexOverScan(const LogicalGet& get, const IndexEntry& index);

// Whether every row satisfying all `filters` satisfies `predicate`, as far as PostgreSQL's
// predicate_implied_by proves it in the common cases: each conjunct of the predicate is one of
// the filters, or follows from one comparison with a constant (x > 10 implies x > 5 and
// x IS NOT NULL; x = 3 implies x <> 4).
bool PredicateImplied(const BoundExpr& predicate, const std::vector<BoundExprPtr>& filters);

// The comparison operator with its operands swapped: "<" for ">", "=" for "=".
std::string FlippedComparison(const std::string& op);

}  // namespace kanto
