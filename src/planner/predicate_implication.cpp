#include "planner/predicate_implication.hpp"

#include "common/stack_depth.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {
void Conjuncts(const BoundExpr& e, std::vector<const BoundExpr*>* out) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kAnd) {
    for (const auto& c : e.children) Conjuncts(*c, out);
  } else {
    out->push_back(&e);
  }
}

bool IsComparison(const std::string& op) {
  return op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=";
}

// `e` as `subject op constant` (either side), the constant non-NULL.
struct Comparison {
  const BoundExpr* subject = nullptr;
  std::string op;
  const Value* constant = nullptr;
};
bool AsComparison(const BoundExpr& e, Comparison* out) {
  if (e.kind != BoundExprKind::kFunction || !e.function || e.children.size() != 2 || !IsComparison(e.function->name)) {
    return false;
  }
  for (int side = 0; side < 2; side++) {
    const BoundExpr& value = *e.children[1 - side];
    if (value.kind != BoundExprKind::kConstant || value.value.is_null()) continue;
    out->subject = e.children[side].get();
    out->op = side == 0 ? e.function->name : FlippedComparison(e.function->name);
    out->constant = &value.value;
    return true;
  }
  return false;
}

// Whether x `op` holds for `cmp` (the sign of comparing x's constant with the other).
bool Holds(const std::string& op, int cmp) {
  if (op == "=") return cmp == 0;
  if (op == "<>") return cmp != 0;
  if (op == "<") return cmp < 0;
  if (op == "<=") return cmp <= 0;
  if (op == ">") return cmp > 0;
  return cmp >= 0;
}

// Whether `x fop f` implies `x pop p` (cmp: f compared with p).
bool ComparisonImplies(const std::string& fop, const std::string& pop, int cmp) {
  if (fop == "=") return Holds(pop, cmp);
  if (fop == "<>") return pop == "<>" && cmp == 0;
  bool above = fop == ">" || fop == ">=";
  bool strict = fop == ">" || fop == "<";
  if (pop == "<>") return above ? (strict ? cmp >= 0 : cmp > 0) : (strict ? cmp <= 0 : cmp < 0);
  if (pop == "=" || (pop == ">" || pop == ">=") != above) return false;
  bool pstrict = pop == ">" || pop == "<";
  // x > f or x >= f implies x > p when f >= p (strict filter) or f > p; x >= p when f >= p.
  int dir = above ? cmp : -cmp;
  return pstrict && !strict ? dir > 0 : dir >= 0;
}

bool ConjunctImplied(const BoundExpr& conjunct, const std::vector<BoundExprPtr>& filters) {
  Comparison want;
  bool comparison = AsComparison(conjunct, &want);
  const BoundExpr* not_null = conjunct.kind == BoundExprKind::kIsNotNull ? conjunct.children[0].get() : nullptr;
  for (const auto& f : filters) {
    if (f->Equals(conjunct)) return true;
    Comparison have;
    if (!AsComparison(*f, &have)) continue;
    // A strict comparison is true only when its operands are not NULL.
    if (not_null && have.subject->Equals(*not_null) && f->function->strict) return true;
    if (!comparison || !have.subject->Equals(*want.subject)) continue;
    if (have.constant->type().id != want.constant->type().id) continue;
    if (ComparisonImplies(have.op, want.op, CompareValues(*have.constant, *want.constant))) return true;
  }
  return false;
}
}  // namespace

std::string FlippedComparison(const std::string& op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  return op;
}

bool PredicateImplied(const BoundExpr& predicate, const std::vector<BoundExprPtr>& filters) {
  std::vector<const BoundExpr*> conjuncts;
  Conjuncts(predicate, &conjuncts);
  for (const BoundExpr* c : conjuncts) {
    if (!ConjunctImplied(*c, filters)) return false;
  }
  return true;
}

}  // namespace kanto
