// Window computation over sorted rows: partitions, peer groups, frames (ROWS / RANGE / GROUPS with
// offsets and EXCLUDE), ranking and navigation functions, and aggregates over frames.
#include <algorithm>

#include "execution/operator/physical_window.hpp"
#include "function/aggregate.hpp"
#include "kanto/error.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {

using Spec = BoundWindowSpec;

// Orders two rows by one key as ORDER BY does (NULLs first or last).
int CompareKey(const Vector& v, uint32_t a, uint32_t b, bool desc, bool nulls_first) {
  bool na = v.IsNull(a), nb = v.IsNull(b);
  if (na || nb) {
    if (na && nb) return 0;
    return (na == nulls_first) ? -1 : 1;
  }
  int c = CompareVectorValues(v, a, v, b);
  return desc ? -c : c;
}

bool SameKeys(const WindowInput& in, size_t begin, size_t count, uint32_t a, uint32_t b) {
  for (size_t k = 0; k < count; k++) {
    if (CompareKey(in.children[begin + k], a, b, false, false) != 0) return false;
  }
  return true;
}

// One partition, positions [begin, end) of `order`, with peer groups.
struct Partition {
  size_t begin = 0;
  size_t end = 0;
  std::vector<size_t> group_start;  // per peer group, position
  std::vector<size_t> group_of;     // per position - begin, its peer group
  size_t rows() const { return end - begin; }
  size_t peer_start(size_t pos) const { return group_start[group_of[pos - begin]]; }
  size_t peer_end(size_t pos) const {
    size_t g = group_of[pos - begin] + 1;
    return g < group_start.size() ? group_start[g] : end;
  }
};

// The frame of one row: positions [start, end) minus [skip_begin, skip_end), plus `keep` (EXCLUDE TIES
// keeps the current row) when set.
struct Frame {
  size_t start = 0;
  size_t end = 0;
  size_t skip_begin = 0;
  size_t skip_end = 0;
  bool keep_current = false;
  size_t current = 0;
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (size_t p = start; p < end; p++) {
      if (p >= skip_begin && p < skip_end && !(keep_current && p == current)) continue;
      fn(p);
    }
  }
};

class FrameBuilder {
 public:
  FrameBuilder(const BoundExpr& call, const WindowInput& in, const std::vector<uint32_t>& order)
      : spec_(*call.window), in_(in), order_(order) {}

  Frame Build(const Partition& part, size_t pos) const {
    Frame f;
    f.current = pos;
    f.start = Bound(part, pos, spec_.start, true);
    f.end = Bound(part, pos, spec_.end, false);
    if (f.end < f.start) f.end = f.start;
    switch (spec_.exclude) {
      case Spec::Exclude::kNoOthers: break;
      case Spec::Exclude::kCurrentRow:
        f.skip_begin = pos;
        f.skip_end = pos + 1;
        break;
      case Spec::Exclude::kGroup:
      case Spec::Exclude::kTies:
        f.skip_begin = part.peer_start(pos);
        f.skip_end = part.peer_end(pos);
        f.keep_current = spec_.exclude == Spec::Exclude::kTies;
        break;
    }
    return f;
  }

 private:
  int64_t Offset(size_t pos, bool start) const {
    const Vector& v = in_.children[spec_.frame_begin() + (start || !spec_.has_start_expr ? 0 : 1)];
    uint32_t row = order_[pos];
    const char* what = start ? "frame starting offset" : "frame ending offset";
    if (v.IsNull(row)) throw Error(sqlstate::kNullValueNotAllowed, std::string(what) + " must not be null");
    int64_t off = v.ints()[row];
    if (off < 0) throw Error(sqlstate::kInvalidPrecedingOrFollowingSize, std::string(what) + " must not be negative");
    return off;
  }

