// The optimizer: an ordered list of rewrite passes over the logical plan.
#pragma once

#include "planner/logical_operator.hpp"

namespace kanto {

// Row counts the estimates start from (implemented over storage by main/; null: a default guess).
class Statistics {
 public:
  virtual ~Statistics() = default;
  virtual double TableRows(const TableEntry& table) const = 0;
};

// Runs every pass in order.
LogicalOperatorPtr Optimize(LogicalOperatorPtr plan, const Statistics* stats = nullptr);

// Passes (one file each).
LogicalOperatorPtr PushDownFilters(LogicalOperatorPtr plan);  // filter_pushdown.cpp
void SelectIndexes(LogicalOperator& plan);                     // index_selection.cpp
void EstimateCardinality(LogicalOperator& plan, const Statistics* stats);  // cardinality.cpp
LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr plan);      // join_order.cpp
LogicalOperatorPtr DecorrelateSubqueries(LogicalOperatorPtr plan);  // decorrelate.cpp
void PruneColumns(LogicalOperator& plan);                            // column_pruning.cpp
// True when a value of type `value` can be encoded as an index key of a column of type `column`.
bool IndexKeyCompatible(const LogicalType& column, const LogicalType& value);
// An index of `get`'s table whose leading columns the join `conditions` equate to expressions over
// `other` (the other join input): returns it (null: none) and those expressions in index order.
const IndexEntry* MatchJoinIndex(const LogicalGet& get, const std::vector<BoundExprPtr>& conditions,
                                 const std::vector<ColumnBinding>& other, std::vector<const BoundExpr*>* values);
// True when `e` reads a value of an enclosing query's row (kOuterRef).
bool ContainsOuterRef(const BoundExpr& e);
// Fraction of rows a predicate keeps (heuristic: equality 1/10, ranges 1/3, ...).
double Selectivity(const BoundExpr& predicate);

// Splits nested ANDs into a flat list of conjuncts.
void SplitConjunction(BoundExprPtr expr, std::vector<BoundExprPtr>* out);
// Collects the table indexes referenced by column refs in `expr`.
void CollectTables(const BoundExpr& expr, std::vector<uint32_t>* tables);

}  // namespace kanto
