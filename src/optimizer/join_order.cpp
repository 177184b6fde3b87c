// Join order: every tree of inner joins is flattened into its inputs and conditions and rebuilt
// left-deep by estimated size. The hash join builds its right input, so the largest input is the
// first (probe) side and the others are added one by one, each time the connected input that gives
// the smallest estimated result (a cross product only when nothing is connected).
#include <algorithm>

#include "common/stack_depth.hpp"
#include "optimizer/optimizer.hpp"

namespace kanto {

namespace {

struct Relation {
  LogicalOperatorPtr op;
  std::vector<uint32_t> tables;
  double rows = 1;
};

struct Condition {
  BoundExprPtr expr;
  std::vector<uint32_t> tables;
};

std::vector<uint32_t> TablesOf(const LogicalOperator& op) {
  std::vector<uint32_t> out;
  for (const auto& b : op.GetColumnBindings()) {
    if (std::find(out.begin(), out.end(), b.table) == out.end()) out.push_back(b.table);
  }
  return out;
}

bool Contains(const std::vector<uint32_t>& have, const std::vector<uint32_t>& need) {
  for (uint32_t t : need) {
    if (std::find(have.begin(), have.end(), t) == have.end()) return false;
  }
  return true;
}

// Inner joins that can be reordered (a LATERAL join's right side depends on its left side).
bool IsInnerJoin(const LogicalOperator& op) {
  if (op.type != LogicalOpType::kJoin) return false;
  const auto& join = static_cast<const LogicalJoin&>(op);
  return join.join_type == JoinType::kInner && join.lateral_params.empty();
}

void Flatten(LogicalOperatorPtr op, std::vector<Relation>* relations, std::vector<Condition>* conditions) {
  CheckStackDepth();
  if (!IsInnerJoin(*op)) {
    Relation r;
    r.tables = TablesOf(*op);
    r.rows = std::max(1.0, op->estimated_rows);
    r.op = std::move(op);
    relations->push_back(std::move(r));
    return;
  }
  auto& join = static_cast<LogicalJoin&>(*op);
  for (auto& c : join.conditions) {
    std::vector<BoundExprPtr> parts;
    SplitConjunction(std::move(c), &parts);
    for (auto& p : parts) {
      Condition cond;
      CollectTables(*p, &cond.tables);
      cond.expr = std::move(p);
      conditions->push_back(std::move(cond));
    }
  }
  Flatten(std::move(op->children[0]), relations, conditions);
  Flatten(std::move(op->children[1]), relations, conditions);
}

// Estimated size of joining `left` (covering `covered`) with `r` under the conditions that would
// apply; `connected` tells whether any condition links them.
double JoinSize(double left, const std::vector<uint32_t>& covered, const Relation& r,
                const std::vector<Condition>& conditions, bool* connected) {
  std::vector<uint32_t> both = covered;
  both.insert(both.end(), r.tables.begin(), r.tables.end());
  bool equi = false;
  double residual = 1;
  *connected = false;
  for (const auto& c : conditions) {
    if (!c.expr || !Contains(both, c.tables) || Contains(covered, c.tables) || Contains(r.tables, c.tables)) continue;
    *connected = true;
    if (!equi && c.expr->kind == BoundExprKind::kFunction && c.expr->function->name == "=") {
      equi = true;
    } else {
      residual *= Selectivity(*c.expr);
    }
  }
  return (equi ? std::max(left, r.rows) : left * r.rows) * residual;
}

LogicalOperatorPtr Reorder(LogicalOperatorPtr op);

LogicalOperatorPtr BuildJoinTree(std::vector<Relation> relations, std::vector<Condition> conditions) {
  // Start with the largest input.
  size_t first = 0;
  for (size_t i = 1; i < relations.size(); i++) {
    if (relations[i].rows > relations[first].rows) first = i;
  }
  LogicalOperatorPtr plan = std::move(relations[first].op);
  std::vector<uint32_t> covered = relations[first].tables;
  double rows = relations[first].rows;
  relations.erase(relations.begin() + static_cast<std::ptrdiff_t>(first));
  while (!relations.empty()) {
    size_t best = 0;
    double best_size = 0;
    bool best_connected = false;
    for (size_t i = 0; i < relations.size(); i++) {
      bool connected = false;
      double size = JoinSize(rows, covered, relations[i], conditions, &connected);
      bool better = i == 0 || (connected && !best_connected) ||
                    (connected == best_connected &&
                     (size < best_size || (size == best_size && relations[i].rows < relations[best].rows)));
      if (better) {
        best = i;
        best_size = size;
        best_connected = connected;
      }
    }
    Relation next = std::move(relations[best]);
    relations.erase(relations.begin() + static_cast<std::ptrdiff_t>(best));
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = JoinType::kInner;
    std::vector<uint32_t> both = covered;
    both.insert(both.end(), next.tables.begin(), next.tables.end());
    for (auto& c : conditions) {
      if (c.expr && Contains(both, c.tables)) join->conditions.push_back(std::move(c.expr));
    }
    join->children.push_back(std::move(plan));
    join->children.push_back(std::move(next.op));
    join->estimated_rows = std::max(1.0, best_size);
    plan = std::move(join);
    covered = std::move(both);
    rows = std::max(1.0, best_size);
  }
  // Conditions over no input (constants) stay at the top join.
  for (auto& c : conditions) {
    if (c.expr) static_cast<LogicalJoin&>(*plan).conditions.push_back(std::move(c.expr));
  }
  return plan;
}

// The probe side of the first join is a table that the (small) build side could look up through an
// index instead: swap them, so that the physical planner can choose an index nested loop.
void PreferIndexLookup(LogicalOperator& join_op) {
  auto& join = static_cast<LogicalJoin&>(join_op);
  if (join.children[0]->type != LogicalOpType::kGet) return;
  auto& get = static_cast<LogicalGet&>(*join.children[0]);
  if (get.emit_row_key || join.children[1]->estimated_rows * 8 >= get.estimated_rows) return;
  for (const auto& f : get.filters) {
    if (ContainsOuterRef(*f)) return;  // index lookups pass their keys as outer references
  }
  std::vector<const BoundExpr*> values;
  if (!MatchJoinIndex(get, join.conditions, join.children[1]->GetColumnBindings(), &values)) return;
  std::swap(join.children[0], join.children[1]);
}

LogicalOperatorPtr Reorder(LogicalOperatorPtr op) {
  CheckStackDepth();
  if (IsInnerJoin(*op)) {
    std::vector<Relation> relations;
    std::vector<Condition> conditions;
    Flatten(std::move(op), &relations, &conditions);
    for (auto& r : relations) r.op = Reorder(std::move(r.op));
    LogicalOperatorPtr tree = BuildJoinTree(std::move(relations), std::move(conditions));
    LogicalOperator* bottom = tree.get();
    while (IsInnerJoin(*bottom->children[0])) bottom = bottom->children[0].get();
    PreferIndexLookup(*bottom);
    return tree;
  }
  for (auto& c : op->children) c = Reorder(std::move(c));
  return op;
}

}  // namespace

LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr plan) { return Reorder(std::move(plan)); }

}  // namespace kanto
