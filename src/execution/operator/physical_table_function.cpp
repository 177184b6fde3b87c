#include "execution/operator/physical_table_function.hpp"

#include <algorithm>

#include "execution/expression_executor.hpp"
#include "function/regex/regexp_matches.hpp"
#include "function/time_zone_functions.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"
#include "types/datetime.hpp"

namespace kanto {

namespace {
// The series' next value, stop and step: integers in `next`/`stop`/`step`, numeric and timestamps
// in the Values (a timestamp's step is an interval).
class SeriesState : public OperatorState {
 public:
  bool started = false;
  bool done = false;
  __int128 next = 0, stop = 0, step = 1;
  Value next_value, stop_value, step_value;
  bool descending = false;
  int64_t ordinal = 0;
};

void Refuse(const char* what) { throw Error(sqlstate::kInvalidParameterValue, what); }

// PostgreSQL's checks of numeric bounds and steps.
void CheckNumericArgs(const std::vector<Value>& v) {
  const char* names[] = {"start value", "stop value", "step size"};
  for (size_t i = 0; i < v.size(); i++) {
    const Numeric& n = v[i].numeric_value();
    if (n.IsNaN()) throw Error(sqlstate::kInvalidParameterValue, std::string(names[i]) + " cannot be NaN");
    if (n.IsInfinite()) throw Error(sqlstate::kInvalidParameterValue, std::string(names[i]) + " cannot be infinity");
  }
  if (v.size() > 2 && v[2].numeric_value().IsZero()) Refuse("step size cannot equal zero");
}

}  // namespace

std::unique_ptr<OperatorState> PhysicalGenerateSeries::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<SeriesState>();
}

bool PhysicalGenerateSeries::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& st = static_cast<SeriesState&>(base);
  const TypeId type = types[0].id;
  const bool integer = types[0].IsInteger();
  if (!st.started) {
    st.started = true;
    std::vector<Value> v;
    for (const auto& a : args_) v.push_back(ExpressionExecutor::EvaluateScalar(*a, ctx));
    for (const auto& x : v) {
      if (x.is_null()) st.done = true;  // a NULL argument gives no rows
    }
    if (!st.done && integer) {
      st.next = v[0].int_value();
      st.stop = v[1].int_value();
      st.step = v.size() > 2 ? v[2].int_value() : 1;
      if (st.step == 0) Refuse("step size cannot equal zero");
    } else if (!st.done && type == TypeId::kNumeric) {
      CheckNumericArgs(v);
      st.next_value = v[0];
      st.stop_value = v[1];
      st.step_value = v.size() > 2 ? v[2] : Value::FromNumeric(Numeric::FromInt64(1));
      st.descending = st.step_value.numeric_value().IsNegative();
    } else if (!st.done) {  // timestamp, timestamptz by an interval
      if (v[2].interval_value().Span() == 0) Refuse("step size cannot equal zero");
      st.next_value = v[0];
      st.stop_value = v[1];
      st.step_value = v[2];
      st.descending = v[2].interval_value().Span() < 0;
    }
  }
  if (st.done) return false;
  bool is_int4 = type == TypeId::kInt4;
  while (out.size() < ctx.batch_rows) {
    Value value;
    if (integer) {
      if ((st.step > 0 && st.next > st.stop) || (st.step < 0 && st.next < st.stop)) {
        st.done = true;
        break;
      }
      if (is_int4 && (st.next > INT32_MAX || st.next < INT32_MIN)) {
        throw Error(sqlstate::kNumericValueOutOfRange, "integer out of range");
      }
      value = Value::FromInt(types[0], static_cast<int64_t>(st.next));
      st.next += st.step;
    } else if (type == TypeId::kNumeric) {
      int c = st.next_value.numeric_value().Compare(st.stop_value.numeric_value());
      if (st.descending ? c < 0 : c > 0) {
        st.done = true;
        break;
      }
      value = st.next_value;
      st.next_value = Value::FromNumeric(st.next_value.numeric_value().Add(st.step_value.numeric_value()));
    } else {
      int64_t at = st.next_value.int_value(), stop = st.stop_value.int_value();
      if (st.descending ? at < stop : at > stop) {
        st.done = true;
        break;
      }
      value = st.next_value;
      const Interval& step = st.step_value.interval_value();
      int64_t next = type == TypeId::kTimestampTz ? datetime::AddIntervalTz(at, step, SessionZone(ctx.fn))
                                                  : datetime::AddInterval(at, step);
      st.next_value = Value::FromInt(types[0], next);
    }
    std::vector<Value> row = {std::move(value)};
    if (ordinality_) row.push_back(Value::Int8(++st.ordinal));
    out.AppendRow(row);
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
    for (size_t i = 0; i < args_.size(); i++) {
      Value a = ExpressionExecutor::EvaluateScalar(*args_[i], ctx);
      st.elements.push_back(a.is_null() ? std::vector<Value>{} : DecodeArray(a.str_value(), types[i]));  // NULL: none
      st.rows = std::max(st.rows, st.elements.back().size());
    }
  }
  while (out.size() < ctx.batch_rows && st.next < st.rows) {
    std::vector<Value> row;
    for (size_t i = 0; i < args_.size(); i++) {
      row.push_back(st.next < st.elements[i].size() ? st.elements[i][st.next] : Value::Null(types[i]));
    }
    st.next++;
    if (ordinality_) row.push_back(Value::Int8(static_cast<int64_t>(st.next)));
    out.AppendRow(row);
  }
  ctx.CheckCancel();
  return out.size() > 0;
}

namespace {
class MatchesState : public OperatorState {
 public:
  bool started = false;
  std::vector<Value> rows;
  size_t next = 0;
};
}  // namespace

std::unique_ptr<OperatorState> PhysicalRegexpMatches::CreateState(ExecutionContext&) const {
  return std::make_unique<MatchesState>();
}

bool PhysicalRegexpMatches::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& st = static_cast<MatchesState&>(base);
  if (!st.started) {
    st.started = true;
    std::vector<Value> v;
    bool null = false;
    for (const auto& a : args_) {
      v.push_back(ExpressionExecutor::EvaluateScalar(*a, ctx));
      null = null || v.back().is_null();  // strict: no rows
    }
    if (!null) st.rows = RegexpMatches(v[0].str_value(), v[1].str_value(), v.size() > 2 ? v[2].str_value() : "");
  }
  while (out.size() < ctx.batch_rows && st.next < st.rows.size()) {
    std::vector<Value> row = {st.rows[st.next++]};
    if (ordinality_) row.push_back(Value::Int8(static_cast<int64_t>(st.next)));
    out.AppendRow(row);
  }
  ctx.CheckCancel();
  return out.size() > 0;
}

}  // namespace kanto
