// Joins. Both kinds materialize the right input, then stream the left input: the hash join finds
// candidate pairs through a hash table on the equi-join keys, the nested loop pairs every row.
// Candidate pairs then pass the residual predicate; outer joins add the unmatched rows with NULLs.
#pragma once

#include "execution/physical_operator.hpp"
#include "planner/bound_expr.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

class PhysicalJoin : public PhysicalOperator {
 public:
  PhysicalJoin(std::vector<LogicalType> types, JoinType type, BoundExprPtr residual)
      : PhysicalOperator(std::move(types)), join_type_(type), residual_(std::move(residual)) {}
  std::vector<std::string> Details() const override;

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;
  // Hash join: builds its table over the materialized right side.
  virtual void Build(ExecutionContext& ctx, OperatorState& state) const {}
  // False when Candidates fetches the right rows itself, per left chunk (index join).
  virtual bool MaterializesRight() const { return true; }
  // True when every left row pairs with every right row (nested loop): left chunks are then cut
  // so that one step holds a bounded number of pairs (and cancellation is checked between steps).
  virtual bool PairsEveryRow() const { return false; }
  // Appends to (lidx, ridx) the candidate pairs for the left chunk.
  virtual void Candidates(ExecutionContext& ctx, OperatorState& state, const DataChunk& left,
                          std::vector<uint32_t>* lidx, std::vector<uint32_t>* ridx) const = 0;
  virtual std::string ConditionText() const { return residual_ ? "Join Filter: " + residual_->ToString() : ""; }

  JoinType join_type_;
  BoundExprPtr residual_;
};

class PhysicalHashJoin : public PhysicalJoin {
 public:
  PhysicalHashJoin(std::vector<LogicalType> types, JoinType type, std::vector<BoundExprPtr> left_keys,
                   std::vector<BoundExprPtr> right_keys, BoundExprPtr residual)
      : PhysicalJoin(std::move(types), type, std::move(residual)),
        left_keys_(std::move(left_keys)),
        right_keys_(std::move(right_keys)) {}
  std::string Name() const override;
  std::vector<std::string> Details() const override;

 protected:
  void Build(ExecutionContext& ctx, OperatorState& state) const override;
  void Candidates(ExecutionContext& ctx, OperatorState& state, const DataChunk& left, std::vector<uint32_t>* lidx,
                  std::vector<uint32_t>* ridx) const override;

 private:
  std::vector<BoundExprPtr> left_keys_;
  std::vector<BoundExprPtr> right_keys_;
};

// Parameterized nested loop: for each left row, the right input runs with the row's values as its
// outer references. Index joins (a table scan whose index keys are those references; rows with a
// NULL key match nothing) and LATERAL joins (any right plan; NULLs are passed on).
class PhysicalIndexJoin : public PhysicalJoin {
 public:
  PhysicalIndexJoin(std::vector<LogicalType> types, JoinType type, std::vector<BoundExprPtr> left_keys,
                    BoundExprPtr residual, bool null_keys_match_nothing = true)
      : PhysicalJoin(std::move(types), type, std::move(residual)),
        left_keys_(std::move(left_keys)),
        null_keys_match_nothing_(null_keys_match_nothing) {}
  std::string Name() const override;

 protected:
  bool MaterializesRight() const override { return false; }
  void Candidates(ExecutionContext& ctx, OperatorState& state, const DataChunk& left, std::vector<uint32_t>* lidx,
                  std::vector<uint32_t>* ridx) const override;

 private:
  std::vector<BoundExprPtr> left_keys_;
  bool null_keys_match_nothing_;
};

class PhysicalNestedLoopJoin : public PhysicalJoin {
 public:
  PhysicalNestedLoopJoin(std::vector<LogicalType> types, JoinType type, BoundExprPtr predicate)
      : PhysicalJoin(std::move(types), type, std::move(predicate)) {}
  std::string Name() const override;

 protected:
  bool PairsEveryRow() const override { return true; }
  void Candidates(ExecutionContext& ctx, OperatorState& state, const DataChunk& left, std::vector<uint32_t>* lidx,
                  std::vector<uint32_t>* ridx) const override;
};

}  // namespace kanto
