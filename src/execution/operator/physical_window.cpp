#include "execution/operator/physical_window.hpp"

#include "execution/expression_executor.hpp"

namespace kanto {

namespace {
class WindowState : public OperatorState {
 public:
  bool computed = false;
  DataChunk rows;  // input columns, then one column per window call
  std::vector<uint32_t> order;
  size_t next = 0;
};

}  // namespace

std::vector<std::string> PhysicalWindow::Details() const {
  std::vector<std::string> out;
  for (const auto& w : windows_) out.push_back("Window: " + w->ToString());
  return out;
}

std::unique_ptr<OperatorState> PhysicalWindow::CreateState(ExecutionContext& ctx) const {
  auto s = std::make_unique<WindowState>();
  s->rows.Initialize(children[0]->types);
  return s;
}

bool PhysicalWindow::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<WindowState&>(base);
  if (!state.computed) {
    state.computed = true;
    std::vector<WindowInput> inputs(windows_.size());
    for (size_t w = 0; w < windows_.size(); w++) {
      for (const auto& c : windows_[w]->children) inputs[w].children.emplace_back(c->type);
    }
    DataChunk input;
    while (PullChild(ctx, state, 0, input)) {
      ctx.CheckCancel();
      for (size_t w = 0; w < windows_.size(); w++) {
        const BoundExpr& call = *windows_[w];
        for (size_t c = 0; c < call.children.size(); c++) {
          Vector v;
          ExpressionExecutor::Evaluate(*call.children[c], ctx, input, v);
          for (size_t r = 0; r < v.size(); r++) inputs[w].children[c].AppendFrom(v, r);
        }
        if (call.filter) {
          std::vector<uint8_t> pass(input.size(), 0);
          for (uint32_t s : ExpressionExecutor::Select(*call.filter, ctx, input)) pass[s] = 1;
          inputs[w].filter_pass.insert(inputs[w].filter_pass.end(), pass.begin(), pass.end());
        }
      }
      for (size_t r = 0; r < input.size(); r++) {
        if (ctx.memory) ctx.memory->Reserve(input.ApproxRowBytes(r) + 16 * windows_.size());
        state.rows.AppendRowFrom(input, r);
      }
    }
    size_t n = state.rows.size();
    for (size_t w = 0; w < windows_.size(); w++) {
      state.order = WindowSortOrder(*windows_[w], inputs[w], n);
      state.rows.columns().push_back(ComputeWindow(*windows_[w], inputs[w], state.order, ctx));
      inputs[w] = WindowInput();
    }
    if (windows_.empty()) {
      state.order.resize(n);
      for (size_t i = 0; i < n; i++) state.order[i] = static_cast<uint32_t>(i);
    }
  }
  if (state.next >= state.order.size()) return false;
  size_t end = std::min(state.order.size(), state.next + kChunkSize);
  for (; state.next < end; state.next++) out.AppendRowFrom(state.rows, state.order[state.next]);
  return true;
}

}  // namespace kanto
