// Whether one condition follows from others, as PostgreSQL's predicate_implied_by proves it in the
// common cases: a partial index serves a scan whose filters imply its predicate, and ON CONFLICT's
// WHERE picks a partial unique index whose predicate it implies.
#pragma once

#include <string>
#include <vector>

#include "planner/bound_expr.hpp"

namespace kanto {

// Whether every row satisfying all `filters` satisfies `predicate`, as far as PostgreSQL's
// predicate_implied_by proves it in the common cases: each conjunct of the predicate is one of
// the filters, or follows from one comparison with a constant (x > 10 implies x > 5 and
// x IS NOT NULL; x = 3 implies x <> 4).
bool PredicateImplied(const BoundExpr& predicate, const std::vector<BoundExprPtr>& filters);

// The comparison operator with its operands swapped: "<" for ">", "=" for "=".
std::string FlippedComparison(const std::string& op);

}  // namespace kanto
