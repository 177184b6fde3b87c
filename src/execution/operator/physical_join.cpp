#include "execution/operator/physical_join.hpp"

#include <unordered_map>

#include "execution/expression_executor.hpp"
#include "execution/operator/hash_key.hpp"

namespace kanto {

namespace {
class JoinState : public OperatorState {
 public:
  bool built = false;
  bool left_done = false;
  bool emitted_unmatched = false;
  DataChunk right;                // the materialized right input
  std::vector<uint8_t> right_matched;
  std::unordered_multimap<std::string, uint32_t> table;  // hash join only
  DataChunk pending;       // the left chunk being joined, a slice at a time
  size_t pending_pos = 0;  // next row of `pending`
};

constexpr size_t kMaxPairsPerStep = 1 << 16;

// Builds the chunk of pairs (left row, right row); index UINT32_MAX means "NULL side".
void BuildPairs(const DataChunk& left, const DataChunk& right, size_t left_cols, const std::vector<LogicalType>& types,
                const std::vector<uint32_t>& lidx, const std::vector<uint32_t>& ridx, bool with_right, DataChunk* out) {
  out->Initialize(types);
  size_t n = lidx.size();
  for (size_t c = 0; c < left_cols; c++) {
    Vector& v = out->column(c);
    v.Reserve(n);
    for (size_t i = 0; i < n; i++) {
      if (lidx[i] == UINT32_MAX) {
        v.Resize(v.size() + 1);
      } else {
        v.AppendFrom(left.column(c), lidx[i]);
      }
    }
  }
  if (with_right) {
    for (size_t c = left_cols; c < types.size(); c++) {
      Vector& v = out->column(c);
      v.Reserve(n);
      for (size_t i = 0; i < n; i++) {
        if (ridx[i] == UINT32_MAX) {
          v.Resize(v.size() + 1);
        } else {
          v.AppendFrom(right.column(c - left_cols), ridx[i]);
        }
      }
    }
  }
  out->set_size(n);
}
}  // namespace

std::vector<std::string> PhysicalJoin::Details() const {
  std::string c = ConditionText();
  return c.empty() ? std::vector<std::string>{} : std::vector<std::string>{c};
}

std::unique_ptr<OperatorState> PhysicalJoin::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<JoinState>();
}

