// SELECT DISTINCT over all columns, or DISTINCT ON (key columns): keeps the first row of each key,
// streaming, in input order.
#pragma once

#include "execution/physical_operator.hpp"

namespace kanto {

class PhysicalHashDistinct : public PhysicalOperator {
 public:
  PhysicalHashDistinct(std::vector<LogicalType> types, std::vector<uint32_t> key_columns)
      : PhysicalOperator(std::move(types)), key_columns_(std::move(key_columns)) {}
  std::string Name() const override { return key_columns_.empty() ? "HashAggregate" : "Unique"; }

 protected:
  std::unique_ptr<OperatorState> CreateState(ExecutionContext& ctx) const override;
  bool Next(ExecutionContext& ctx, OperatorState& state, DataChunk& out) const override;

 private:
  std::vector<uint32_t> key_columns_;  // empty: all columns
};

}  // namespace kanto
