// SELECT ... FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE: locks, for every row that passes, the
// row of each target table (its storage key is a hidden input column), then passes the row on.
// NOWAIT fails with 55P03 and SKIP LOCKED drops the row when another transaction holds a
// conflicting lock. READ COMMITTED: a row deleted after the snapshot is dropped; a row changed
// after it restarts the statement (StatementRestart) with a new snapshot, keeping the locks taken,
// so the result shows the newest versions and the WHERE clause holds on them.
#pragma once

#include <string>
#include <vector>

#include "execution/physical_operator.hpp"
#include "kanto/error.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

// Thrown when a statement must run again on a new snapshot (see above). Where it is not caught it
// is what it says: a serialization failure.
class StatementRestart : public Error {
 public:
  StatementRestart() : Error(sqlstate::kSerializationFailure, "could not serialize access due to concurrent update") {}
};

class PhysicalLockRows : public PhysicalOperator {
 public:
  struct Target {
    uint32_t key_column;
    std::string relation;
    std::shared_ptr<const TableEntry> table;
    RowLockStrength strength;
    LockWait wait;
  };
  PhysicalLockRows(std::vector<LogicalType> types, std::vector<Target> targets, bool row_at_a_time)
      : PhysicalOperator(std::move(types)), targets_(std::move(targets)), row_at_a_time_(row_at_a_time) {}
  std::string Name() const override { return "LockRows"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  bool LockRow(ExecutionContext& ctx, const DataChunk& chunk, size_t row) const;
  std::vector<Target> targets_;
  bool row_at_a_time_;
};

}  // namespace kanto
