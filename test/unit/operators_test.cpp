// Physical operators on hand-built inputs.
#include <gtest/gtest.h>

#include "execution/operator/physical_hash_aggregate.hpp"
#include "execution/operator/physical_join.hpp"
#include "execution/expression_executor.hpp"
#include "execution/operator/physical_sort.hpp"
#include "function/aggregate.hpp"
#include "kanto/error.hpp"

namespace kanto {
namespace {

// Emits the given chunks.
class SourceOperator : public PhysicalOperator {
 public:
  SourceOperator(std::vector<LogicalType> types, std::vector<DataChunk> chunks)
      : PhysicalOperator(std::move(types)), chunks_(std::move(chunks)) {}
  std::string Name() const override { return "Source"; }

 protected:
  class State : public OperatorState {
   public:
    size_t next = 0;
  };
  std::unique_ptr<OperatorState> CreateState(ExecutionContext&) const override { return std::make_unique<State>(); }
  bool Next(ExecutionContext&, OperatorState& s, DataChunk& out) const override {
    auto& st = static_cast<State&>(s);
    if (st.next >= chunks_.size()) return false;
    out = chunks_[st.next++];
    return true;
  }

 private:
  std::vector<DataChunk> chunks_;
};

BoundExprPtr Col(uint32_t index, TypeId t) {
  auto e = MakeColumnRef({0, index}, LogicalType(t), "c" + std::to_string(index));
  e->index = index;
  return e;
}

std::vector<DataChunk> IntRows(size_t n, int64_t modulo) {
  std::vector<DataChunk> chunks;
  DataChunk c({LogicalType(TypeId::kInt8), LogicalType(TypeId::kInt8)});
  for (size_t i = 0; i < n; i++) {
    c.AppendRow({Value::Int8(static_cast<int64_t>(i) % modulo), i % 7 == 0 ? Value::Null(LogicalType(TypeId::kInt8)) : Value::Int8(static_cast<int64_t>(i))});
    if (c.size() == kChunkSize) {
      chunks.push_back(c);
      c.Reset();
    }
  }
  if (c.size()) chunks.push_back(c);
  return chunks;
}

std::vector<std::vector<Value>> Drain(const PhysicalOperator& op, ExecutionContext& ctx) {
  auto state = op.InitState(ctx);
  std::vector<std::vector<Value>> rows;
  DataChunk chunk;
  while (op.Pull(ctx, *state, chunk)) {
    for (size_t r = 0; r < chunk.size(); r++) rows.push_back(chunk.GetRow(r));
  }
  return rows;
}

TEST(Operators, SortAcrossChunksWithNulls) {
  std::vector<LogicalType> types = {LogicalType(TypeId::kInt8), LogicalType(TypeId::kInt8)};
  std::vector<SortKey> keys;
  keys.push_back({Col(1, TypeId::kInt8), true, true});  // DESC NULLS FIRST
  PhysicalSort sort(types, std::move(keys));
  sort.children.push_back(std::make_unique<SourceOperator>(types, IntRows(5000, 10)));
  ExecutionContext ctx;
  auto rows = Drain(sort, ctx);
  ASSERT_EQ(rows.size(), 5000u);
  size_t nulls = 0;
  while (nulls < rows.size() && rows[nulls][1].is_null()) nulls++;
  EXPECT_EQ(nulls, 715u);  // ceil(5000 / 7)
  for (size_t i = nulls + 1; i < rows.size(); i++) EXPECT_GE(rows[i - 1][1].int_value(), rows[i][1].int_value());
}

TEST(Operators, HashAggregateGroupsAndSkipsNulls) {
  std::vector<LogicalType> types = {LogicalType(TypeId::kInt8), LogicalType(TypeId::kInt8)};
  std::vector<BoundExprPtr> groups;
  groups.push_back(Col(0, TypeId::kInt8));
  const auto& count = (*AggregateRegistry::Instance().Find("count"))[1];  // count(any)
  auto agg = std::make_unique<BoundExpr>(BoundExprKind::kAggregate, LogicalType(TypeId::kInt8));
  agg->aggregate = &count;
  agg->children.push_back(Col(1, TypeId::kInt8));
  std::vector<BoundExprPtr> aggs;
  aggs.push_back(std::move(agg));
  PhysicalHashAggregate op({LogicalType(TypeId::kInt8), LogicalType(TypeId::kInt8)}, std::move(groups), std::move(aggs));
  op.children.push_back(std::make_unique<SourceOperator>(types, IntRows(7000, 10)));
  ExecutionContext ctx;
  auto rows = Drain(op, ctx);
  ASSERT_EQ(rows.size(), 10u);
  int64_t total = 0;
  for (const auto& r : rows) total += r[1].int_value();
  EXPECT_EQ(total, 7000 - 1000);  // every 7th value is NULL
}

TEST(Operators, SortRespectsMemoryBudget) {
  std::vector<LogicalType> types = {LogicalType(TypeId::kInt8), LogicalType(TypeId::kInt8)};
  std::vector<SortKey> keys;
  keys.push_back({Col(0, TypeId::kInt8), false, false});
  PhysicalSort sort(types, std::move(keys));
  sort.children.push_back(std::make_unique<SourceOperator>(types, IntRows(5000, 10)));
  MemoryTracker memory(10000);
  ExecutionContext ctx;
  ctx.memory = &memory;
  try {
    Drain(sort, ctx);
    FAIL() << "expected 53200";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "53200");
  }
}

TEST(Operators, LeftHashJoinKeepsUnmatchedRows) {
  std::vector<LogicalType> types = {LogicalType(TypeId::kInt8), LogicalType(TypeId::kInt8)};
  std::vector<BoundExprPtr> lk, rk;
  lk.push_back(Col(0, TypeId::kInt8));
  rk.push_back(Col(0, TypeId::kInt8));
  std::vector<LogicalType> out_types = {types[0], types[1], types[0], types[1]};
  PhysicalHashJoin join(out_types, JoinType::kLeft, std::move(lk), std::move(rk), nullptr);
  join.children.push_back(std::make_unique<SourceOperator>(types, IntRows(20, 20)));  // keys 0..19
  join.children.push_back(std::make_unique<SourceOperator>(types, IntRows(10, 10)));  // keys 0..9
  ExecutionContext ctx;
  auto rows = Drain(join, ctx);
  ASSERT_EQ(rows.size(), 20u);
  size_t unmatched = 0;
  for (const auto& r : rows) unmatched += r[2].is_null();
  EXPECT_EQ(unmatched, 10u);
}

}  // namespace
}  // namespace kanto

