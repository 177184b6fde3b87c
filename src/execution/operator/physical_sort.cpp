#include "execution/operator/physical_sort.hpp"

#include <algorithm>

#include "execution/expression_executor.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {
class SortState : public OperatorState {
 public:
  bool sorted = false;
  DataChunk rows;
  std::vector<uint32_t> order;
  size_t next = 0;
};

}  // namespace

std::vector<std::string> PhysicalSort::Details() const {
  std::string s = "Sort Key: ";
  for (size_t i = 0; i < keys_.size(); i++) {
    if (i) s += ", ";
    s += keys_[i].expr->ToString();
    if (keys_[i].descending) s += " DESC";
    if (keys_[i].nulls_first != keys_[i].descending) s += keys_[i].nulls_first ? " NULLS FIRST" : " NULLS LAST";
  }
  return {s};
}

std::unique_ptr<OperatorState> PhysicalSort::CreateState(ExecutionContext& ctx) const {
  auto s = std::make_unique<SortState>();
  s->rows.Initialize(types);
  return s;
}

bool PhysicalSort::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<SortState&>(base);
  if (!state.sorted) {
    state.sorted = true;
    std::vector<Vector> key_values(keys_.size());
    for (auto& v : key_values) v = Vector();
    std::vector<std::vector<Vector>> key_chunks;
    DataChunk input;
    std::vector<Vector> keys(keys_.size());
    for (size_t k = 0; k < keys_.size(); k++) keys[k] = Vector(keys_[k].expr->type);
    while (PullChild(ctx, state, 0, input)) {
      ctx.CheckCancel();
      for (size_t k = 0; k < keys_.size(); k++) {
        Vector v;
        ExpressionExecutor::Evaluate(*keys_[k].expr, ctx, input, v);
        for (size_t r = 0; r < v.size(); r++) keys[k].AppendFrom(v, r);
      }
      for (size_t r = 0; r < input.size(); r++) {
        if (ctx.memory) ctx.memory->Reserve(input.ApproxRowBytes(r));
        state.rows.AppendRowFrom(input, r);
      }
    }
    state.order.resize(state.rows.size());
    for (size_t i = 0; i < state.order.size(); i++) state.order[i] = static_cast<uint32_t>(i);
    std::stable_sort(state.order.begin(), state.order.end(), [&](uint32_t a, uint32_t b) {
      for (size_t k = 0; k < keys_.size(); k++) {
        const Vector& v = keys[k];
        bool na = v.IsNull(a), nb = v.IsNull(b);
        if (na || nb) {
          if (na && nb) continue;
          return keys_[k].nulls_first ? na : nb;
        }
        int c = CompareVectorValues(v, a, v, b);
        if (c != 0) return keys_[k].descending ? c > 0 : c < 0;
      }
      return false;
    });
  }
  if (state.next >= state.order.size()) return false;
  size_t end = std::min(state.order.size(), state.next + kChunkSize);
  for (; state.next < end; state.next++) out.AppendRowFrom(state.rows, state.order[state.next]);
  return true;
}

}  // namespace kanto
