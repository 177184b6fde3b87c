// WITH RECURSIVE: runs the anchor, then the recursive term again and again over the previous round's
// rows (the working table, read by PhysicalCteScan) until a round produces nothing new. Rows stream
// out as they are produced, so `LIMIT` stops an endless recursion; a round limit guards the rest.
#pragma once

#include "execution/physical_operator.hpp"

namespace kanto {

class PhysicalRecursiveCte : public PhysicalOperator {
 public:
  PhysicalRecursiveCte(std::vector<LogicalType> types, uint32_t cte_id, std::string name, bool union_all)
      : PhysicalOperator(std::move(types)), cte_id_(cte_id), name_(std::move(name)), union_all_(union_all) {}
  std::string Name() const override { return "Recursive Union"; }
  std::vector<std::string> Details() const override;

  static constexpr uint64_t kMaxRounds = 10'000'000;

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  uint32_t cte_id_;
  std::string name_;
  bool union_all_;
};

class PhysicalCteScan : public PhysicalOperator {
 public:
  PhysicalCteScan(std::vector<LogicalType> types, uint32_t cte_id, std::string name)
      : PhysicalOperator(std::move(types)), cte_id_(cte_id), name_(std::move(name)) {}
  std::string Name() const override { return "WorkTable Scan on " + name_; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  uint32_t cte_id_;
  std::string name_;
};

}  // namespace kanto