namespace kanto {
namespace {

// EvaluateScalar of a constant or a parameter (a prepared INSERT's VALUES row, a point select's
// key) is typed as the expression, not as the value, for every physical kind, and NULL stays typed.
TEST(Operators, ScalarParamsAndConstantsTakeTheExpressionsType) {
  std::vector<Value> params = {Value::Int4(7), Value::Null(LogicalType(TypeId::kInt4)), Value::Text("abc"),
                               Value::Text(std::string(5000, 'x')), Value::Float4(1.5)};
  ExecutionContext ctx;
  ctx.params = &params;
  auto param = [&](uint32_t i, TypeId t) {
    BoundExpr e(BoundExprKind::kParam, LogicalType(t));
    e.param = i;
    return ExpressionExecutor::EvaluateScalar(e, ctx);
  };
  Value a = param(0, TypeId::kInt8);
  EXPECT_EQ(a.type().id, TypeId::kInt8);
  EXPECT_EQ(a.int_value(), 7);
  Value n = param(1, TypeId::kInt8);
  EXPECT_TRUE(n.is_null());
  EXPECT_EQ(n.type().id, TypeId::kInt8);
  Value s = param(2, TypeId::kVarchar);
  EXPECT_EQ(s.type().id, TypeId::kVarchar);
  EXPECT_EQ(s.str_value(), "abc");
  EXPECT_EQ(param(3, TypeId::kText).str_value(), std::string(5000, 'x'));
  Value d = param(4, TypeId::kFloat8);
  EXPECT_EQ(d.type().id, TypeId::kFloat8);
  EXPECT_EQ(d.double_value(), 1.5);
  try {
    param(9, TypeId::kInt8);
    FAIL() << "no error for a missing parameter";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "42P02");
  }
  BoundExpr c(BoundExprKind::kConstant, LogicalType(TypeId::kInt8));
  c.value = Value::Int4(42);
  Value cv = ExpressionExecutor::EvaluateScalar(c, ctx);
  EXPECT_EQ(cv.type().id, TypeId::kInt8);
  EXPECT_EQ(cv.int_value(), 42);
}

}  // namespace
}  // namespace kanto