bool PhysicalJoin::Next(ExecutionContext& ctx, OperatorState& base, DataChunk& out) const {
  auto& state = static_cast<JoinState&>(base);
  std::vector<LogicalType> left_types = children[0]->types;
  std::vector<LogicalType> right_types = children[1]->types;
  std::vector<LogicalType> pair_types = left_types;
  pair_types.insert(pair_types.end(), right_types.begin(), right_types.end());
  size_t left_cols = left_types.size();
  if (!state.built && !MaterializesRight()) {
    state.built = true;
    state.right.Initialize(right_types);
  }
  if (!state.built) {
    state.built = true;
    state.right.Initialize(right_types);
    DataChunk chunk;
    while (PullChild(ctx, state, 1, chunk)) {
      for (size_t r = 0; r < chunk.size(); r++) state.right.AppendRowFrom(chunk, r);
      if (ctx.memory) ctx.memory->Reserve(chunk.size() * 16 * (right_types.size() + 1));
    }
    state.right_matched.assign(state.right.size(), 0);
    Build(ctx, state);
  }
  bool semi = join_type_ == JoinType::kSemi, anti = join_type_ == JoinType::kAnti;
  bool keep_left = join_type_ == JoinType::kLeft || join_type_ == JoinType::kFull;
  bool keep_right = join_type_ == JoinType::kRight || join_type_ == JoinType::kFull;
  while (!state.left_done) {
    if (state.pending_pos >= state.pending.size()) {
      if (!PullChild(ctx, state, 0, state.pending)) {
        state.left_done = true;
        break;
      }
      state.pending_pos = 0;
    }
    size_t rows = state.pending.size() - state.pending_pos;
    if (PairsEveryRow() && state.right.size() > 0) rows = std::min(rows, std::max<size_t>(1, kMaxPairsPerStep / state.right.size()));
    DataChunk left;
    if (rows == state.pending.size()) {
      left = std::move(state.pending);
      state.pending = DataChunk();
      state.pending_pos = 0;
    } else {
      left.Initialize(left_types);
      for (size_t r = 0; r < rows; r++) left.AppendRowFrom(state.pending, state.pending_pos + r);
      state.pending_pos += rows;
    }
    ctx.CheckCancel();
    std::vector<uint32_t> lidx, ridx;
    Candidates(ctx, state, left, &lidx, &ridx);
    if (residual_ && !lidx.empty()) {
      DataChunk pairs;
      BuildPairs(left, state.right, left_cols, pair_types, lidx, ridx, true, &pairs);
      auto sel = ExpressionExecutor::Select(*residual_, ctx, pairs);
      std::vector<uint32_t> l2, r2;
      for (uint32_t s : sel) {
        l2.push_back(lidx[s]);
        r2.push_back(ridx[s]);
      }
      lidx = std::move(l2);
      ridx = std::move(r2);
    }
    std::vector<uint8_t> left_matched(left.size(), 0);
    for (size_t i = 0; i < lidx.size(); i++) {
      left_matched[lidx[i]] = 1;
      state.right_matched[ridx[i]] = 1;
    }
    std::vector<uint32_t> out_l, out_r;
    if (semi || anti) {
      for (uint32_t r = 0; r < left.size(); r++) {
        if (left_matched[r] == (semi ? 1 : 0)) out_l.push_back(r);
      }
      if (out_l.empty()) continue;
      left.Select(out_l);
      out = std::move(left);
      return true;
    }
    out_l = std::move(lidx);
    out_r = std::move(ridx);
    if (keep_left) {
      for (uint32_t r = 0; r < left.size(); r++) {
        if (!left_matched[r]) {
          out_l.push_back(r);
          out_r.push_back(UINT32_MAX);
        }
      }
    }
    if (out_l.empty()) continue;
    BuildPairs(left, state.right, left_cols, pair_types, out_l, out_r, true, &out);
    return true;
  }
  if (keep_right && !state.emitted_unmatched) {
    state.emitted_unmatched = true;
    std::vector<uint32_t> out_l, out_r;
    for (uint32_t r = 0; r < state.right.size(); r++) {
      if (!state.right_matched[r]) {
        out_l.push_back(UINT32_MAX);
        out_r.push_back(r);
      }
    }
    if (out_l.empty()) return false;
    DataChunk empty_left(left_types);
    BuildPairs(empty_left, state.right, left_cols, pair_types, out_l, out_r, true, &out);
    return true;
  }
  return false;
}

std::string PhysicalHashJoin::Name() const {
  switch (join_type_) {
    case JoinType::kLeft: return "Hash Left Join";
    case JoinType::kRight: return "Hash Right Join";
    case JoinType::kFull: return "Hash Full Join";
    case JoinType::kSemi: return "Hash Semi Join";
    case JoinType::kAnti: return "Hash Anti Join";
    default: return "Hash Join";
  }
}

std::vector<std::string> PhysicalHashJoin::Details() const {
  std::string cond = "Hash Cond: (";
  for (size_t i = 0; i < left_keys_.size(); i++) {
    if (i) cond += " AND ";
    cond += left_keys_[i]->ToString() + " = " + right_keys_[i]->ToString();
  }
  std::vector<std::string> out = {cond + ")"};
  if (residual_) out.push_back("Join Filter: " + residual_->ToString());
  return out;
}

void PhysicalHashJoin::Build(ExecutionContext& ctx, OperatorState& base) const {
  auto& state = static_cast<JoinState&>(base);
  std::vector<Vector> keys(right_keys_.size());
  std::vector<const Vector*> ptrs;
  for (size_t k = 0; k < right_keys_.size(); k++) {
    ExpressionExecutor::Evaluate(*right_keys_[k], ctx, state.right, keys[k]);
    ptrs.push_back(&keys[k]);
  }
  for (uint32_t r = 0; r < state.right.size(); r++) {
    bool null = false;
    for (const Vector* v : ptrs) null = null || v->IsNull(r);
    if (null) continue;  // NULL keys never match
    std::string key = HashKey(ptrs, r);
    if (ctx.memory) ctx.memory->Reserve(key.size() + 48);
    state.table.emplace(std::move(key), r);
  }
}

