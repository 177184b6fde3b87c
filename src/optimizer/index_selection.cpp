// Chooses an index for each table scan: equality predicates on a prefix of the index key (columns,
// or expressions written as in the index), optionally followed by a range on the next part. A
// partial index qualifies only when the scan's filters imply its predicate. The predicates stay as
// filters too, so the index only narrows what is read.
#include <map>

#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "optimizer/index_predicate.hpp"
#include "optimizer/optimizer.hpp"

namespace kanto {

namespace {

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

// `subject op value` (either side) with `value` constant during the scan.
struct KeyPredicate {
  const BoundExpr* subject;
  std::string op;  // "=", "<", "<=", ">", ">="
  const BoundExpr* value;
};

bool Extract(const BoundExpr& e, std::vector<KeyPredicate>* out) {
  if (e.kind != BoundExprKind::kFunction || e.children.size() != 2) return false;
  const std::string& op = e.function->name;
  if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=") return false;
  bool found = false;
  for (int side = 0; side < 2; side++) {
    const BoundExpr& subject = *e.children[side];
    const BoundExpr& val = *e.children[1 - side];
    if (IsRowIndependent(subject) || !IsRowIndependent(val)) continue;
    out->push_back({&subject, side == 0 ? op : FlippedComparison(op), &val});
    found = true;
  }
  return found;
}

// An index considered for a scan, with its expressions and predicate bound over the scan.
struct Candidate {
  const IndexEntry* index = nullptr;
  ScanIndexExpressions bound;
  std::vector<const BoundExpr*> parts;  // per key part: its bound expression, or null for a column
  bool usable = true;                   // false: a partial index whose predicate the filters do not imply
};

Candidate Consider(const LogicalGet& get, const IndexEntry& index) {
  Candidate c;
  c.index = &index;
  if (index.computed()) {
    try {
      c.bound = BindIndexOverScan(get, index);
    } catch (const Error&) {
      c.usable = false;  // no longer binds over the table as it is: never chosen
      return c;
    }
    if (c.bound.predicate && !PredicateImplied(*c.bound.predicate, get.filters)) c.usable = false;
  }
  size_t next = 0;
  for (uint32_t col : index.columns) c.parts.push_back(col == IndexEntry::kExpression ? c.bound.expressions[next++].get() : nullptr);
  return c;
}

// Whether `p` constrains key part `i` of the candidate, with a value whose key encoding agrees.
bool PartMatches(const LogicalGet& get, const Candidate& c, size_t i, const KeyPredicate& p) {
  const BoundExpr* expr = c.parts[i];
  if (expr) return p.subject->Equals(*expr) && IndexKeyCompatible(expr->type, p.value->type);
  const BoundExpr& col = *p.subject;
  if (col.kind != BoundExprKind::kColumnRef || col.binding.table != get.table_index) return false;
  if (col.binding.column != c.index->columns[i] || col.binding.column >= get.table->columns.size()) return false;
  return IndexKeyCompatible(get.table->columns[col.binding.column].type, p.value->type);
}

// The leading key parts with an equality predicate, then the first predicate of each bound on the
// next part (null when none).
struct KeyMatch {
  std::vector<const KeyPredicate*> eq;
  const KeyPredicate* lower = nullptr;
  const KeyPredicate* upper = nullptr;
  bool range = false;  // some other comparison on the next part
};
KeyMatch MatchKey(const LogicalGet& get, const Candidate& c, const std::vector<KeyPredicate>& preds) {
  KeyMatch m;
  const IndexEntry& idx = *c.index;
  for (size_t eq = 0; eq < idx.columns.size(); eq++) {
    const KeyPredicate* match = nullptr;
    for (const auto& p : preds) {
      if (p.op == "=" && PartMatches(get, c, eq, p)) {
        match = &p;
        break;
      }
    }
    if (!match) break;
    m.eq.push_back(match);
  }
  size_t next = m.eq.size();
  if (next < idx.columns.size() && !idx.descending[next]) {
    for (const auto& p : preds) {
      if (p.op == "=" || !PartMatches(get, c, next, p)) continue;
      m.range = true;
      if ((p.op == ">" || p.op == ">=") && !m.lower) m.lower = &p;
      if ((p.op == "<" || p.op == "<=") && !m.upper) m.upper = &p;
    }
  }
  return m;
}

void ChooseIndex(LogicalGet& get) {
  if (get.sample) return;  // TABLESAMPLE samples a full scan of the rows (SYSTEM's blocks are runs of them)
  std::vector<KeyPredicate> preds;
  for (const auto& f : get.filters) Extract(*f, &preds);
  if (preds.empty()) return;
  int best_score = 0;
  const IndexEntry* best = nullptr;
  KeyMatch best_match;
  for (const auto& idx : get.table->indexes) {
    Candidate c = Consider(get, idx);
    if (!c.usable) continue;
    KeyMatch m = MatchKey(get, c, preds);
    int score = static_cast<int>(m.eq.size()) * 4 + (m.range ? 1 : 0);
    if (score == 0) continue;
    if (idx.primary) score += 2;  // no second lookup
    if (m.eq.size() == idx.columns.size() && idx.unique) score += 2;
    if (score > best_score) {
      best_score = score;
      best = &idx;
      best_match = m;
    }
  }
  if (!best) return;
  get.index = best;
  for (const KeyPredicate* p : best_match.eq) get.index_eq.push_back(p->value->Copy());
  if (best_match.lower) {
    get.index_lower = best_match.lower->value->Copy();
    get.lower_inclusive = best_match.lower->op == ">=";
  }
  if (best_match.upper) {
    get.index_upper = best_match.upper->value->Copy();
    get.upper_inclusive = best_match.upper->op == "<=";
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
    if (!index.predicate.empty()) continue;  // lacks the rows outside its predicate
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
