#include "execution/expression_executor.hpp"

#include <algorithm>

#include "common/stack_depth.hpp"
#include "execution/physical_operator.hpp"
#include "kanto/error.hpp"
#include "planner/logical_operator.hpp"
#include "types/array.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {

#define NOINLINE __attribute__((noinline))

void Eval(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out);

// Column refs are read in place; everything else is computed into `scratch`.
const Vector& EvalRef(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& scratch) {
  if (expr.kind == BoundExprKind::kColumnRef) return input.column(expr.index);
  Eval(expr, ctx, input, scratch);
  return scratch;
}

NOINLINE void FillConstant(const Value& v, const LogicalType& type, size_t n, Vector& out) {
  out = Vector(type);
  out.Resize(n);
  if (v.is_null()) return;
  for (size_t i = 0; i < n; i++) out.SetValue(i, v);
}

// Evaluates `expr` on the rows `rows` of `input` only; the result has rows.size() entries.
void MarkColumns(const BoundExpr& e, std::vector<uint8_t>* needed) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumnRef && e.index < needed->size()) (*needed)[e.index] = 1;
  for (const auto& c : e.children) MarkColumns(*c, needed);
  if (e.filter) MarkColumns(*e.filter, needed);
}

// Evaluates `expr` on some rows of `input`: only the columns it reads are copied.
void EvalOnRows(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input,
                const std::vector<uint32_t>& rows, Vector& out) {
  if (rows.size() == input.size()) {
    Eval(expr, ctx, input, out);
    return;
  }
  std::vector<uint8_t> needed(input.column_count(), 0);
  MarkColumns(expr, &needed);
  DataChunk sub;
  sub.columns().reserve(input.column_count());
  for (size_t c = 0; c < input.column_count(); c++) {
    const Vector& from = input.column(c);
    Vector v(from.type());
    if (needed[c]) {
      v.Reserve(rows.size());
      for (uint32_t r : rows) v.AppendFrom(from, r);
    }
    sub.columns().push_back(std::move(v));
  }
  sub.set_size(rows.size());
  Eval(expr, ctx, sub, out);
}

// Result of a boolean vector at row i: 0 false, 1 true, 2 NULL.
inline int Tri(const Vector& v, size_t i) { return v.IsNull(i) ? 2 : (v.ints()[i] != 0 ? 1 : 0); }

// The call itself once the arguments are there (apart, so EvalFunction's frame stays small).
NOINLINE void CallFunction(const BoundExpr& expr, ExecutionContext& ctx, const std::vector<const Vector*>& args, size_t n,
                           Vector& out) {
  out = Vector(expr.type);
  out.Resize(n);
  if (expr.function->strict) {
    auto& nulls = out.nulls();
    for (size_t r = 0; r < n; r++) {
      uint8_t null = 0;
      for (const Vector* a : args) null |= a->nulls()[r];
      nulls[r] = null;
    }
  }
  expr.function->kernel(args, n, out, ctx.fn);
  out.set_type(expr.type);
}

NOINLINE void EvalFunction(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  std::vector<Vector> scratch(expr.children.size());
  std::vector<const Vector*> args;
  args.reserve(expr.children.size());
  for (size_t i = 0; i < expr.children.size(); i++) {
    args.push_back(&EvalRef(*expr.children[i], ctx, input, scratch[i]));
  }
  CallFunction(expr, ctx, args, input.size(), out);
}

NOINLINE void EvalLogical(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  bool is_and = expr.kind == BoundExprKind::kAnd;
  size_t n = input.size();
  // state: 0 false, 1 true, 2 null. AND starts true, OR starts false.
  std::vector<uint8_t> state(n, is_and ? 1 : 0);
  std::vector<uint32_t> pending(n);
  for (size_t i = 0; i < n; i++) pending[i] = static_cast<uint32_t>(i);
  for (const auto& child : expr.children) {
    if (pending.empty()) break;
    Vector v;
    EvalOnRows(*child, ctx, input, pending, v);
    std::vector<uint32_t> next;
    next.reserve(pending.size());
    for (size_t k = 0; k < pending.size(); k++) {
      uint32_t row = pending[k];
      int t = Tri(v, k);
      if (is_and) {
        if (t == 0) { state[row] = 0; continue; }  // decided false
        if (t == 2) state[row] = 2;
      } else {
        if (t == 1) { state[row] = 1; continue; }  // decided true
        if (t == 2) state[row] = 2;
      }
      next.push_back(row);
    }
    pending = std::move(next);
  }
  out = Vector(LogicalType(TypeId::kBool));
  out.Resize(n);
  for (size_t i = 0; i < n; i++) {
    if (state[i] == 2) continue;
    out.SetNull(i, false);
    out.ints()[i] = state[i];
  }
}

