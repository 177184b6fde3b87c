// Logical operators: what a query computes, before the optimizer and the physical planner decide
// how. Every operator exposes the ColumnBindings of its output so that expressions above it refer to
// columns by binding, not by position (positions change when the optimizer moves things).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "planner/bound_expr.hpp"
#include "planner/table_sample.hpp"
#include "common/row_lock_strength.hpp"

namespace kanto {

enum class LogicalOpType : uint8_t {
  kGet,
  kFilter,
  kProjection,
  kAggregate,
  kJoin,
  kOrder,
  kLimit,
  kDistinct,
  kValues,
  kInsert,
  kUpdate,
  kDelete,
  kSetOperation,
  kTableFunction,
  kWindow,
  kRecursiveCte,
  kCteScan,
  kLockRows,
  kMerge,
};

// Bindings (table_index, 0..count-1) of an operator that produces a new table.
inline std::vector<ColumnBinding> TableBindings(uint32_t table_index, size_t count) {
  std::vector<ColumnBinding> out;
  for (uint32_t i = 0; i < count; i++) out.push_back({table_index, i});
  return out;
}

class LogicalOperator {
 public:
  explicit LogicalOperator(LogicalOpType t) : type(t) {}
  virtual ~LogicalOperator() = default;

  virtual std::vector<ColumnBinding> GetColumnBindings() const = 0;
  virtual std::vector<LogicalType> GetTypes() const = 0;

  LogicalOpType type;
  std::vector<std::unique_ptr<LogicalOperator>> children;
  double estimated_rows = 1000;
};
using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

struct SortKey {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = false;
};

// Reads a table. Output: the columns listed in column_ids (table positions), then, when
// `emit_row_key` is set, one bytea column with each row's storage key (for UPDATE/DELETE).
class LogicalGet : public LogicalOperator {
 public:
  LogicalGet() : LogicalOperator(LogicalOpType::kGet) {}
  uint32_t table_index = 0;
  std::shared_ptr<const TableEntry> table;
  std::string alias;
  std::vector<uint32_t> column_ids;
  bool emit_row_key = false;
  // Filters pushed down (conjunction), over this operator's own bindings.
  std::vector<BoundExprPtr> filters;
  // Index access chosen by the optimizer: null index means a full scan of the rows.
  const IndexEntry* index = nullptr;
  std::vector<BoundExprPtr> index_eq;      // values for the leading index columns, in order
  BoundExprPtr index_lower;                // range on the next column (may be null)
  bool lower_inclusive = true;
  BoundExprPtr index_upper;
  bool upper_inclusive = true;
  // TABLESAMPLE: the scan keeps a sample of the rows it reads (before its filters); null: all rows.
  std::unique_ptr<TableSample> sample;

  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
};

class LogicalFilter : public LogicalOperator {
 public:
  LogicalFilter() : LogicalOperator(LogicalOpType::kFilter) {}
  std::vector<BoundExprPtr> expressions;  // all must be true
  std::vector<ColumnBinding> GetColumnBindings() const override { return children[0]->GetColumnBindings(); }
  std::vector<LogicalType> GetTypes() const override { return children[0]->GetTypes(); }
};

class LogicalProjection : public LogicalOperator {
 public:
  LogicalProjection() : LogicalOperator(LogicalOpType::kProjection) {}
  uint32_t table_index = 0;
  std::vector<BoundExprPtr> expressions;
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
};

// GROUP BY: output is the groups (bindings group_index.i) then the aggregates (aggregate_index.i).
class LogicalAggregate : public LogicalOperator {
 public:
  LogicalAggregate() : LogicalOperator(LogicalOpType::kAggregate) {}
  uint32_t group_index = 0;
  uint32_t aggregate_index = 0;
  std::vector<BoundExprPtr> groups;
  std::vector<BoundExprPtr> aggregates;  // kAggregate expressions (GROUPING(...): aggregate == null)
  // ROLLUP / CUBE / GROUPING SETS: each set lists the group expressions it groups by (the others
  // are NULL in its rows). Empty: one set with every group expression.
  std::vector<std::vector<uint32_t>> grouping_sets;
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
};

enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull, kSemi, kAnti };

// Output: left columns then right columns (semi/anti: left only).
class LogicalJoin : public LogicalOperator {
 public:
  LogicalJoin() : LogicalOperator(LogicalOpType::kJoin) {}
  JoinType join_type = JoinType::kInner;
  std::vector<BoundExprPtr> conditions;  // conjunction; empty: cross product
  // LATERAL: values over the left input that the right input reads as outer references (it runs
  // once per left row).
  std::vector<BoundExprPtr> lateral_params;
  // The select list's set-returning calls (bind_project_set.cpp): EXPLAIN shows PostgreSQL's
  // ProjectSet over the left input.
  bool project_set = false;
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
};

