// Moves filter predicates as close to the scans as their column references allow: into table
// scans, into the matching side of inner joins, and into join conditions.
#include <algorithm>

#include "common/stack_depth.hpp"
#include "optimizer/optimizer.hpp"

namespace kanto {

namespace {

std::vector<uint32_t> TablesOf(const LogicalOperator& op) {
  std::vector<uint32_t> out;
  for (const auto& b : op.GetColumnBindings()) {
    if (std::find(out.begin(), out.end(), b.table) == out.end()) out.push_back(b.table);
  }
  return out;
}

bool Covers(const std::vector<uint32_t>& have, const std::vector<uint32_t>& need) {
  for (uint32_t t : need) {
    if (std::find(have.begin(), have.end(), t) == have.end()) return false;
  }
  return true;
}

LogicalOperatorPtr WrapFilter(LogicalOperatorPtr op, std::vector<BoundExprPtr> preds) {
  if (preds.empty()) return op;
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions = std::move(preds);
  filter->children.push_back(std::move(op));
  return filter;
}

bool HasVolatileOrSubquery(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kSubquery) return true;
  if (e.kind == BoundExprKind::kFunction && e.function->is_volatile) return true;
  for (const auto& c : e.children) {
    if (HasVolatileOrSubquery(*c)) return true;
  }
  return false;
}

BoundExprPtr MakeAnd(std::vector<BoundExprPtr> parts) {
  if (parts.size() == 1) return std::move(parts[0]);
  auto conj = std::make_unique<BoundExpr>(BoundExprKind::kAnd, LogicalType(TypeId::kBool));
  conj->children = std::move(parts);
  return conj;
}

// For each table that every branch of an OR restricts on its own, the OR of those restrictions:
// `(n1.x = 'A' AND n2.x = 'B') OR (n1.x = 'B' AND n2.x = 'A')` implies `n1.x = 'A' OR n1.x = 'B'`,
// which can go down to n1's scan (the original OR stays).
void AddSingleTableImplications(const std::vector<std::vector<BoundExprPtr>>& branches, std::vector<BoundExprPtr>* out) {
  std::vector<uint32_t> candidates;
  for (const auto& x : branches[0]) {
    std::vector<uint32_t> t;
    CollectTables(*x, &t);
    if (t.size() == 1 && std::find(candidates.begin(), candidates.end(), t[0]) == candidates.end()) candidates.push_back(t[0]);
  }
  for (uint32_t table : candidates) {
    auto any = std::make_unique<BoundExpr>(BoundExprKind::kOr, LogicalType(TypeId::kBool));
    for (const auto& branch : branches) {
      std::vector<BoundExprPtr> mine;
      for (const auto& x : branch) {
        std::vector<uint32_t> t;
        CollectTables(*x, &t);
        if (t.size() == 1 && t[0] == table) mine.push_back(x->Copy());
      }
      if (mine.empty()) {
        any.reset();
        break;
      }
      any->children.push_back(MakeAnd(std::move(mine)));
    }
    if (any) out->push_back(std::move(any));
  }
}

// `(a AND x) OR (b AND x)` adds `x` and `(a OR b)` to `out`: a conjunct common to every branch of
// an OR (TPC-H Q19's join condition) becomes a predicate of its own, which can be a join key.
// Restrictions every branch puts on one table are added as well (see above).
void FactorOr(BoundExprPtr e, std::vector<BoundExprPtr>* out) {
  if (e->kind != BoundExprKind::kOr || HasVolatileOrSubquery(*e)) {
    out->push_back(std::move(e));
    return;
  }
  std::vector<std::vector<BoundExprPtr>> branches;
  for (auto& c : e->children) {
    branches.emplace_back();
    SplitConjunction(c->Copy(), &branches.back());
  }
  {
    std::vector<uint32_t> all;
    CollectTables(*e, &all);
    if (all.size() > 1) AddSingleTableImplications(branches, out);
  }
  std::vector<BoundExprPtr> common;
  for (const auto& candidate : branches[0]) {
    bool everywhere = true;
    for (size_t b = 1; b < branches.size() && everywhere; b++) {
      everywhere = std::any_of(branches[b].begin(), branches[b].end(),
                               [&](const BoundExprPtr& x) { return x->Equals(*candidate); });
    }
    bool seen = std::any_of(common.begin(), common.end(), [&](const BoundExprPtr& x) { return x->Equals(*candidate); });
    if (everywhere && !seen) common.push_back(candidate->Copy());
  }
  if (common.empty()) {
    out->push_back(std::move(e));
    return;
  }
  auto rest = std::make_unique<BoundExpr>(BoundExprKind::kOr, LogicalType(TypeId::kBool));
  bool always = false;  // a branch made only of common conjuncts: the OR adds nothing
  for (auto& branch : branches) {
    std::vector<BoundExprPtr> left;
    for (auto& x : branch) {
      bool is_common = std::any_of(common.begin(), common.end(), [&](const BoundExprPtr& c) { return c->Equals(*x); });
      if (!is_common) left.push_back(std::move(x));
    }
    if (left.empty()) {
      always = true;
      break;
    }
    rest->children.push_back(MakeAnd(std::move(left)));
  }
  for (auto& c : common) out->push_back(std::move(c));
  if (!always) out->push_back(std::move(rest));
}

LogicalOperatorPtr Push(LogicalOperatorPtr op, std::vector<BoundExprPtr> preds) {
  CheckStackDepth();
  switch (op->type) {
    case LogicalOpType::kFilter: {
      auto& filter = static_cast<LogicalFilter&>(*op);
      std::vector<BoundExprPtr> parts;
      for (auto& e : filter.expressions) SplitConjunction(std::move(e), &parts);
      for (auto& p : parts) FactorOr(std::move(p), &preds);
      return Push(std::move(op->children[0]), std::move(preds));
    }
    case LogicalOpType::kGet: {
      auto& get = static_cast<LogicalGet&>(*op);
      for (auto& p : preds) get.filters.push_back(std::move(p));
      return op;
    }
    case LogicalOpType::kJoin: {
      auto& join = static_cast<LogicalJoin&>(*op);
      auto left_tables = TablesOf(*op->children[0]);
      auto right_tables = TablesOf(*op->children[1]);
      std::vector<BoundExprPtr> left, right, above;
      std::vector<BoundExprPtr> conds;
      // The right side of a LATERAL join runs with the lateral values as its outer references, so a
      // predicate that reads this query's own outer references (kOuterRef) cannot go there.
      bool lateral = !join.lateral_params.empty();
      auto to_right = [&](const BoundExpr& p) { return !HasVolatileOrSubquery(p) && !(lateral && ContainsOuterRef(p)); };
      for (auto& c : join.conditions) SplitConjunction(std::move(c), &conds);
      join.conditions.clear();
      if (join.join_type == JoinType::kInner) {
        for (auto& c : conds) preds.push_back(std::move(c));
        for (auto& p : preds) {
          std::vector<uint32_t> need;
          CollectTables(*p, &need);
          if (HasVolatileOrSubquery(*p)) {
            join.conditions.push_back(std::move(p));
          } else if (Covers(left_tables, need)) {
            left.push_back(std::move(p));
          } else if (Covers(right_tables, need) && to_right(*p)) {
            right.push_back(std::move(p));
          } else {
            join.conditions.push_back(std::move(p));
          }
        }
      } else {
        // Outer joins: ON conditions that touch only the inner side filter that side; WHERE
        // predicates only on the preserved side go below; everything else stays where it was.
        // (Semi and anti joins keep only left rows: like a left join for this purpose.)
        bool left_preserved = join.join_type == JoinType::kLeft || join.join_type == JoinType::kSemi ||
                              join.join_type == JoinType::kAnti;
        bool right_preserved = join.join_type == JoinType::kRight;
        for (auto& c : conds) {
          std::vector<uint32_t> need;
          CollectTables(*c, &need);
          if (left_preserved && Covers(right_tables, need) && to_right(*c)) {
            right.push_back(std::move(c));
          } else if (right_preserved && Covers(left_tables, need) && !HasVolatileOrSubquery(*c)) {
            left.push_back(std::move(c));
          } else {
            join.conditions.push_back(std::move(c));
          }
        }
        for (auto& p : preds) {
          std::vector<uint32_t> need;
          CollectTables(*p, &need);
          if (left_preserved && Covers(left_tables, need) && !HasVolatileOrSubquery(*p)) {
            left.push_back(std::move(p));
          } else if (right_preserved && Covers(right_tables, need) && to_right(*p)) {
            right.push_back(std::move(p));
          } else {
            above.push_back(std::move(p));
          }
        }
      }
      op->children[0] = Push(std::move(op->children[0]), std::move(left));
      op->children[1] = Push(std::move(op->children[1]), std::move(right));
      return WrapFilter(std::move(op), std::move(above));
    }
    default: {
      for (auto& child : op->children) child = Push(std::move(child), {});
      return WrapFilter(std::move(op), std::move(preds));
    }
  }
}

}  // namespace

LogicalOperatorPtr PushDownFilters(LogicalOperatorPtr plan) { return Push(std::move(plan), {}); }

}  // namespace kanto
