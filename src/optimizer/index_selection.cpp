// Chooses an index for each table scan: equality predicates on a prefix of the index columns,
// optionally followed by a range on the next column. The predicates stay as filters too, so the
// index only narrows what is read.
#include <map>

#include "common/stack_depth.hpp"
#include "optimizer/optimizer.hpp"

namespace kanto {

namespace {

struct ColumnPredicate {
  uint32_t column;
  std::string op;  // "=", "<", "<=", ">", ">="
  const BoundExpr* value;
};

bool IsRowIndependent(const BoundExpr& e) {
  CheckStackDepth();
  // Outer references of a correlated subquery are constant during one execution of it.
  if (e.kind == BoundExprKind::kColumnRef || e.kind == BoundExprKind::kSubquery ||
      e.kind == BoundExprKind::kAggregate) {
    return false;
  }
  if (e.kind == BoundExprKind::kFunction && e.function->is_volatile) return false;
  for (const auto& c : e.children) {
    if (!IsRowIndependent(*c)) return false;
  }
  return true;
}

}  // namespace

// Key encodings agree when the physical layout and ordering agree.
bool IndexKeyCompatible(const LogicalType& column, const LogicalType& value) {
  if (column.id == value.id) return column.id != TypeId::kChar;
  if (column.IsInteger() && value.IsInteger()) return true;
  auto plain_string = [](const LogicalType& t) { return t.id == TypeId::kText || t.id == TypeId::kVarchar; };
  return plain_string(column) && plain_string(value);
}

namespace {

std::string Flip(const std::string& op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  return op;
}

bool Extract(const BoundExpr& e, const LogicalGet& get, ColumnPredicate* out) {
  if (e.kind != BoundExprKind::kFunction || e.children.size() != 2) return false;
  const std::string& op = e.function->name;
  if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=") return false;
  for (int side = 0; side < 2; side++) {
    const BoundExpr& col = *e.children[side];
    const BoundExpr& val = *e.children[1 - side];
    if (col.kind != BoundExprKind::kColumnRef || col.binding.table != get.table_index) continue;
    if (col.binding.column >= get.table->columns.size()) continue;
    if (!IsRowIndependent(val)) continue;
    if (!IndexKeyCompatible(get.table->columns[col.binding.column].type, val.type)) continue;
    out->column = col.binding.column;
    out->op = side == 0 ? op : Flip(op);
    out->value = &val;
    return true;
  }
  return false;
}

void ChooseIndex(LogicalGet& get) {
  std::vector<ColumnPredicate> preds;
  for (const auto& f : get.filters) {
    ColumnPredicate p;
    if (Extract(*f, get, &p)) preds.push_back(p);
  }
  if (preds.empty()) return;
  int best_score = 0;
  const IndexEntry* best = nullptr;
  for (const auto& idx : get.table->indexes) {
    int score = 0;
    size_t eq = 0;
    for (; eq < idx.columns.size(); eq++) {
      bool found = false;
      for (const auto& p : preds) found = found || (p.column == idx.columns[eq] && p.op == "=");
      if (!found) break;
      score += 4;
    }
    if (eq < idx.columns.size() && !idx.descending[eq]) {
      for (const auto& p : preds) {
        if (p.column == idx.columns[eq] && p.op != "=") {
          score += 1;
          break;
        }
      }
    }
    if (score == 0) continue;
    if (idx.primary) score += 2;  // no second lookup
    if (eq == idx.columns.size() && idx.unique) score += 2;
    if (score > best_score) {
      best_score = score;
      best = &idx;
    }
  }
  if (!best) return;
  get.index = best;
  size_t eq = 0;
  for (; eq < best->columns.size(); eq++) {
    const ColumnPredicate* match = nullptr;
    for (const auto& p : preds) {
      if (p.column == best->columns[eq] && p.op == "=") { match = &p; break; }
    }
    if (!match) break;
    get.index_eq.push_back(match->value->Copy());
  }
  if (eq < best->columns.size() && !best->descending[eq]) {
    for (const auto& p : preds) {
      if (p.column != best->columns[eq] || p.op == "=") continue;
      if ((p.op == ">" || p.op == ">=") && !get.index_lower) {
        get.index_lower = p.value->Copy();
        get.lower_inclusive = p.op == ">=";
      } else if ((p.op == "<" || p.op == "<=") && !get.index_upper) {
        get.index_upper = p.value->Copy();
        get.upper_inclusive = p.op == "<=";
      }
    }
  }
}

}  // namespace

void SelectIndexes(LogicalOperator& plan) {
  CheckStackDepth();
  if (plan.type == LogicalOpType::kGet) ChooseIndex(static_cast<LogicalGet&>(plan));
  for (auto& c : plan.children) SelectIndexes(*c);
}

const IndexEntry* MatchJoinIndex(const LogicalGet& get, const std::vector<BoundExprPtr>& conditions,
                                 const std::vector<ColumnBinding>& other, std::vector<const BoundExpr*>* values) {
  auto over_other = [&](const BoundExpr& e) {
    std::vector<uint32_t> tables;
    CollectTables(e, &tables);
    if (tables.empty()) return false;
    for (uint32_t t : tables) {
      bool found = false;
      for (const auto& b : other) found = found || b.table == t;
      if (!found) return false;
    }
    return true;
  };
  std::map<uint32_t, const BoundExpr*> equated;  // table column -> the other side's expression
  for (const auto& cond : conditions) {
    if (cond->kind != BoundExprKind::kFunction || cond->function->name != "=" || cond->children.size() != 2) continue;
    for (int side = 0; side < 2; side++) {
      const BoundExpr& col = *cond->children[side];
      const BoundExpr& value = *cond->children[1 - side];
      if (col.kind != BoundExprKind::kColumnRef || col.binding.table != get.table_index) continue;
      if (col.binding.column >= get.table->columns.size() || !over_other(value)) continue;
      if (!IndexKeyCompatible(get.table->columns[col.binding.column].type, value.type)) continue;
      equated.emplace(col.binding.column, &value);
    }
  }
  const IndexEntry* best = nullptr;
  size_t best_len = 0;
  for (const auto& index : get.table->indexes) {
    size_t len = 0;
    while (len < index.columns.size() && equated.count(index.columns[len])) len++;
    bool unique = index.unique || index.primary;
    bool better = len > best_len || (len == best_len && len > 0 && unique && !(best->unique || best->primary));
    if (better) {
      best = &index;
      best_len = len;
    }
  }
  values->clear();
  for (size_t i = 0; i < best_len; i++) values->push_back(equated[best->columns[i]]);
  return best;
}

}  // namespace kanto