NOINLINE void EvalCase(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  out = Vector(expr.type);
  out.Resize(n);
  std::vector<uint32_t> pending(n);
  for (size_t i = 0; i < n; i++) pending[i] = static_cast<uint32_t>(i);
  size_t i = 0;
  for (; i + 1 < expr.children.size() && !pending.empty(); i += 2) {
    Vector cond;
    EvalOnRows(*expr.children[i], ctx, input, pending, cond);
    std::vector<uint32_t> hit, miss;
    for (size_t k = 0; k < pending.size(); k++) {
      (Tri(cond, k) == 1 ? hit : miss).push_back(pending[k]);
    }
    if (!hit.empty()) {
      Vector then;
      EvalOnRows(*expr.children[i + 1], ctx, input, hit, then);
      for (size_t k = 0; k < hit.size(); k++) out.SetValue(hit[k], then.GetValue(k));
    }
    pending = std::move(miss);
  }
  if (i < expr.children.size() && !pending.empty()) {
    Vector other;
    EvalOnRows(*expr.children[i], ctx, input, pending, other);
    for (size_t k = 0; k < pending.size(); k++) out.SetValue(pending[k], other.GetValue(k));
  }
}

NOINLINE void EvalCoalesce(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  out = Vector(expr.type);
  out.Resize(n);
  std::vector<uint32_t> pending(n);
  for (size_t i = 0; i < n; i++) pending[i] = static_cast<uint32_t>(i);
  for (const auto& child : expr.children) {
    if (pending.empty()) break;
    Vector v;
    EvalOnRows(*child, ctx, input, pending, v);
    std::vector<uint32_t> still;
    for (size_t k = 0; k < pending.size(); k++) {
      if (v.IsNull(k)) {
        still.push_back(pending[k]);
      } else {
        out.SetValue(pending[k], v.GetValue(k));
      }
    }
    pending = std::move(still);
  }
}

void EvalBool(size_t n, Vector& out) {
  out = Vector(LogicalType(TypeId::kBool));
  out.Resize(n);
}

void SetBool(Vector& out, size_t i, bool b) {
  out.SetNull(i, false);
  out.ints()[i] = b ? 1 : 0;
}

// Runs a subquery's plan with the given outer values. Collects the first column of at most
// `limit` rows (0: all rows).
std::vector<Value> RunSubquery(const BoundExpr& expr, ExecutionContext& ctx, const std::vector<Value>& outer,
                               size_t limit) {
  const PhysicalOperator& plan = *expr.subquery->physical;
  ExecutionContext sub = ctx;
  sub.outer = &outer;
  sub.analyze = false;
  auto state = plan.InitState(sub);
  std::vector<Value> out;
  DataChunk chunk;
  while (plan.Pull(sub, *state, chunk)) {
    for (size_t r = 0; r < chunk.size(); r++) {
      out.push_back(chunk.column_count() ? chunk.column(0).GetValue(r) : Value::Bool(true));
      if (limit && out.size() >= limit) return out;
    }
  }
  return out;
}

bool CompareOp(const std::string& op, int c) {
  if (op == "=") return c == 0;
  if (op == "<>") return c != 0;
  if (op == "<") return c < 0;
  if (op == "<=") return c <= 0;
  if (op == ">") return c > 0;
  return c >= 0;
}

