#include "execution/operator/physical_hash_aggregate.hpp"

#include <set>
#include <unordered_map>

#include "execution/expression_executor.hpp"
#include "execution/operator/hash_key.hpp"
#include "function/aggregate.hpp"

namespace kanto {

namespace {
struct Group {
  std::vector<Value> keys;
  std::vector<std::unique_ptr<AggregateState>> states;
  std::vector<std::set<std::string>> distinct_seen;
};

class AggState : public OperatorState {
 public:
  bool done = false;
  std::vector<std::unique_ptr<Group>> groups;
  size_t next = 0;
};
}  // namespace

std::vector<std::string> PhysicalHashAggregate::Details() const {
  if (groups_.empty()) return {};
  std::string s = "Group Key: ";
  for (size_t i = 0; i < groups_.size(); i++) s += (i ? ", " : "") + groups_[i]->ToString();
  return {s};
}

std::unique_ptr<OperatorState> PhysicalHashAggregate::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<AggState>();
}

bool PhysicalHashAggregate::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<AggState&>(base);
  if (!state.done) {
    state.done = true;
    std::unordered_map<std::string, size_t> index;
    auto new_group = [&](std::vector<Value> keys) {
      auto g = std::make_unique<Group>();
      g->keys = std::move(keys);
      for (const auto& a : aggregates_) {
        std::vector<LogicalType> arg_types;
        for (const auto& c : a->children) arg_types.push_back(c->type);
        g->states.push_back(a->aggregate->make_state(arg_types, a->type));
      }
      g->distinct_seen.resize(aggregates_.size());
      if (ctx.memory) ctx.memory->Reserve(64 + 64 * aggregates_.size());
      state.groups.push_back(std::move(g));
      return state.groups.size() - 1;
    };
    if (groups_.empty()) new_group({});
    DataChunk input;
    while (PullChild(ctx, state, 0, input)) {
      ctx.CheckCancel();
      size_t n = input.size();
      std::vector<Vector> key_vecs(groups_.size());
      std::vector<const Vector*> key_ptrs;
      for (size_t g = 0; g < groups_.size(); g++) {
        ExpressionExecutor::Evaluate(*groups_[g], ctx, input, key_vecs[g]);
        key_ptrs.push_back(&key_vecs[g]);
      }
      std::vector<size_t> group_of(n, 0);
      if (!groups_.empty()) {
        for (size_t r = 0; r < n; r++) {
          std::string key = HashKey(key_ptrs, r);
          auto it = index.find(key);
          if (it == index.end()) {
            std::vector<Value> keys;
            for (const Vector* v : key_ptrs) keys.push_back(v->GetValue(r));
            if (ctx.memory) ctx.memory->Reserve(key.size() * 2);
            it = index.emplace(std::move(key), new_group(std::move(keys))).first;
          }
          group_of[r] = it->second;
        }
      }
      for (size_t a = 0; a < aggregates_.size(); a++) {
        const BoundExpr& agg = *aggregates_[a];
        std::vector<Vector> args(agg.children.size());
        std::vector<const Vector*> arg_ptrs;
        for (size_t c = 0; c < agg.children.size(); c++) {
          ExpressionExecutor::Evaluate(*agg.children[c], ctx, input, args[c]);
          arg_ptrs.push_back(&args[c]);
        }
        std::vector<uint8_t> pass(n, 1);
        if (agg.filter) {
          auto sel = ExpressionExecutor::Select(*agg.filter, ctx, input);
          std::fill(pass.begin(), pass.end(), 0);
          for (uint32_t s : sel) pass[s] = 1;
        }
        bool strict = agg.aggregate->strict;
        for (size_t r = 0; r < n; r++) {
          if (!pass[r]) continue;
          bool skip = false;
          if (strict) {
            for (const Vector* v : arg_ptrs) skip = skip || v->IsNull(r);
          } else if (!arg_ptrs.empty()) {
            skip = arg_ptrs[0]->IsNull(r);  // string_agg: NULL values are ignored
          }
          if (skip) continue;
          Group& g = *state.groups[group_of[r]];
          if (agg.distinct) {
            std::string k = HashKey(arg_ptrs, r);
            if (!g.distinct_seen[a].insert(k).second) continue;
            if (ctx.memory) ctx.memory->Reserve(k.size() + 32);
          }
          g.states[a]->Update(arg_ptrs, r);
        }
      }
    }
  }
  if (state.next >= state.groups.size()) return false;
  size_t end = std::min(state.groups.size(), state.next + kChunkSize);
  for (; state.next < end; state.next++) {
    Group& g = *state.groups[state.next];
    std::vector<Value> row = g.keys;
    for (auto& s : g.states) row.push_back(s->Finalize());
    for (size_t i = 0; i < row.size(); i++) {
      if (!row[i].is_null()) row[i].set_type(types[i]);
    }
    out.AppendRow(row);
  }
  return true;
}

}  // namespace kanto