class LogicalOrder : public LogicalOperator {
 public:
  LogicalOrder() : LogicalOperator(LogicalOpType::kOrder) {}
  std::vector<SortKey> keys;
  std::vector<ColumnBinding> GetColumnBindings() const override { return children[0]->GetColumnBindings(); }
  std::vector<LogicalType> GetTypes() const override { return children[0]->GetTypes(); }
};

class LogicalLimit : public LogicalOperator {
 public:
  LogicalLimit() : LogicalOperator(LogicalOpType::kLimit) {}
  BoundExprPtr limit;   // null: no limit
  BoundExprPtr offset;  // null: 0
  // FETCH FIRST n ROWS WITH TIES: the ORDER BY keys (column refs to the child's output).
  std::vector<BoundExprPtr> ties;
  std::vector<ColumnBinding> GetColumnBindings() const override { return children[0]->GetColumnBindings(); }
  std::vector<LogicalType> GetTypes() const override { return children[0]->GetTypes(); }
};

// Window functions: output is the child's columns, then one column per window call
// (bindings window_index.i).
class LogicalWindow : public LogicalOperator {
 public:
  LogicalWindow() : LogicalOperator(LogicalOpType::kWindow) {}
  uint32_t window_index = 0;
  std::vector<BoundExprPtr> windows;  // kWindow expressions over the child's bindings
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
};

// DISTINCT over all columns, or DISTINCT ON (the `on_columns` decide; the first row of each group
// in the child's order is kept).
class LogicalDistinct : public LogicalOperator {
 public:
  LogicalDistinct() : LogicalOperator(LogicalOpType::kDistinct) {}
  std::vector<uint32_t> on_columns;  // empty: all columns
  std::vector<ColumnBinding> GetColumnBindings() const override { return children[0]->GetColumnBindings(); }
  std::vector<LogicalType> GetTypes() const override { return children[0]->GetTypes(); }
};

// A constant table: VALUES lists, and SELECT without FROM (one row, no columns).
class LogicalValues : public LogicalOperator {
 public:
  LogicalValues() : LogicalOperator(LogicalOpType::kValues) {}
  uint32_t table_index = 0;
  std::vector<LogicalType> types;
  std::vector<std::vector<BoundExprPtr>> rows;
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override { return types; }
};

// A set-returning function in FROM (generate_series). Arguments are row-independent.
class LogicalTableFunction : public LogicalOperator {
 public:
  LogicalTableFunction() : LogicalOperator(LogicalOpType::kTableFunction) {}
  uint32_t table_index = 0;
  std::string name;
  std::vector<BoundExprPtr> args;
  std::vector<LogicalType> types;  // output columns (value, then ordinality if requested)
  bool ordinality = false;
  std::vector<ColumnBinding> GetColumnBindings() const override { return TableBindings(table_index, types.size()); }
  std::vector<LogicalType> GetTypes() const override { return types; }
};

// UNION / INTERSECT / EXCEPT [ALL] of two inputs with the same column types.
enum class SetOperationKind : uint8_t { kUnion, kIntersect, kExcept };
class LogicalSetOperation : public LogicalOperator {
 public:
  LogicalSetOperation() : LogicalOperator(LogicalOpType::kSetOperation) {}
  uint32_t table_index = 0;
  SetOperationKind kind = SetOperationKind::kUnion;
  bool all = false;
  std::vector<LogicalType> types;
  std::vector<ColumnBinding> GetColumnBindings() const override { return TableBindings(table_index, types.size()); }
  std::vector<LogicalType> GetTypes() const override { return types; }
};

// WITH RECURSIVE: children[0] is the anchor, children[1] the recursive term (which reads the rows of
// the previous round through LogicalCteScan with the same cte_id); both produce `types`. UNION
// (not ALL) drops rows already produced.
class LogicalRecursiveCte : public LogicalOperator {
 public:
  LogicalRecursiveCte() : LogicalOperator(LogicalOpType::kRecursiveCte) {}
  uint32_t table_index = 0;
  uint32_t cte_id = 0;
  std::string name;
  bool union_all = false;
  std::vector<LogicalType> types;
  std::vector<ColumnBinding> GetColumnBindings() const override { return TableBindings(table_index, types.size()); }
  std::vector<LogicalType> GetTypes() const override { return types; }
};

// The working table of a recursive WITH query (the previous round's rows).
class LogicalCteScan : public LogicalOperator {
 public:
  LogicalCteScan() : LogicalOperator(LogicalOpType::kCteScan) {}
  uint32_t table_index = 0;
  uint32_t cte_id = 0;
  std::string name;
  std::vector<LogicalType> types;
  std::vector<ColumnBinding> GetColumnBindings() const override { return TableBindings(table_index, types.size()); }
  std::vector<LogicalType> GetTypes() const override { return types; }
};

