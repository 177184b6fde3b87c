#include "execution/operator/physical_hash_aggregate.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <unordered_map>

#include "execution/expression_executor.hpp"
#include "execution/operator/hash_key.hpp"
#include "function/aggregate.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {
struct Group {
  std::vector<Value> keys;
  size_t set = 0;  // the grouping set it belongs to
  std::vector<std::unique_ptr<AggregateState>> states;
  std::vector<std::set<std::string>> distinct_seen;
  // Aggregates with ORDER BY: their input rows (arguments, then sort keys), sorted at the end.
  std::vector<std::unique_ptr<DataChunk>> ordered;
};

// Feeds an ordered aggregate's buffered rows to its state in ORDER BY order.
void FeedOrdered(const BoundExpr& agg, const DataChunk& rows, AggregateState& state) {
  const BoundWindowSpec& spec = *agg.window;
  std::vector<uint32_t> order(rows.size());
  for (uint32_t i = 0; i < order.size(); i++) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    for (size_t k = 0; k < spec.order_count(); k++) {
      const Vector& v = rows.column(spec.arg_count + k);
      bool na = v.IsNull(a), nb = v.IsNull(b);
      if (na || nb) {
        if (na && nb) continue;
        return spec.order_nulls_first[k] ? na : nb;
      }
      int c = CompareVectorValues(v, a, v, b);
      if (c != 0) return spec.order_desc[k] ? c > 0 : c < 0;
    }
    return false;
  });
  std::vector<const Vector*> args;
  for (size_t i = 0; i < spec.arg_count; i++) args.push_back(&rows.column(i));
  for (uint32_t r : order) state.Update(args, r);
}

// An ordered-set aggregate's group that got no rows still needs its direct arguments (the fraction
// is checked even then): one row of them, the WITHIN GROUP values NULL (which the state skips).
void FeedDirectArgs(ExecutionContext& ctx, const BoundExpr& agg, const std::vector<LogicalType>& input_types,
                    AggregateState& state) {
  DataChunk input(input_types);
  std::vector<Value> nulls;
  for (const auto& t : input_types) nulls.push_back(Value::Null(t));
  input.AppendRow(nulls);
  std::vector<Vector> values(agg.window->arg_count);
  std::vector<const Vector*> args;
  for (size_t c = 0; c < values.size(); c++) {
    if (static_cast<int>(c) < agg.aggregate->direct_args) {
      ExpressionExecutor::Evaluate(*agg.children[c], ctx, input, values[c]);
    } else {
      values[c] = Vector(agg.children[c]->type);
      values[c].Append(Value::Null(agg.children[c]->type));
    }
    args.push_back(&values[c]);
  }
  state.Update(args, 0);
}

