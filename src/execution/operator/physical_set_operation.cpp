#include "execution/operator/physical_set_operation.hpp"

#include <unordered_map>
#include <unordered_set>

#include "execution/operator/hash_key.hpp"

namespace kanto {

namespace {
class SetOpState : public OperatorState {
 public:
  bool built = false;
  size_t current = 0;  // the input being streamed: UNION reads them all in turn, the others only 0
  std::unordered_map<std::string, int64_t> right_counts;
  std::unordered_set<std::string> emitted;
};

std::vector<const Vector*> Columns(const DataChunk& c) {
  std::vector<const Vector*> out;
  for (size_t i = 0; i < c.column_count(); i++) out.push_back(&c.column(i));
  return out;
}
}  // namespace

std::string PhysicalSetOperation::Name() const {
  const char* base = kind_ == SetOperationKind::kUnion ? (all_ ? "Append" : "HashSetOp Union")
                     : kind_ == SetOperationKind::kIntersect ? "HashSetOp Intersect"
                                                             : "HashSetOp Except";
  return std::string(base) + (all_ && kind_ != SetOperationKind::kUnion ? " All" : "");
}

std::unique_ptr<OperatorState> PhysicalSetOperation::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<SetOpState>();
}

bool PhysicalSetOperation::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<SetOpState&>(base);
  if (kind_ != SetOperationKind::kUnion && !state.built) {
    state.built = true;
    DataChunk chunk;
    while (PullChild(ctx, state, 1, chunk)) {
      auto cols = Columns(chunk);
      for (size_t r = 0; r < chunk.size(); r++) {
        std::string key = HashKey(cols, r);
        if (ctx.memory) ctx.memory->Reserve(key.size() + 48);
        state.right_counts[key]++;
      }
    }
  }
  size_t streamed = kind_ == SetOperationKind::kUnion ? children.size() : 1;
  while (true) {
    DataChunk chunk;
    if (state.current >= streamed) return false;
    if (!PullChild(ctx, state, state.current, chunk)) {
      state.current++;
      continue;
    }
    auto cols = Columns(chunk);
    std::vector<uint32_t> sel;
    for (size_t r = 0; r < chunk.size(); r++) {
      if (kind_ == SetOperationKind::kUnion && all_) {
        sel.push_back(static_cast<uint32_t>(r));
        continue;
      }
      std::string key = HashKey(cols, r);
      bool keep = false;
      if (kind_ == SetOperationKind::kUnion) {
        keep = state.emitted.insert(key).second;
      } else {
        auto it = state.right_counts.find(key);
        int64_t count = it == state.right_counts.end() ? 0 : it->second;
        if (kind_ == SetOperationKind::kIntersect) {
          if (all_) {
            keep = count > 0;
            if (keep) it->second--;
          } else {
            keep = count > 0 && state.emitted.insert(key).second;
          }
        } else {  // EXCEPT
          if (all_) {
            keep = count == 0;
            if (!keep) it->second--;
          } else {
            keep = count == 0 && state.emitted.insert(key).second;
          }
        }
      }
      if (keep) sel.push_back(static_cast<uint32_t>(r));
    }
    if (sel.empty()) continue;
    if (sel.size() != chunk.size()) chunk.Select(sel);
    out = std::move(chunk);
    return true;
  }
}

}  // namespace kanto