// INSERT: the child produces one column per table column, already coerced to the column types.
// UPDATE/DELETE: the child is a scan of the table (all columns + row key); UPDATE's `set` has one
// expression per table column over the child's bindings (null: column unchanged).
// Output: RETURNING rows (over `returning_index` bindings of the new/old row), or nothing.
class LogicalModify : public LogicalOperator {
 public:
  explicit LogicalModify(LogicalOpType t) : LogicalOperator(t) {}
  std::shared_ptr<const TableEntry> table;
  std::vector<BoundExprPtr> set;
  // UPDATE / DELETE: the WHERE clause once more (over the target's columns), kept out of the
  // optimizer's reach, to re-check a row that a concurrent transaction changed (EvalPlanQual).
  BoundExprPtr recheck;
  std::vector<BoundExprPtr> returning;  // over the bindings (returning_index, column) of the table row
  // INSERT / UPDATE: the table's CHECK constraints (name, expression over row positions).
  std::vector<std::pair<std::string, BoundExprPtr>> checks;
  // The table has foreign keys or is referenced by some: the statement queues referential checks
  // and actions (access/foreign_key.hpp).
  bool referential = false;
  // The tables its referential actions may write (cascades, any depth): their CHECK constraints and,
  // when a SET DEFAULT action writes them, their column defaults.
  struct CascadeTarget {
    std::vector<std::pair<std::string, BoundExprPtr>> checks;
    std::vector<BoundExprPtr> defaults;
  };
  std::map<uint32_t, CascadeTarget> cascade_targets;
  // INSERT ... ON CONFLICT: a row that one of these unique indexes (ids; the primary key's too;
  // none: every unique index) already holds a key for is skipped (DO NOTHING) or updates the row
  // that holds it (DO UPDATE: conflict_set, one expression per table column, null: unchanged;
  // conflict_where, null: none; both over the conflicting row (conflict_index, column) and the
  // proposed row (excluded_index, column)).
  enum class OnConflict : uint8_t { kNone, kNothing, kUpdate } on_conflict = OnConflict::kNone;
  std::vector<uint32_t> arbiter_indexes;
  std::vector<BoundExprPtr> conflict_set;
  BoundExprPtr conflict_where;
  uint32_t conflict_index = 0;
  uint32_t excluded_index = 0;
  // MERGE (kMerge): the child joins the source to the target (source LEFT JOIN target when an
  // action is for NOT MATCHED rows, else an inner join) under a projection of the target's
  // columns, its row key (NULL: no target row matched), then the source's columns. The actions
  // in the order written; a row takes the first of its kind (matched or not) whose condition
  // holds. `recheck` is the join condition over the child's bindings (READ COMMITTED: re-checked
  // on the newest version of a target row changed concurrently).
  struct MergeAction {
    enum class Kind : uint8_t { kUpdate, kDelete, kInsert, kNothing };
    bool matched = true;
    Kind kind = Kind::kNothing;
    BoundExprPtr condition;  // null: none
    // UPDATE: one expression per table column (null: unchanged); INSERT: the whole new row.
    std::vector<BoundExprPtr> values;
  };
  std::vector<MergeAction> merge_actions;
  uint32_t returning_index = 0;
  uint32_t output_index = 0;
  std::vector<ColumnBinding> GetColumnBindings() const override;
  std::vector<LogicalType> GetTypes() const override;
};

// SELECT ... FOR UPDATE / SHARE: locks the row of each target table behind every row that passes
// (below LIMIT, above ORDER BY, as in PostgreSQL). Each target's key is an expression giving the
// row's storage key (a hidden column of the select list).
enum class LockWait : uint8_t { kBlock, kSkipLocked, kNowait };
class LogicalLockRows : public LogicalOperator {
 public:
  LogicalLockRows() : LogicalOperator(LogicalOpType::kLockRows) {}
  struct Target {
    BoundExprPtr key;
    std::string relation;  // for "could not obtain lock on row in relation ..."
    std::shared_ptr<const TableEntry> table;
    RowLockStrength strength = RowLockStrength::kUpdate;
    LockWait wait = LockWait::kBlock;
  };
  std::vector<Target> targets;
  bool row_at_a_time = false;  // under a LIMIT: lock no row the LIMIT will not return
  std::vector<ColumnBinding> GetColumnBindings() const override { return children[0]->GetColumnBindings(); }
  std::vector<LogicalType> GetTypes() const override { return children[0]->GetTypes(); }
};

// A subquery inside an expression: its logical plan, optimized by the optimizer and lowered once by
// the physical planner (shared by every copy of the expression).
class PhysicalOperator;
struct SubqueryPlan {
  LogicalOperatorPtr logical;
  std::shared_ptr<PhysicalOperator> physical;
};

// Calls `fn` on every expression tree held by `op` (not its children).
void ForEachExpression(LogicalOperator& op, const std::function<void(BoundExprPtr&)>& fn);

// Renders the logical tree (debugging).
std::string LogicalPlanToString(const LogicalOperator& op, int indent = 0);

}  // namespace kanto
