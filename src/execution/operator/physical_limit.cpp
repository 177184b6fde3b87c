#include "execution/operator/physical_limit.hpp"

#include "execution/expression_executor.hpp"
#include "kanto/error.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {
class LimitState : public OperatorState {
 public:
  bool initialized = false;
  int64_t remaining = -1;  // -1: no limit
  int64_t skip = 0;
  bool in_ties = false;         // WITH TIES: the limit is reached; rows equal to `last` follow
  std::vector<Value> last;      // the tie columns of the last row within the limit
  bool done = false;
};

bool SameKeys(const DataChunk& c, size_t row, const std::vector<uint32_t>& cols, const std::vector<Value>& keys) {
  for (size_t i = 0; i < cols.size(); i++) {
    Value v = c.column(cols[i]).GetValue(row);
    if (v.is_null() != keys[i].is_null()) return false;
    if (!v.is_null() && CompareValues(v, keys[i]) != 0) return false;
  }
  return true;
}
}  // namespace

std::unique_ptr<OperatorState> PhysicalLimit::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<LimitState>();
}

bool PhysicalLimit::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<LimitState&>(base);
  if (!state.initialized) {
    state.initialized = true;
    if (limit_) {
      Value v = ExpressionExecutor::EvaluateScalar(*limit_, ctx);
      if (!v.is_null()) {
        if (v.int_value() < 0) throw Error(sqlstate::kInvalidRowCountInLimit, "LIMIT must not be negative");
        state.remaining = v.int_value();
      }
    }
    if (offset_) {
      Value v = ExpressionExecutor::EvaluateScalar(*offset_, ctx);
      if (!v.is_null()) {
        if (v.int_value() < 0) throw Error(sqlstate::kInvalidRowCountInOffset, "OFFSET must not be negative");
        state.skip = v.int_value();
      }
    }
  }
  while (!state.done && (state.remaining != 0 || state.in_ties)) {
    DataChunk input;
    if (!PullChild(ctx, state, 0, input)) return false;
    size_t n = input.size();
    if (state.in_ties) {
      size_t end = 0;
      while (end < n && SameKeys(input, end, tie_columns_, state.last)) end++;
      if (end < n) state.done = true;
      if (end == 0) return false;
      std::vector<uint32_t> sel;
      for (size_t i = 0; i < end; i++) sel.push_back(static_cast<uint32_t>(i));
      if (end != n) input.Select(sel);
      out = std::move(input);
      return true;
    }
    size_t begin = 0;
    if (state.skip > 0) {
      size_t s = static_cast<size_t>(std::min<int64_t>(state.skip, static_cast<int64_t>(n)));
      state.skip -= static_cast<int64_t>(s);
      begin = s;
    }
    size_t end = n;
    if (state.remaining >= 0) end = std::min<size_t>(n, begin + static_cast<size_t>(state.remaining));
    if (end <= begin) continue;
    if (state.remaining >= 0) state.remaining -= static_cast<int64_t>(end - begin);
    if (state.remaining == 0 && !tie_columns_.empty()) {
      // Rows tying with the last one stay, in this chunk and the next ones.
      state.last.clear();
      for (uint32_t c : tie_columns_) state.last.push_back(input.column(c).GetValue(end - 1));
      while (end < n && SameKeys(input, end, tie_columns_, state.last)) end++;
      if (end < n) {
        state.done = true;
      } else {
        state.in_ties = true;
      }
    }
    if (begin != 0 || end != n) {
      std::vector<uint32_t> sel;
      for (size_t i = begin; i < end; i++) sel.push_back(static_cast<uint32_t>(i));
      input.Select(sel);
    }
    out = std::move(input);
    return true;
  }
  return false;
}

}  // namespace kanto
