#include "execution/operator/physical_table_function.hpp"

#include <algorithm>

#include "execution/expression_executor.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"

namespace kanto {

namespace {
class SeriesState : public OperatorState {
 public:
  bool started = false;
  bool done = false;
  __int128 next = 0, stop = 0, step = 1;
  int64_t ordinal = 0;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalGenerateSeries::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<SeriesState>();
}

bool PhysicalGenerateSeries::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& st = static_cast<SeriesState&>(base);
  if (!st.started) {
    st.started = true;
    std::vector<Value> v;
    for (const auto& a : args_) v.push_back(ExpressionExecutor::EvaluateScalar(*a, ctx));
    for (const auto& x : v) {
      if (x.is_null()) st.done = true;  // a NULL argument gives no rows
    }
    if (!st.done) {
      st.next = v[0].int_value();
      st.stop = v[1].int_value();
      st.step = v.size() > 2 ? v[2].int_value() : 1;
      if (st.step == 0) throw Error(sqlstate::kInvalidParameterValue, "step size cannot equal zero");
    }
  }
  if (st.done) return false;
  bool is_int4 = types[0].id == TypeId::kInt4;
  while (out.size() < ctx.batch_rows) {
    if ((st.step > 0 && st.next > st.stop) || (st.step < 0 && st.next < st.stop)) {
      st.done = true;
      break;
    }
    if (is_int4 && (st.next > INT32_MAX || st.next < INT32_MIN)) {
      throw Error(sqlstate::kNumericValueOutOfRange, "integer out of range");
    }
    std::vector<Value> row = {Value::FromInt(types[0], static_cast<int64_t>(st.next))};
    if (ordinality_) row.push_back(Value::Int8(++st.ordinal));
    out.AppendRow(row);
    st.next += st.step;
  }
  ctx.CheckCancel();
  return out.size() > 0;
}

namespace {
class UnnestState : public OperatorState {
 public:
  bool started = false;
  std::vector<std::vector<Value>> elements;  // per array
  size_t rows = 0;
  size_t next = 0;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalUnnest::CreateState(ExecutionContext&) const {
  return std::make_unique<UnnestState>();
}

bool PhysicalUnnest::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& st = static_cast<UnnestState&>(base);
  if (!st.started) {
    st.started = true;
    for (size_t i = 0; i < arrays_.size(); i++) {
      Value a = ExpressionExecutor::EvaluateScalar(*arrays_[i], ctx);
      st.elements.push_back(a.is_null() ? std::vector<Value>{} : DecodeArray(a.str_value(), types[i]));  // NULL: none
      st.rows = std::max(st.rows, st.elements.back().size());
    }
  }
  while (out.size() < ctx.batch_rows && st.next < st.rows) {
    std::vector<Value> row;
    for (size_t i = 0; i < arrays_.size(); i++) {
      row.push_back(st.next < st.elements[i].size() ? st.elements[i][st.next] : Value::Null(types[i]));
    }
    st.next++;
    if (ordinality_) row.push_back(Value::Int8(static_cast<int64_t>(st.next)));
    out.AppendRow(row);
  }
  ctx.CheckCancel();
  return out.size() > 0;
}

}  // namespace kanto