void PhysicalHashJoin::Candidates(ExecutionContext& ctx, OperatorState& base, const DataChunk& left,
                                  std::vector<uint32_t>* lidx, std::vector<uint32_t>* ridx) const {
  auto& state = static_cast<JoinState&>(base);
  std::vector<Vector> keys(left_keys_.size());
  std::vector<const Vector*> ptrs;
  for (size_t k = 0; k < left_keys_.size(); k++) {
    ExpressionExecutor::Evaluate(*left_keys_[k], ctx, left, keys[k]);
    ptrs.push_back(&keys[k]);
  }
  for (uint32_t l = 0; l < left.size(); l++) {
    bool null = false;
    for (const Vector* v : ptrs) null = null || v->IsNull(l);
    if (null) continue;
    auto range = state.table.equal_range(HashKey(ptrs, l));
    for (auto it = range.first; it != range.second; ++it) {
      lidx->push_back(l);
      ridx->push_back(it->second);
    }
  }
}

std::string PhysicalNestedLoopJoin::Name() const {
  switch (join_type_) {
    case JoinType::kLeft: return "Nested Loop Left Join";
    case JoinType::kRight: return "Nested Loop Right Join";
    case JoinType::kFull: return "Nested Loop Full Join";
    case JoinType::kSemi: return "Nested Loop Semi Join";
    case JoinType::kAnti: return "Nested Loop Anti Join";
    default: return "Nested Loop";
  }
}

void PhysicalNestedLoopJoin::Candidates(ExecutionContext& ctx, OperatorState& base, const DataChunk& left,
                                        std::vector<uint32_t>* lidx, std::vector<uint32_t>* ridx) const {
  auto& state = static_cast<JoinState&>(base);
  size_t pairs = left.size() * state.right.size();
  if (ctx.memory) ctx.memory->Reserve(pairs * 8);
  for (uint32_t l = 0; l < left.size(); l++) {
    for (uint32_t r = 0; r < state.right.size(); r++) {
      lidx->push_back(l);
      ridx->push_back(r);
    }
  }
  if (ctx.memory) ctx.memory->Release(pairs * 8);
}

}  // namespace kanto

namespace kanto {

std::string PhysicalIndexJoin::Name() const {
  switch (join_type_) {
    case JoinType::kLeft: return "Nested Loop Left Join";
    case JoinType::kSemi: return "Nested Loop Semi Join";
    case JoinType::kAnti: return "Nested Loop Anti Join";
    default: return "Nested Loop";
  }
}

void PhysicalIndexJoin::Candidates(ExecutionContext& ctx, OperatorState& base, const DataChunk& left,
                                   std::vector<uint32_t>* lidx, std::vector<uint32_t>* ridx) const {
  auto& state = static_cast<JoinState&>(base);
  state.right.Initialize(children[1]->types);
  std::vector<Vector> keys(left_keys_.size());
  for (size_t k = 0; k < left_keys_.size(); k++) ExpressionExecutor::Evaluate(*left_keys_[k], ctx, left, keys[k]);
  std::vector<Value> outer(left_keys_.size());
  ExecutionContext inner = ctx;
  inner.outer = &outer;
  DataChunk chunk;
  for (uint32_t l = 0; l < left.size(); l++) {
    bool null = false;
    for (size_t k = 0; k < keys.size(); k++) {
      null = null || keys[k].IsNull(l);
      outer[k] = keys[k].GetValue(l);
    }
    if (null && null_keys_match_nothing_) continue;
    auto scan = children[1]->InitState(inner);
    while (children[1]->Pull(inner, *scan, chunk)) {
      for (size_t r = 0; r < chunk.size(); r++) {
        lidx->push_back(l);
        ridx->push_back(static_cast<uint32_t>(state.right.size()));
        state.right.AppendRowFrom(chunk, r);
      }
    }
  }
  state.right_matched.assign(state.right.size(), 0);
}

}  // namespace kanto