NOINLINE void EvalSubquery(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  std::vector<Vector> outer_vecs(expr.outer_count);
  for (uint32_t k = 0; k < expr.outer_count; k++) Eval(*expr.children[k], ctx, input, outer_vecs[k]);
  Vector test;
  bool quantified = expr.subquery_type == 2 || expr.subquery_type == 3;
  if (quantified) Eval(*expr.children.back(), ctx, input, test);
  out = Vector(expr.type);
  out.Resize(n);
  // Scalar needs two rows to detect "more than one row"; EXISTS needs one.
  size_t limit = expr.subquery_type == 0 ? 2 : expr.subquery_type == 1 ? 1 : 0;
  std::vector<Value> outer(expr.outer_count);
  for (size_t i = 0; i < n; i++) {
    ctx.CheckCancel();
    std::vector<Value> rows;
    if (expr.outer_count == 0) {
      auto& cache = *ctx.subquery_cache;
      auto it = cache.find(&expr);
      if (it == cache.end()) it = cache.emplace(&expr, RunSubquery(expr, ctx, outer, limit)).first;
      rows = it->second;
    } else {
      for (uint32_t k = 0; k < expr.outer_count; k++) outer[k] = outer_vecs[k].GetValue(i);
      rows = RunSubquery(expr, ctx, outer, limit);
    }
    switch (expr.subquery_type) {
      case 0:
        if (rows.size() > 1) {
          throw Error(sqlstate::kCardinalityViolation, "more than one row returned by a subquery used as an expression");
        }
        if (!rows.empty()) out.SetValue(i, rows[0]);
        break;
      case 1:
        out.SetValue(i, Value::Bool(!rows.empty()));
        break;
      case 4: {
        LogicalType element = expr.type.ElementType();
        for (auto& v : rows) v.set_type(element);
        out.SetValue(i, MakeArrayValue(expr.type, rows));
        break;
      }
      default: {
        bool any = expr.subquery_type == 2;
        if (rows.empty()) {
          out.SetValue(i, Value::Bool(!any));
          break;
        }
        if (test.IsNull(i)) break;  // NULL
        Value probe = test.GetValue(i);
        bool saw_null = false, decided = false;
        for (const auto& v : rows) {
          if (v.is_null()) {
            saw_null = true;
            continue;
          }
          bool r = CompareOp(expr.name, CompareValues(probe, v));
          if (any && r) {
            out.SetValue(i, Value::Bool(true));
            decided = true;
            break;
          }
          if (!any && !r) {
            out.SetValue(i, Value::Bool(false));
            decided = true;
            break;
          }
        }
        if (!decided && !saw_null) out.SetValue(i, Value::Bool(!any));
        break;
      }
    }
  }
}

[[noreturn]] NOINLINE void EvalMisplaced(const BoundExpr& expr) {
  if (expr.kind == BoundExprKind::kAggregate) {
    throw Error(sqlstate::kInternalError, "aggregate evaluated outside of an aggregation");
  }
  throw Error(sqlstate::kInternalError, "window function evaluated outside of a window operator");
}

NOINLINE void EvalParam(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  if (!ctx.params || expr.param >= ctx.params->size()) {
    throw Error(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(expr.param + 1));
  }
  FillConstant((*ctx.params)[expr.param], expr.type, n, out);
}

NOINLINE void EvalCast(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  Vector scratch;
  const Vector& in = EvalRef(*expr.children[0], ctx, input, scratch);
  CastVector(in, expr.type, out, expr.cast_context, ctx.fn);
}

NOINLINE void EvalNot(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  Vector scratch;
  const Vector& in = EvalRef(*expr.children[0], ctx, input, scratch);
  EvalBool(n, out);
  for (size_t i = 0; i < n; i++) {
    if (!in.IsNull(i)) SetBool(out, i, in.ints()[i] == 0);
  }
}

NOINLINE void EvalNullTest(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  Vector scratch;
  const Vector& in = EvalRef(*expr.children[0], ctx, input, scratch);
  EvalBool(n, out);
  bool want_null = expr.kind == BoundExprKind::kIsNull;
  for (size_t i = 0; i < n; i++) SetBool(out, i, in.IsNull(i) == want_null);
}

NOINLINE void EvalBooleanTest(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  Vector scratch;
  const Vector& in = EvalRef(*expr.children[0], ctx, input, scratch);
  EvalBool(n, out);
  for (size_t i = 0; i < n; i++) {
    int t = Tri(in, i);
    bool r = false;
    switch (expr.test) {
      case 0: r = t == 1; break;
      case 1: r = t != 1; break;
      case 2: r = t == 0; break;
      case 3: r = t != 0; break;
      case 4: r = t == 2; break;
      default: r = t != 2; break;
    }
    SetBool(out, i, r);
  }
}

NOINLINE void EvalNullIf(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  Vector s0, s1;
  const Vector& a = EvalRef(*expr.children[0], ctx, input, s0);
  const Vector& b = EvalRef(*expr.children[1], ctx, input, s1);
  out = a;
  out.set_type(expr.type);
  for (size_t i = 0; i < n; i++) {
    if (!a.IsNull(i) && !b.IsNull(i) && CompareVectorValues(a, i, b, i) == 0) out.SetNull(i);
  }
}

