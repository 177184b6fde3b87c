// Set-returning functions outside FROM, as PostgreSQL's ProjectSet runs them (see project_set.hpp):
// each call is a function in FROM joined LATERAL to the rows it runs for, its arguments passed as
// outer values; several calls of one level run in lock-step (numbered WITH ORDINALITY and FULL
// JOINed on that number), so row n holds each call's n-th value, NULL for a call that has fewer;
// no row for a row whose calls all return nothing.
#include "planner/project_set.hpp"

#include <algorithm>
#include <functional>

#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "planner/bind_context.hpp"
#include "planner/binder.hpp"
#include "planner/expr_binder.hpp"
#include "planner/set_returning_functions.hpp"
#include "planner/type_resolution.hpp"
#include "types/record.hpp"

namespace kanto {

namespace {

bool IsSrfName(const ast::FuncCall& f) {
  if (f.name.empty()) return false;
  if (f.name.size() > 1 && f.name[0] != "pg_catalog" && !(f.name[0] == "information_schema" && f.name.back() == "_pg_expandarray")) {
    return false;
  }
  return IsSetReturningFunction(f.name.back());
}

// Collects the calls in `e` through the expressions PostgreSQL evaluates once per produced row
// (function arguments, operators, casts, tests, NULLIF, GREATEST/LEAST, ARRAY[], subscripts, ANY/ALL;
// not into subqueries nor window calls). Where PostgreSQL refuses a set-returning argument (CASE,
// COALESCE, AND / OR / NOT, IN, BETWEEN, IS TRUE ...) it throws PostgreSQL's error.
void CollectSrfCalls(const ast::Expr* e, std::vector<const ast::FuncCall*>* out) {
  if (!e) return;
  CheckStackDepth();
  if (e->kind == ast::ExprKind::kOp) {
    // An operator chain (a + b + ..., thousands of terms) is walked down its left spine without
    // recursion; the operands are visited left to right, as the recursion would.
    std::vector<const ast::Expr*> rights;
    while (e && e->kind == ast::ExprKind::kOp) {
      const auto& o = static_cast<const ast::OpExpr&>(*e);
      rights.push_back(o.right.get());
      e = o.left.get();
    }
    CollectSrfCalls(e, out);
    for (auto it = rights.rbegin(); it != rights.rend(); ++it) CollectSrfCalls(*it, out);
    return;
  }
  std::vector<const ast::Expr*> kids;
  const char* state = nullptr;  // the SQLSTATE and message when a kid returns a set
  std::string refusal;
  auto add = [&](const ast::ExprList& list) {
    for (const auto& x : list) kids.push_back(x.get());
  };
  switch (e->kind) {
    case ast::ExprKind::kFuncCall: {
      const auto& f = static_cast<const ast::FuncCall&>(*e);
      if (f.over) return;
      if (IsSrfName(f)) out->push_back(&f);
      add(f.args);
      break;
    }
    case ast::ExprKind::kOp: {
      const auto& o = static_cast<const ast::OpExpr&>(*e);
      kids = {o.left.get(), o.right.get()};
      break;
    }
    case ast::ExprKind::kCast: kids = {static_cast<const ast::CastExpr&>(*e).arg.get()}; break;
    case ast::ExprKind::kCollate: kids = {static_cast<const ast::CollateExpr&>(*e).arg.get()}; break;
    case ast::ExprKind::kNullTest: kids = {static_cast<const ast::NullTest&>(*e).arg.get()}; break;
    case ast::ExprKind::kBooleanTest: {
      static const char* kTests[] = {"IS TRUE", "IS NOT TRUE", "IS FALSE", "IS NOT FALSE", "IS UNKNOWN", "IS NOT UNKNOWN"};
      const auto& b = static_cast<const ast::BooleanTest&>(*e);
      kids = {b.arg.get()};
      state = sqlstate::kDatatypeMismatch;
      refusal = std::string("argument of ") + kTests[static_cast<int>(b.type)] + " must not return a set";
      break;
    }
    case ast::ExprKind::kDistinctFrom: {
      const auto& d = static_cast<const ast::DistinctFrom&>(*e);
      kids = {d.left.get(), d.right.get()};
      break;
    }
    case ast::ExprKind::kNullIf: {
      const auto& n = static_cast<const ast::NullIfExpr&>(*e);
      kids = {n.left.get(), n.right.get()};
      break;
    }
    case ast::ExprKind::kMinMax: add(static_cast<const ast::MinMaxExpr&>(*e).args); break;
    case ast::ExprKind::kArray: add(static_cast<const ast::ArrayExpr&>(*e).elements); break;
    case ast::ExprKind::kRow: add(static_cast<const ast::RowExpr&>(*e).args); break;
    case ast::ExprKind::kFieldSelect: kids = {static_cast<const ast::FieldSelect&>(*e).arg.get()}; break;
    case ast::ExprKind::kSubscript: {
      const auto& s = static_cast<const ast::Subscript&>(*e);
      kids = {s.arg.get(), s.lower.get(), s.upper.get()};
      break;
    }
    case ast::ExprKind::kAnyAllArray: {
      const auto& a = static_cast<const ast::AnyAllArray&>(*e);
      kids = {a.left.get(), a.right.get()};
      break;
    }
    case ast::ExprKind::kCase: {
      const auto& c = static_cast<const ast::CaseExpr&>(*e);
      kids = {c.arg.get(), c.else_result.get()};
      for (const auto& w : c.whens) {
        kids.push_back(w.when.get());
        kids.push_back(w.then.get());
      }
      state = sqlstate::kFeatureNotSupported;
      refusal = "set-returning functions are not allowed in CASE";
      break;
    }
    case ast::ExprKind::kCoalesce:
      add(static_cast<const ast::CoalesceExpr&>(*e).args);
      state = sqlstate::kFeatureNotSupported;
      refusal = "set-returning functions are not allowed in COALESCE";
      break;
    case ast::ExprKind::kBool: {
      const auto& b = static_cast<const ast::BoolExpr&>(*e);
      add(b.args);
      state = sqlstate::kDatatypeMismatch;
      refusal = std::string("argument of ") +
                (b.type == ast::BoolExpr::Type::kAnd ? "AND" : b.type == ast::BoolExpr::Type::kOr ? "OR" : "NOT") +
                " must not return a set";
      break;
    }
    case ast::ExprKind::kInList: {
      const auto& in = static_cast<const ast::InList&>(*e);
      kids = {in.arg.get()};
      add(in.list);
      state = sqlstate::kDatatypeMismatch;
      refusal = "argument of IN must not return a set";
      break;
    }
    case ast::ExprKind::kBetween: {  // PostgreSQL's AND of two comparisons (OR, for NOT BETWEEN)
      const auto& b = static_cast<const ast::Between&>(*e);
      kids = {b.arg.get(), b.low.get(), b.high.get()};
      state = sqlstate::kDatatypeMismatch;
      refusal = std::string("argument of ") + (b.negated ? "OR" : "AND") + " must not return a set";
      break;
    }
    default: return;
  }
  size_t before = out->size();
  for (const ast::Expr* k : kids) CollectSrfCalls(k, out);
  if (state && out->size() > before) {
    Error err(state, refusal);
    if (std::string(state) == sqlstate::kFeatureNotSupported) {
      err.WithHint("You might be able to move the set-returning function into a LATERAL FROM item.");
    }
    throw At(std::move(err), (*out)[before]->location);
  }
}

bool HasVolatileFunction(const BoundExpr& e) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kFunction && e.function->is_volatile) return true;
  for (const auto& c : e.children) {
    if (HasVolatileFunction(*c)) return true;
  }
  return false;
}