  // First position (from `lo`) whose key is not before the boundary value of the current row
  // (`after`: first position whose key is after it).
  size_t Search(const Partition& part, size_t pos, bool start, bool after) const {
    const Vector& key = in_.children[spec_.range_key()];
    const Vector& bound = in_.children[spec_.frame_begin() + (start || !spec_.has_start_expr ? 0 : 1)];
    uint32_t row = order_[pos];
    bool desc = spec_.order_desc[0];
    bool nulls_first = spec_.order_nulls_first[0];
    if (bound.IsNull(row)) throw Error(sqlstate::kNullValueNotAllowed, "frame offset must not be null");
    auto before = [&](size_t p) {  // key at p sorts before (or, with `after`, not after) the bound
      uint32_t r = order_[p];
      if (key.IsNull(r)) return nulls_first;
      int c = CompareVectorValues(key, r, bound, row);
      if (desc) c = -c;
      return after ? c <= 0 : c < 0;
    };
    size_t lo = part.begin, hi = part.end;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (before(mid)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // Start (`start`) or end (exclusive) position of the frame for the row at `pos`.
  size_t Bound(const Partition& part, size_t pos, Spec::Bound b, bool start) const {
    switch (b) {
      case Spec::Bound::kUnboundedPreceding: return part.begin;
      case Spec::Bound::kUnboundedFollowing: return part.end;
      case Spec::Bound::kCurrentRow:
        if (spec_.mode == Spec::Mode::kRows) return start ? pos : pos + 1;
        return start ? part.peer_start(pos) : part.peer_end(pos);
      case Spec::Bound::kPreceding:
      case Spec::Bound::kFollowing: break;
    }
    bool preceding = b == Spec::Bound::kPreceding;
    if (spec_.mode == Spec::Mode::kRange) {
      // Rows with a NULL key frame their peers (the other NULLs).
      if (in_.children[spec_.order_begin()].IsNull(order_[pos])) return start ? part.peer_start(pos) : part.peer_end(pos);
      return Search(part, pos, start, !start);
    }
    int64_t off = Offset(pos, start);
    auto clamp = [&](int64_t p) {
      return static_cast<size_t>(std::clamp<int64_t>(p, static_cast<int64_t>(part.begin), static_cast<int64_t>(part.end)));
    };
    if (spec_.mode == Spec::Mode::kRows) {
      int64_t target = static_cast<int64_t>(pos) + (preceding ? -off : off);
      return clamp(start ? target : target + 1);
    }
    // GROUPS: whole peer groups.
    int64_t groups = static_cast<int64_t>(part.group_start.size());
    int64_t g = static_cast<int64_t>(part.group_of[pos - part.begin]) + (preceding ? -off : off);
    if (start) {
      if (g < 0) return part.begin;
      return g >= groups ? part.end : part.group_start[g];
    }
    if (g < 0) return part.begin;
    return g + 1 >= groups ? part.end : part.group_start[g + 1];
  }

  const Spec& spec_;
  const WindowInput& in_;
  const std::vector<uint32_t>& order_;
};

std::vector<Partition> SplitPartitions(const BoundExpr& call, const WindowInput& in, const std::vector<uint32_t>& order) {
  const Spec& spec = *call.window;
  std::vector<Partition> parts;
  for (size_t pos = 0; pos < order.size(); pos++) {
    bool new_part = pos == 0 || !SameKeys(in, spec.partition_begin(), spec.partition_count, order[pos - 1], order[pos]);
    if (new_part) {
      if (!parts.empty()) parts.back().end = pos;
      parts.emplace_back();
      parts.back().begin = pos;
    }
    Partition& p = parts.back();
    bool new_group = new_part || !SameKeys(in, spec.order_begin(), spec.order_count(), order[pos - 1], order[pos]);
    if (new_group) p.group_start.push_back(pos);
    p.group_of.push_back(p.group_start.size() - 1);
  }
  if (!parts.empty()) parts.back().end = order.size();
  return parts;
}

// Aggregates over frames. Frames that only grow (start unbounded) reuse one running state; frames
// that only shrink from the front (end unbounded) run backwards for order-insensitive aggregates;
// other frames aggregate each row's frame afresh.
void ComputeAggregate(const BoundExpr& call, const WindowInput& in, const std::vector<uint32_t>& order,
                      const std::vector<Partition>& parts, ExecutionContext& ctx, Vector& out) {
  const Spec& spec = *call.window;
  const AggregateFunction& fn = *call.aggregate;
  std::vector<LogicalType> arg_types;
  std::vector<const Vector*> args;
  for (size_t i = 0; i < spec.arg_count; i++) {
    arg_types.push_back(in.children[i].type());
    args.push_back(&in.children[i]);
  }
  auto accepts = [&](size_t pos) {
    uint32_t r = order[pos];
    if (!in.filter_pass.empty() && !in.filter_pass[r]) return false;
    if (fn.strict) {
      for (const Vector* a : args) {
        if (a->IsNull(r)) return false;
      }
    } else if (!args.empty() && !fn.keeps_nulls && args[0]->IsNull(r)) {
      return false;
    }
    return true;
  };
  auto add = [&](AggregateState& state, size_t pos) {
    if (accepts(pos)) state.Update(args, order[pos]);
  };
  FrameBuilder frames(call, in, order);
  bool no_exclude = spec.exclude == Spec::Exclude::kNoOthers;
  bool order_insensitive = !fn.order_sensitive;
  for (const Partition& part : parts) {
    ctx.CheckCancel();
    if (no_exclude && spec.start == Spec::Bound::kUnboundedPreceding) {
      auto state = fn.make_state(arg_types, call.type);
      size_t added = part.begin;
      for (size_t pos = part.begin; pos < part.end; pos++) {
        Frame f = frames.Build(part, pos);
        for (; added < f.end; added++) add(*state, added);
        if (f.end < added) {  // cannot happen for monotone ends; recompute to stay correct
          auto fresh = fn.make_state(arg_types, call.type);
          f.ForEach([&](size_t p) { add(*fresh, p); });
          out.SetValue(order[pos], fresh->Finalize());
          continue;
        }
        out.SetValue(order[pos], state->Finalize());
      }
      continue;
    }
    if (no_exclude && spec.end == Spec::Bound::kUnboundedFollowing && order_insensitive) {
      auto state = fn.make_state(arg_types, call.type);
      size_t added = part.end;  // rows [added, end) are in the state
      for (size_t pos = part.end; pos-- > part.begin;) {
        Frame f = frames.Build(part, pos);
        if (f.start > added) {
          auto fresh = fn.make_state(arg_types, call.type);
          f.ForEach([&](size_t p) { add(*fresh, p); });
          out.SetValue(order[pos], fresh->Finalize());
          continue;
        }
        for (; added > f.start; added--) add(*state, added - 1);
        out.SetValue(order[pos], state->Finalize());
      }
      continue;
    }
    for (size_t pos = part.begin; pos < part.end; pos++) {
      Frame f = frames.Build(part, pos);
      auto state = fn.make_state(arg_types, call.type);
      f.ForEach([&](size_t p) { add(*state, p); });
      out.SetValue(order[pos], state->Finalize());
    }
  }
}

// ntile(n): n buckets as equal as possible, the first ones one row larger.
void ComputeNtile(const WindowInput& in, const std::vector<uint32_t>& order, const Partition& part, Vector& out) {
  const Vector& buckets_v = in.children[0];
  uint32_t first = order[part.begin];
  if (buckets_v.IsNull(first)) return;  // NULL for the whole partition
  int64_t buckets = buckets_v.ints()[first];
  if (buckets <= 0) throw Error(sqlstate::kInvalidArgumentForNtile, "argument of ntile must be greater than zero");
  int64_t total = static_cast<int64_t>(part.rows());
  int64_t per = total / buckets, extra = total % buckets;
  int64_t bucket = 1, left = per + (extra > 0 ? 1 : 0);
  for (size_t pos = part.begin; pos < part.end; pos++) {
    if (left == 0) {
      bucket++;
      left = per + (bucket <= extra ? 1 : 0);
    }
    out.SetValue(order[pos], Value::Int4(bucket));
    left--;
  }
}

}  // namespace

std::vector<uint32_t> WindowSortOrder(const BoundExpr& call, const WindowInput& in, size_t n) {
  const Spec& spec = *call.window;
  std::vector<uint32_t> order(n);
  for (size_t i = 0; i < n; i++) order[i] = static_cast<uint32_t>(i);
  if (spec.partition_count == 0 && spec.order_count() == 0) return order;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    for (size_t k = 0; k < spec.partition_count; k++) {
      int c = CompareKey(in.children[spec.partition_begin() + k], a, b, false, false);
      if (c != 0) return c < 0;
    }
    for (size_t k = 0; k < spec.order_count(); k++) {
      int c = CompareKey(in.children[spec.order_begin() + k], a, b, spec.order_desc[k], spec.order_nulls_first[k]);
      if (c != 0) return c < 0;
    }
    return false;
  });
  return order;
}