NOINLINE void EvalMinMax(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  bool greatest = expr.kind == BoundExprKind::kGreatest;
  std::vector<Vector> scratch(expr.children.size());
  std::vector<const Vector*> vs;
  for (size_t c = 0; c < expr.children.size(); c++) vs.push_back(&EvalRef(*expr.children[c], ctx, input, scratch[c]));
  out = Vector(expr.type);
  out.Resize(n);
  for (size_t i = 0; i < n; i++) {
    const Vector* best = nullptr;
    for (const Vector* v : vs) {
      if (v->IsNull(i)) continue;
      if (!best) { best = v; continue; }
      int c = CompareVectorValues(*v, i, *best, i);
      if (greatest ? c > 0 : c < 0) best = v;
    }
    if (best) out.SetValue(i, best->GetValue(i));
  }
}

NOINLINE void EvalDistinctFrom(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  Vector s0, s1;
  const Vector& a = EvalRef(*expr.children[0], ctx, input, s0);
  const Vector& b = EvalRef(*expr.children[1], ctx, input, s1);
  EvalBool(n, out);
  for (size_t i = 0; i < n; i++) {
    bool distinct;
    if (a.IsNull(i) || b.IsNull(i)) {
      distinct = a.IsNull(i) != b.IsNull(i);
    } else {
      distinct = CompareVectorValues(a, i, b, i) != 0;
    }
    SetBool(out, i, expr.negated ? !distinct : distinct);
  }
}

// `x IN (c1, ..., cN)` with a long list of constants: the constants are sorted once per chunk and
// each row's value is found by binary search, instead of every item being expanded to a vector and
// compared with every row (10,000 constants over a table cost 10,000 vectors per chunk).
constexpr size_t kSortedInListMin = 16;

bool IsConstantList(const BoundExpr& expr) {
  if (expr.children.size() <= kSortedInListMin) return false;
  for (size_t c = 1; c < expr.children.size(); c++) {
    if (expr.children[c]->kind != BoundExprKind::kConstant) return false;
  }
  return true;
}

void EvalInConstantList(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  Vector scratch;
  const Vector& probe = EvalRef(*expr.children[0], ctx, input, scratch);
  std::vector<const Value*> items;
  bool list_has_null = false;
  for (size_t c = 1; c < expr.children.size(); c++) {
    const Value& v = expr.children[c]->value;
    if (v.is_null()) {
      list_has_null = true;
    } else {
      items.push_back(&v);
    }
  }
  auto less = [](const Value* a, const Value* b) { return CompareValues(*a, *b) < 0; };
  std::sort(items.begin(), items.end(), less);
  EvalBool(n, out);
  for (size_t i = 0; i < n; i++) {
    if (probe.IsNull(i)) continue;
    Value v = probe.GetValue(i);
    if (std::binary_search(items.begin(), items.end(), &v, less)) {
      SetBool(out, i, !expr.negated);
    } else if (!list_has_null) {
      SetBool(out, i, expr.negated);
    }
  }
}

NOINLINE void EvalInList(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  if (IsConstantList(expr)) return EvalInConstantList(expr, ctx, input, out);
  size_t n = input.size();
  std::vector<Vector> scratch(expr.children.size());
  std::vector<const Vector*> vs;
  for (size_t c = 0; c < expr.children.size(); c++) vs.push_back(&EvalRef(*expr.children[c], ctx, input, scratch[c]));
  EvalBool(n, out);
  const Vector& probe = *vs[0];
  for (size_t i = 0; i < n; i++) {
    if (probe.IsNull(i)) continue;
    bool found = false, saw_null = false;
    for (size_t c = 1; c < vs.size() && !found; c++) {
      if (vs[c]->IsNull(i)) {
        saw_null = true;
      } else if (CompareVectorValues(probe, i, *vs[c], i) == 0) {
        found = true;
      }
    }
    if (found) {
      SetBool(out, i, !expr.negated);
    } else if (!saw_null) {
      SetBool(out, i, expr.negated);
    }
  }
}

NOINLINE void EvalOuterRef(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  size_t n = input.size();
  if (!ctx.outer || expr.param >= ctx.outer->size()) {
    throw Error(sqlstate::kInternalError, "outer reference evaluated outside of its subquery");
  }
  FillConstant((*ctx.outer)[expr.param], expr.type, n, out);
}