// The value of a call in the expression that holds it: its column, or for a call of several
// columns (_pg_expandarray) the record of them.
BoundExprPtr SrfValue(const SrfCall& c) {
  if (c.type.id != TypeId::kRecord) return MakeColumnRef({c.table_index, 0}, c.type, c.name);
  const RecordType& rec = RecordTypeOf(c.type);
  std::vector<BoundExprPtr> fields;
  for (size_t i = 0; i < rec.fields.size(); i++) {
    fields.push_back(MakeColumnRef({c.table_index, static_cast<uint32_t>(i)}, rec.fields[i].type, rec.fields[i].name));
  }
  return MakeRow(std::move(fields), c.type);
}

}  // namespace

void CheckSrfPlacement(const ast::Expr* e) {
  std::vector<const ast::FuncCall*> calls;
  CollectSrfCalls(e, &calls);
}

BoundExprPtr Binder::CollectSetFunction(SrfCollector& srfs, const std::string& name, std::vector<BoundExprPtr> args,
                                        int location) {
  // The same call again (GROUP BY's in the select list, the select list's in ORDER BY or in a
  // window's PARTITION BY) is the same value, computed in the earlier of the two places (a call
  // over other calls' values stays where it is); not within the select list when an argument is
  // volatile (SrfCollector::share_volatile).
  bool is_volatile = false;
  for (const auto& a : args) is_volatile = is_volatile || HasVolatileFunction(*a);
  for (SrfCall& c : srfs.calls) {
    if (is_volatile && !srfs.share_volatile) break;
    bool same = c.name == name && c.args.size() == args.size();
    for (size_t i = 0; same && i < args.size(); i++) same = c.args[i]->Equals(*args[i]);
    if (same && c.phase > srfs.phase && c.level == 0) c.phase = srfs.phase;
    if (same && c.phase <= srfs.phase) return SrfValue(c);
  }
  SrfCall call;
  call.name = name;
  call.phase = srfs.phase;
  call.location = location;
  // Arguments that do not depend on the row stay in the function; the others become outer values.
  std::vector<BoundExprPtr> inner;
  for (auto& a : args) {
    call.args.push_back(a->Copy());
    if (a->IsConstant() || a->kind == BoundExprKind::kParam) {
      inner.push_back(std::move(a));
      continue;
    }
    auto ref = std::make_unique<BoundExpr>(BoundExprKind::kOuterRef, a->type);
    ref->param = static_cast<uint32_t>(call.params.size());
    ref->name = a->name;
    inner.push_back(std::move(ref));
    call.params.push_back(std::move(a));
  }
  call.function = BindSetFunction(name, std::move(inner), location);
  if ((name == "_pg_expandarray" || IsJsonSetFunction(name)) && call.function->types.size() == 2) {
    // Its value is the record of its two columns: (x, n), json_each's (key, value).
    RecordType rec;
    bool json = name != "_pg_expandarray";
    rec.fields = {{json ? "key" : "x", call.function->types[0]}, {json ? "value" : "n", call.function->types[1]}};
    call.type = RecordLogicalType(rec);
  } else if (call.function->types.size() != 1) {
    std::vector<LogicalType> types;
    for (const auto& a : call.args) types.push_back(a->type);
    throw At(Error(sqlstate::kUndefinedFunction, "function " + name + "(" + TypeListString(types) + ") does not exist")
                 .WithHint("No function matches the given name and argument types. You might need to add explicit "
                           "type casts."),
             location);
  }
  call.table_index = call.function->table_index;
  if (call.type.id != TypeId::kRecord) call.type = call.function->types[0];
  // One level above the calls whose values its arguments use.
  std::function<void(const BoundExpr&)> visit = [&](const BoundExpr& e) {
    if (e.kind == BoundExprKind::kColumnRef) {
      for (const SrfCall& c : srfs.calls) {
        if (c.table_index == e.binding.table) call.level = std::max(call.level, c.level + 1);
      }
    }
    for (const auto& k : e.children) visit(*k);
  };
  for (const auto& p : call.params) visit(*p);
  BoundExprPtr value = SrfValue(call);
  srfs.calls.push_back(std::move(call));
  return value;
}

