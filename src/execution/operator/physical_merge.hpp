// MERGE (PostgreSQL 15). The child yields the source joined to the target: the target's columns,
// its row key (NULL: the source row matched no target row), then the source's columns; all of it
// is read before the first write, as for INSERT / UPDATE / DELETE (physical_modify.hpp). Each row
// takes the first action of its kind (WHEN MATCHED or WHEN NOT MATCHED) whose condition holds:
// UPDATE, DELETE and INSERT write through access/row_change.hpp, DO NOTHING (or no action) leaves
// the row alone without locking it.
//   - A target row that this statement already updated or deleted and that another source row
//     would change again: 21000.
//   - READ COMMITTED (PostgreSQL's EvalPlanQual): a target row that a concurrent transaction
//     changed after the snapshot is locked and read at its newest version; when the join
//     condition still holds there, the WHEN MATCHED clauses are chosen again over it, otherwise
//     (or when the row was deleted) the source row goes to the WHEN NOT MATCHED clauses.
//     REPEATABLE READ: 40001 instead (the lock read fails).
// Output: nothing; the count of rows inserted, updated and deleted goes to rows_affected.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>

#include "access/constraint_check.hpp"
#include "access/foreign_key.hpp"
#include "catalog/catalog.hpp"
#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

class PhysicalMerge : public PhysicalOperator {
 public:
  explicit PhysicalMerge(std::shared_ptr<const TableEntry> table) : PhysicalOperator({}), table_(std::move(table)) {}

  std::string Name() const override { return "Merge on " + table_->name; }

  using Kind = LogicalModify::MergeAction::Kind;
  struct Action {
    bool matched = true;
    Kind kind = Kind::kNothing;
    BoundExprPtr condition;            // over the child's columns; null: none
    std::vector<BoundExprPtr> values;  // UPDATE: per table column (null: unchanged); INSERT: the row
  };
  std::vector<Action> actions;
  // The join condition over the child's columns, re-checked on a target row's newest version.
  BoundExprPtr recheck;
  // The table's CHECK constraints over a new row, and what referential actions may write.
  std::vector<access::BoundCheck> checks;
  std::shared_ptr<const access::CascadeTables> cascades;

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  // Applies the actions to row `r` of `input`. `touched`: the keys of the target rows this
  // statement updated or deleted so far.
  void MergeRow(ExecutionContext& ctx, const DataChunk& input, size_t r, access::ReferentialQueue* refs,
                std::unordered_set<std::string>* touched, uint64_t* affected) const;
  // The first action for matched (or not matched) rows whose condition holds over `row`; null: none.
  const Action* Choose(ExecutionContext& ctx, const DataChunk& row, bool matched) const;

  std::shared_ptr<const TableEntry> table_;
};

}  // namespace kanto