void Eval(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  // Kept to a small frame: a deep expression recurses through here once per level, and the
  // work of each kind (with its scratch vectors) lives in a function of its own.
  CheckStackDepth();
  switch (expr.kind) {
    case BoundExprKind::kConstant:
      FillConstant(expr.value, expr.type, input.size(), out);
      return;
    case BoundExprKind::kColumnRef:
      out = input.column(expr.index);
      return;
    case BoundExprKind::kParam:
      return EvalParam(expr, ctx, input, out);
    case BoundExprKind::kFunction:
      EvalFunction(expr, ctx, input, out);
      return;
    case BoundExprKind::kCast:
      return EvalCast(expr, ctx, input, out);
    case BoundExprKind::kCase:
      EvalCase(expr, ctx, input, out);
      return;
    case BoundExprKind::kAnd:
    case BoundExprKind::kOr:
      EvalLogical(expr, ctx, input, out);
      return;
    case BoundExprKind::kNot:
      return EvalNot(expr, ctx, input, out);
    case BoundExprKind::kIsNull:
    case BoundExprKind::kIsNotNull:
      return EvalNullTest(expr, ctx, input, out);
    case BoundExprKind::kBooleanTest:
      return EvalBooleanTest(expr, ctx, input, out);
    case BoundExprKind::kCoalesce:
      EvalCoalesce(expr, ctx, input, out);
      return;
    case BoundExprKind::kNullIf:
      return EvalNullIf(expr, ctx, input, out);
    case BoundExprKind::kGreatest:
    case BoundExprKind::kLeast:
      return EvalMinMax(expr, ctx, input, out);
    case BoundExprKind::kDistinctFrom:
      return EvalDistinctFrom(expr, ctx, input, out);
    case BoundExprKind::kInList:
      return EvalInList(expr, ctx, input, out);
    case BoundExprKind::kAggregate:
    case BoundExprKind::kWindow:
      return EvalMisplaced(expr);
    case BoundExprKind::kSubquery:
      EvalSubquery(expr, ctx, input, out);
      return;
    case BoundExprKind::kOuterRef:
      return EvalOuterRef(expr, ctx, input, out);
  }
}

}  // namespace

void ExpressionExecutor::Evaluate(const BoundExpr& expr, ExecutionContext& ctx, const DataChunk& input, Vector& out) {
  Eval(expr, ctx, input, out);
}

std::vector<uint32_t> ExpressionExecutor::Select(const BoundExpr& predicate, ExecutionContext& ctx,
                                                 const DataChunk& input) {
  Vector scratch;
  const Vector& v = EvalRef(predicate, ctx, input, scratch);
  std::vector<uint32_t> sel;
  sel.reserve(input.size());
  for (size_t i = 0; i < input.size(); i++) {
    if (!v.IsNull(i) && v.ints()[i] != 0) sel.push_back(static_cast<uint32_t>(i));
  }
  return sel;
}

namespace {
// A constant or parameter as EvaluateScalar's one-row vector would give it back (the payload of
// `type`'s physical kind, typed `type`), without the vector: the VALUES row of a prepared INSERT
// and the key of a point select are made of these (docs/performance.md, bench/embedded cause 9).
// False when the value's kind differs from the type's (the vector path decides what that means).
bool ScalarOf(const Value& v, const LogicalType& type, Value* out) {
  if (v.is_null()) {
    *out = Value::Null(type);
    return true;
  }
  PhysicalType physical = type.physical();
  if (v.type().physical() != physical) return false;
  switch (physical) {
    case PhysicalType::kInt64: *out = Value::FromInt(type, v.int_value()); return true;
    case PhysicalType::kDouble: *out = Value::FromDouble(type, v.double_value()); return true;
    case PhysicalType::kNumeric: *out = Value::FromNumeric(v.numeric_value(), type); return true;
    case PhysicalType::kString:
    case PhysicalType::kInterval:
      *out = v;  // a long string stays shared
      out->set_type(type);
      return true;
  }
  return false;
}
}  // namespace

Value ExpressionExecutor::EvaluateScalar(const BoundExpr& expr, ExecutionContext& ctx) {
  Value direct;
  if (expr.kind == BoundExprKind::kConstant && ScalarOf(expr.value, expr.type, &direct)) return direct;
  if (expr.kind == BoundExprKind::kParam && ctx.params && expr.param < ctx.params->size() &&
      ScalarOf((*ctx.params)[expr.param], expr.type, &direct)) {
    return direct;
  }
  DataChunk one;
  one.set_size(1);
  Vector out;
  Eval(expr, ctx, one, out);
  return out.TakeValue(0);
}

}  // namespace kanto