LogicalOperatorPtr Binder::AddProjectSet(LogicalOperatorPtr plan, SrfCollector& srfs, SrfPhase phase) {
  int top = -1;
  for (const SrfCall& c : srfs.calls) {
    if (c.phase == phase) top = std::max(top, c.level);
  }
  for (int level = 0; level <= top; level++) {
    std::vector<SrfCall*> calls;
    for (SrfCall& c : srfs.calls) {
      if (c.phase == phase && c.level == level && c.function) calls.push_back(&c);
    }
    if (calls.empty()) continue;
    std::vector<BoundExprPtr> params;
    LogicalOperatorPtr functions;
    BoundExprPtr ordinal;
    for (SrfCall* c : calls) {
      std::unique_ptr<LogicalTableFunction> fn = std::move(c->function);
      uint32_t offset = static_cast<uint32_t>(params.size());
      for (auto& p : c->params) params.push_back(std::move(p));
      if (calls.size() == 1) {
        functions = std::move(fn);
        break;
      }
      fn->ordinality = true;
      fn->types.push_back(LogicalType(TypeId::kInt8));
      ZipFunction(&functions, &ordinal, std::move(fn), offset, c->location);
    }
    // Calls over constants take one unused outer value all the same: the join stays LATERAL, so
    // each row's values follow it in order and the calls run once per row (as ProjectSet does).
    if (params.empty()) params.push_back(MakeConstant(Value::Bool(true)));
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = JoinType::kInner;
    join->lateral_params = std::move(params);
    join->project_set = true;
    join->children.push_back(std::move(plan));
    join->children.push_back(std::move(functions));
    plan = std::move(join);
  }
  return plan;
}

}  // namespace kanto