Vector ComputeWindow(const BoundExpr& call, const WindowInput& in, const std::vector<uint32_t>& order,
                     ExecutionContext& ctx) {
  Vector out(call.type);
  out.Resize(order.size());
  std::vector<Partition> parts = SplitPartitions(call, in, order);
  if (call.aggregate) {
    ComputeAggregate(call, in, order, parts, ctx, out);
    return out;
  }
  const std::string& name = call.name;
  FrameBuilder frames(call, in, order);
  for (const Partition& part : parts) {
    ctx.CheckCancel();
    if (name == "ntile") {
      ComputeNtile(in, order, part, out);
      continue;
    }
    double rows = static_cast<double>(part.rows());
    for (size_t pos = part.begin; pos < part.end; pos++) {
      uint32_t row = order[pos];
      size_t group = part.group_of[pos - part.begin];
      if (name == "row_number") {
        out.SetValue(row, Value::Int8(static_cast<int64_t>(pos - part.begin + 1)));
      } else if (name == "rank") {
        out.SetValue(row, Value::Int8(static_cast<int64_t>(part.peer_start(pos) - part.begin + 1)));
      } else if (name == "dense_rank") {
        out.SetValue(row, Value::Int8(static_cast<int64_t>(group + 1)));
      } else if (name == "percent_rank") {
        double rank = static_cast<double>(part.peer_start(pos) - part.begin);
        out.SetValue(row, Value::Float8(rows > 1 ? rank / (rows - 1) : 0.0));
      } else if (name == "cume_dist") {
        out.SetValue(row, Value::Float8(static_cast<double>(part.peer_end(pos) - part.begin) / rows));
      } else if (name == "lag" || name == "lead") {
        int64_t off = 1;
        if (call.window->arg_count > 1) {
          if (in.children[1].IsNull(row)) continue;  // NULL offset: NULL
          off = in.children[1].ints()[row];
        }
        int64_t target = static_cast<int64_t>(pos) + (name == "lag" ? -off : off);
        if (target >= static_cast<int64_t>(part.begin) && target < static_cast<int64_t>(part.end)) {
          out.SetValue(row, in.children[0].GetValue(order[target]));
        } else if (call.window->arg_count > 2) {
          out.SetValue(row, in.children[2].GetValue(row));
        }
      } else {  // first_value, last_value, nth_value over the frame
        int64_t nth = 1;
        if (name == "nth_value") {
          if (in.children[1].IsNull(row)) continue;
          nth = in.children[1].ints()[row];
          if (nth <= 0) throw Error(sqlstate::kInvalidArgumentForNthValue, "argument of nth_value must be greater than zero");
        }
        Frame f = frames.Build(part, pos);
        size_t pick = 0;
        if (call.window->exclude == Spec::Exclude::kNoOthers) {
          if (f.start >= f.end) continue;
          if (name == "last_value") {
            pick = f.end - 1;
          } else {
            if (nth > static_cast<int64_t>(f.end - f.start)) continue;
            pick = f.start + static_cast<size_t>(nth - 1);
          }
        } else {
          std::vector<size_t> members;
          f.ForEach([&](size_t p) { members.push_back(p); });
          if (members.empty()) continue;
          if (name == "last_value") {
            pick = members.back();
          } else {
            if (nth > static_cast<int64_t>(members.size())) continue;
            pick = members[nth - 1];
          }
        }
        out.SetValue(row, in.children[0].GetValue(order[pick]));
      }
    }
  }
  return out;
}

}  // namespace kanto
