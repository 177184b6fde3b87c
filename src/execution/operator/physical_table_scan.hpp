// Reads a table's rows: a full scan, a primary-key range, or a secondary index range followed by
// row lookups. Pushed-down filters are applied batch by batch.
#pragma once

#include <memory>

#include "catalog/catalog.hpp"
#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"
#include "planner/table_sample.hpp"

namespace kanto {

class PhysicalTableScan : public PhysicalOperator {
 public:
  PhysicalTableScan(std::vector<LogicalType> types, std::shared_ptr<const TableEntry> table, std::string alias)
      : PhysicalOperator(std::move(types)), table_(std::move(table)), alias_(std::move(alias)) {}

  std::string Name() const override;
  std::vector<std::string> Details() const override;

  bool emit_row_key = false;
  // The table columns to produce, in order (empty: all of them).
  std::vector<uint32_t> column_ids;
  BoundExprPtr filter;  // over the output columns; may be null
  const IndexEntry* index = nullptr;
  std::vector<BoundExprPtr> index_eq;
  BoundExprPtr index_lower;
  bool lower_inclusive = true;
  BoundExprPtr index_upper;
  bool upper_inclusive = true;
  // TABLESAMPLE (a full scan only): the rows read are sampled before the filter; EXPLAIN says
  // "Sample Scan".
  std::unique_ptr<TableSample> sample;

  // The index's key column types (IndexKeyTypes), set by the planner for an index of plain
  // columns; empty: KeyRange works them out per execution (an expression index binds its SQL).
  std::vector<LogicalType> index_key_types;

  // An equality on every primary key column: one row key, read with one Get (at most one row).
  bool PointRead() const { return index && index->primary && index_eq.size() >= index->columns.size(); }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  // Computes the key range [lower, upper); false when no row can match (NULL or out-of-range key).
  bool KeyRange(ExecutionContext& ctx, std::string* lower, std::string* upper) const;

  std::shared_ptr<const TableEntry> table_;
  std::string alias_;
};

}  // namespace kanto
