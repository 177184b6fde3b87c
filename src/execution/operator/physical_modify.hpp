// INSERT, UPDATE and DELETE. The child's rows are read completely before the first write, so a
// statement never sees its own changes (INSERT INTO t SELECT * FROM t terminates).
// Output: the RETURNING rows, if any; the count goes to ExecutionContext::rows_affected.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>

#include "catalog/catalog.hpp"
#include "execution/physical_operator.hpp"
#include "access/constraint_check.hpp"
#include "access/foreign_key.hpp"
#include "planner/bound_expr.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

class PhysicalModify : public PhysicalOperator {
 public:
  enum class Kind : uint8_t { kInsert, kUpdate, kDelete };
  PhysicalModify(Kind kind, std::vector<LogicalType> types, std::shared_ptr<const TableEntry> table)
      : PhysicalOperator(std::move(types)), kind_(kind), table_(std::move(table)) {}

  std::string Name() const override;
  // ON CONFLICT: its action, the arbiter indexes inferred and DO UPDATE's WHERE, as PostgreSQL's
  // EXPLAIN shows them.
  std::vector<std::string> Details() const override;

  // UPDATE: one expression per table column over the child's columns (null: unchanged).
  std::vector<BoundExprPtr> set;
  // UPDATE / DELETE: the WHERE clause over the child's columns (null: none), re-evaluated on the
  // newest version of a row that changed after the statement's snapshot (READ COMMITTED).
  BoundExprPtr recheck;
  // Over the table's columns (new row for INSERT/UPDATE, old row for DELETE).
  std::vector<BoundExprPtr> returning;
  // INSERT / UPDATE: the table's CHECK constraints, over the new row.
  std::vector<access::BoundCheck> checks;
  // INSERT ... ON CONFLICT: a row that a unique index of `arbiter_indexes` (ids; empty: of all the
  // table's unique indexes) already has the
  // key of (checked after the row's NOT NULL and CHECK constraints, as in PostgreSQL) is skipped
  // (DO NOTHING) or updates the row holding the key (DO UPDATE): `conflict_set` (one expression per
  // table column, null: unchanged) and `conflict_where` (null: none) are over that row's columns
  // followed by the proposed row's (EXCLUDED).
  LogicalModify::OnConflict on_conflict = LogicalModify::OnConflict::kNone;
  std::vector<uint32_t> arbiter_indexes;
  std::vector<BoundExprPtr> conflict_set;
  BoundExprPtr conflict_where;
  // RETURNING is over the new (DELETE: old) row followed by the input row (the other tables'
  // columns of UPDATE ... FROM / DELETE ... USING).
  bool returning_input = false;
  // UPDATE ... FROM: a target row joined to several rows is updated once (with the first).
  bool once_per_row = false;
  // Set when the table has foreign keys or is referenced: what the referential actions may write.
  std::shared_ptr<const access::CascadeTables> cascades;

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  class ModifyState;
  // INSERT of one row (typed as the table's columns): ON CONFLICT, then the row and its index
  // entries; the row goes to *new_rows (when given) for RETURNING.
  void InsertRow(ExecutionContext& ctx, std::vector<Value>& row, DataChunk* new_rows, access::ReferentialQueue* refs,
                 std::unordered_set<std::string>* written, uint64_t* affected) const;
  // INSERT ... VALUES without RETURNING, straight from the VALUES rows; false (nothing done) for
  // every other statement.
  bool InsertValues(ExecutionContext& ctx, ModifyState& state) const;
  // `written`: the storage keys of the rows this statement inserted or updated so far.
  void Apply(ExecutionContext& ctx, DataChunk& input, DataChunk* returned, access::ReferentialQueue* refs,
             std::unordered_set<std::string>* written) const;
  // ON CONFLICT DO UPDATE of the row stored under `key`, which holds a key of `proposed` (the new
  // version goes to *new_rows for RETURNING, when given). False when the row is gone (deleted
  // before it was locked) and the insertion is to be tried again.
  bool UpdateConflicting(ExecutionContext& ctx, const std::string& key, const std::vector<Value>& proposed,
                         DataChunk* new_rows, access::ReferentialQueue* refs,
                         std::unordered_set<std::string>* written, uint64_t* affected) const;
  // `key_lock`: FOR UPDATE strength (DELETE, an UPDATE changing a key), else FOR NO KEY UPDATE.
  bool LockTarget(ExecutionContext& ctx, const DataChunk& input, size_t r, std::vector<Value>* row,
                  bool* changed, bool key_lock) const;
  // UPDATE of input row `r`: the new version of the row, or false to skip it.
  bool UpdatedRow(ExecutionContext& ctx, const DataChunk& input, size_t r, const std::vector<Vector>& computed,
                  std::vector<Value>* child_row, std::vector<Value>* old_row, std::vector<Value>* row) const;

  Kind kind_;
  std::shared_ptr<const TableEntry> table_;
};

}  // namespace kanto