class AggState : public OperatorState {
 public:
  bool done = false;
  std::vector<std::unique_ptr<Group>> groups;
  std::vector<std::vector<uint32_t>> sets;
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
    // The grouping sets: one with every group expression unless ROLLUP/CUBE/GROUPING SETS.
    std::vector<std::vector<uint32_t>> sets = grouping_sets_;
    if (sets.empty()) {
      sets.emplace_back();
      for (uint32_t g = 0; g < groups_.size(); g++) sets[0].push_back(g);
    }
    std::unordered_map<std::string, size_t> index;
    auto new_group = [&](std::vector<Value> keys, size_t set) {
      auto g = std::make_unique<Group>();
      g->keys = std::move(keys);
      g->set = set;
      for (const auto& a : aggregates_) {
        if (!a->aggregate) {  // GROUPING(...)
          g->states.push_back(nullptr);
          continue;
        }
        std::vector<LogicalType> arg_types;
        for (const auto& c : a->children) arg_types.push_back(c->type);
        g->states.push_back(a->aggregate->make_state(arg_types, a->type));
        if (a->window) g->states.back()->SetSortOrder(a->window->order_desc, a->window->order_nulls_first);
      }
      g->distinct_seen.resize(aggregates_.size());
      g->ordered.resize(aggregates_.size());
      if (ctx.memory) ctx.memory->Reserve(64 + 64 * aggregates_.size());
      state.groups.push_back(std::move(g));
      return state.groups.size() - 1;
    };
    // A set without columns has its one group even for empty input.
    std::vector<size_t> empty_set_group(sets.size(), SIZE_MAX);
    for (size_t s = 0; s < sets.size(); s++) {
      if (sets[s].empty()) {
        std::vector<Value> keys;
        for (const auto& g : groups_) keys.push_back(Value::Null(g->type));
        empty_set_group[s] = new_group(std::move(keys), s);
      }
    }
    DataChunk input;
    while (PullChild(ctx, state, 0, input)) {
      ctx.CheckCancel();
      size_t n = input.size();
      std::vector<Vector> key_vecs(groups_.size());
      for (size_t g = 0; g < groups_.size(); g++) ExpressionExecutor::Evaluate(*groups_[g], ctx, input, key_vecs[g]);
      // Aggregate inputs and FILTER results, once per chunk.
      std::vector<std::vector<Vector>> args(aggregates_.size());
      std::vector<std::vector<const Vector*>> arg_ptrs(aggregates_.size());
      std::vector<std::vector<uint8_t>> pass(aggregates_.size());
      for (size_t a = 0; a < aggregates_.size(); a++) {
        const BoundExpr& agg = *aggregates_[a];
        if (!agg.aggregate) continue;
        args[a].resize(agg.children.size());
        size_t arg_count = agg.window ? agg.window->arg_count : agg.children.size();
        for (size_t c = 0; c < agg.children.size(); c++) {
          ExpressionExecutor::Evaluate(*agg.children[c], ctx, input, args[a][c]);
          if (c < arg_count) arg_ptrs[a].push_back(&args[a][c]);
        }
        pass[a].assign(n, 1);
        if (agg.filter) {
          auto sel = ExpressionExecutor::Select(*agg.filter, ctx, input);
          std::fill(pass[a].begin(), pass[a].end(), 0);
          for (uint32_t x : sel) pass[a][x] = 1;
        }
      }
      for (size_t s = 0; s < sets.size(); s++) {
        std::vector<const Vector*> key_ptrs;
        for (uint32_t g : sets[s]) key_ptrs.push_back(&key_vecs[g]);
        std::vector<size_t> group_of(n, empty_set_group[s]);
        if (!key_ptrs.empty()) {
          std::string set_tag(reinterpret_cast<const char*>(&s), sizeof(s));
          for (size_t r = 0; r < n; r++) {
            std::string key = HashKey(key_ptrs, r);
            if (sets.size() > 1) key += set_tag;
            auto it = index.find(key);
            if (it == index.end()) {
              std::vector<Value> keys;
              for (size_t g = 0; g < groups_.size(); g++) {
                bool in_set = std::find(sets[s].begin(), sets[s].end(), g) != sets[s].end();
                keys.push_back(in_set ? key_vecs[g].GetValue(r) : Value::Null(groups_[g]->type));
              }
              if (ctx.memory) ctx.memory->Reserve(key.size() * 2);
              it = index.emplace(std::move(key), new_group(std::move(keys), s)).first;
            }
            group_of[r] = it->second;
          }
        }
        for (size_t a = 0; a < aggregates_.size(); a++) {
          const BoundExpr& agg = *aggregates_[a];
          if (!agg.aggregate) continue;
          bool strict = agg.aggregate->strict;
          const auto& ptrs = arg_ptrs[a];
          for (size_t r = 0; r < n; r++) {
            if (!pass[a][r]) continue;
            bool skip = false;
            if (strict) {
              for (const Vector* v : ptrs) skip = skip || v->IsNull(r);
            } else if (!ptrs.empty() && !agg.aggregate->keeps_nulls) {
              skip = ptrs[0]->IsNull(r);  // string_agg: NULL values are ignored
            }
            if (skip) continue;
            Group& g = *state.groups[group_of[r]];
            if (agg.distinct) {
              std::string k = HashKey(ptrs, r);
              if (!g.distinct_seen[a].insert(k).second) continue;
              if (ctx.memory) ctx.memory->Reserve(k.size() + 32);
            }
            if (agg.window) {  // ORDER BY inside the call: buffer the row
              auto& buffer = g.ordered[a];
              if (!buffer) {
                std::vector<LogicalType> types;
                for (const auto& v : args[a]) types.push_back(v.type());
                buffer = std::make_unique<DataChunk>(types);
              }
              for (size_t c = 0; c < args[a].size(); c++) buffer->column(c).AppendFrom(args[a][c], r);
              buffer->set_size(buffer->size() + 1);
              if (ctx.memory) ctx.memory->Reserve(16 * args[a].size());
              continue;
            }
            g.states[a]->Update(ptrs, r);
          }
        }
      }
    }
    state.sets = std::move(sets);
  }
  if (state.next >= state.groups.size()) return false;
  size_t end = std::min(state.groups.size(), state.next + kChunkSize);
  for (; state.next < end; state.next++) {
    Group& g = *state.groups[state.next];
    std::vector<Value> row = g.keys;
    for (size_t a = 0; a < g.states.size(); a++) {
      if (g.states[a]) {
        if (g.ordered[a]) {
          FeedOrdered(*aggregates_[a], *g.ordered[a], *g.states[a]);
        } else if (aggregates_[a]->aggregate->direct_args >= 0 && !aggregates_[a]->aggregate->hypothetical) {
          FeedDirectArgs(ctx, *aggregates_[a], children[0]->types, *g.states[a]);
        }
        row.push_back(g.states[a]->Finalize());
        continue;
      }
      // GROUPING(args): bit i (from the left) set when argument i is not grouped in this set.
      const auto& set = state.sets[g.set];
      int32_t bits = 0;
      for (uint32_t arg : grouping_args_[a]) {
        bits = (bits << 1) | (std::find(set.begin(), set.end(), arg) == set.end() ? 1 : 0);
      }
      row.push_back(Value::Int4(bits));
    }
    for (size_t i = 0; i < row.size(); i++) {
      if (!row[i].is_null()) row[i].set_type(types[i]);
    }
    out.AppendRow(row);
  }
  return true;
}

}  // namespace kanto
