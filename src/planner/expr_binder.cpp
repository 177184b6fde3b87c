#include "planner/expr_binder.hpp"

#include <algorithm>
#include <climits>

#include "function/aggregate.hpp"
#include "function/routine_parameters.hpp"
#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "planner/plain_call.hpp"
#include "planner/set_returning_functions.hpp"
#include "planner/type_resolution.hpp"
#include "catalog/row_type.hpp"
#include "types/record.hpp"
#include "catalog/search_path.hpp"

namespace kanto {

namespace {
std::string LastName(const std::vector<std::string>& names) { return names.empty() ? "" : names.back(); }
}  // namespace

BoundExprPtr ExprBinder::Bind(const ast::Expr& expr) {
  CheckStackDepth();
  switch (expr.kind) {
    case ast::ExprKind::kColumnRef: {
      const auto& c = static_cast<const ast::ColumnRef&>(expr);
      if (c.star) {
        // t.* as a value (row_to_json(t.*)): the whole row of t.
        if (scope_ && c.names.size() == 1) {
          if (auto row = scope_->WholeRow(c.names[0])) return row;
        }
        throw At(Error(sqlstate::kFeatureNotSupported, "* is not allowed in this context"), c.location);
      }
      if (c.names.size() > 3) {
        throw At(Error(sqlstate::kSyntaxError, "improper qualified name (too many dotted names)"), c.location);
      }
      if (scope_) {
        if (auto local = scope_->Resolve(c.names, c.location, false)) return local;
        // A bare FROM item name is its whole row (SELECT t FROM t), after its columns.
        if (c.names.size() == 1) {
          if (auto row = scope_->WholeRow(c.names[0])) return row;
        }
      }
      if (binder_.correlation_) {
        if (auto outer = binder_.correlation_->Resolve(c.names, c.location)) return outer;
      }
      if (scope_) return scope_->Resolve(c.names, c.location);  // throws the right error
      throw At(Error(sqlstate::kUndefinedColumn, "column \"" + LastName(c.names) + "\" does not exist"), c.location);
    }
    case ast::ExprKind::kConstant:
      return BindConstant(static_cast<const ast::Constant&>(expr));
    case ast::ExprKind::kParam:
      return BindParam(static_cast<const ast::ParamRef&>(expr));
    case ast::ExprKind::kOp:
      return BindOperatorChain(static_cast<const ast::OpExpr&>(expr));
    case ast::ExprKind::kFuncCall:
      return BindFuncCall(static_cast<const ast::FuncCall&>(expr));
    case ast::ExprKind::kCast:
      return BindCast(static_cast<const ast::CastExpr&>(expr));
    case ast::ExprKind::kCase:
      return BindCase(static_cast<const ast::CaseExpr&>(expr));
    case ast::ExprKind::kBool: {
      const auto& b = static_cast<const ast::BoolExpr&>(expr);
      const char* what = b.type == ast::BoolExpr::Type::kAnd ? "AND" : b.type == ast::BoolExpr::Type::kOr ? "OR" : "NOT";
      BoundExprKind kind = b.type == ast::BoolExpr::Type::kAnd  ? BoundExprKind::kAnd
                           : b.type == ast::BoolExpr::Type::kOr ? BoundExprKind::kOr
                                                                : BoundExprKind::kNot;
      auto out = std::make_unique<BoundExpr>(kind, LogicalType(TypeId::kBool));
      for (const auto& a : b.args) out->children.push_back(ToBool(Bind(*a), what, a->location));
      return out;
    }
    case ast::ExprKind::kNullTest: {
      const auto& n = static_cast<const ast::NullTest&>(expr);
      BoundExprKind kind = n.is_not ? BoundExprKind::kIsNotNull : BoundExprKind::kIsNull;
      BoundExprPtr arg = Bind(*n.arg);
      if (IsKnownRecord(arg->type)) return RecordNullTest(std::move(arg), kind);
      auto out = std::make_unique<BoundExpr>(kind, LogicalType(TypeId::kBool));
      out->children.push_back(std::move(arg));
      return out;
    }
    case ast::ExprKind::kBooleanTest: {
      const auto& t = static_cast<const ast::BooleanTest&>(expr);
      auto out = std::make_unique<BoundExpr>(BoundExprKind::kBooleanTest, LogicalType(TypeId::kBool));
      out->test = static_cast<uint8_t>(t.type);
      out->children.push_back(ToBool(Bind(*t.arg), "IS TRUE", t.arg->location));
      return out;
    }
    case ast::ExprKind::kInList: {
      const auto& in = static_cast<const ast::InList&>(expr);
      std::vector<BoundExprPtr> items;
      items.push_back(Bind(*in.arg));
      for (const auto& e : in.list) items.push_back(Bind(*e));
      std::vector<LogicalType> types;
      for (const auto& i : items) types.push_back(i->type);
      LogicalType common;
      try {
        common = CommonType(types, "IN");
      } catch (Error& e) {
        throw At(std::move(e), in.location);
      }
      auto out = std::make_unique<BoundExpr>(BoundExprKind::kInList, LogicalType(TypeId::kBool));
      out->negated = in.negated;
      for (auto& i : items) out->children.push_back(binder_.Coerce(std::move(i), common, CastContext::kImplicit, in.location));
      return out;
    }
    case ast::ExprKind::kBetween: {
      const auto& b = static_cast<const ast::Between&>(expr);
      auto make = [&](const ast::Expr& low, const ast::Expr& high) {
        auto out = std::make_unique<BoundExpr>(BoundExprKind::kAnd, LogicalType(TypeId::kBool));
        std::vector<BoundExprPtr> lo_args;
        lo_args.push_back(Bind(*b.arg));
        lo_args.push_back(Bind(low));
        out->children.push_back(BindOperator(">=", std::move(lo_args), b.location));
        std::vector<BoundExprPtr> hi_args;
        hi_args.push_back(Bind(*b.arg));
        hi_args.push_back(Bind(high));
        out->children.push_back(BindOperator("<=", std::move(hi_args), b.location));
        return out;
      };
      BoundExprPtr result = make(*b.low, *b.high);
      if (b.symmetric) {
        auto either = std::make_unique<BoundExpr>(BoundExprKind::kOr, LogicalType(TypeId::kBool));
        either->children.push_back(std::move(result));
        either->children.push_back(make(*b.high, *b.low));
        result = std::move(either);
      }
      if (b.negated) {
        auto n = std::make_unique<BoundExpr>(BoundExprKind::kNot, LogicalType(TypeId::kBool));
        n->children.push_back(std::move(result));
        result = std::move(n);
      }
      return result;
    }
    case ast::ExprKind::kDistinctFrom: {
      const auto& d = static_cast<const ast::DistinctFrom&>(expr);
      if (d.left->kind == ast::ExprKind::kRow && d.right->kind == ast::ExprKind::kRow) {
        // (a, b) IS NOT DISTINCT FROM (c, d): every pair is; IS DISTINCT FROM: some pair is.
        const auto& l = static_cast<const ast::RowExpr&>(*d.left).args;
        const auto& r = static_cast<const ast::RowExpr&>(*d.right).args;
        if (l.size() != r.size()) {
          throw At(Error(sqlstate::kSyntaxError, "unequal number of entries in row expressions"), d.location);
        }
        auto out = std::make_unique<BoundExpr>(d.is_not ? BoundExprKind::kAnd : BoundExprKind::kOr, LogicalType(TypeId::kBool));
        for (size_t i = 0; i < l.size(); i++) out->children.push_back(BindDistinctPair(*l[i], *r[i], d.is_not, d.location));
        if (out->children.size() == 1) return std::move(out->children[0]);
        return out;
      }
      return BindDistinctPair(*d.left, *d.right, d.is_not, d.location);
    }
    case ast::ExprKind::kCoalesce:
      return BindCommon(BoundExprKind::kCoalesce, static_cast<const ast::CoalesceExpr&>(expr).args, "COALESCE");
    case ast::ExprKind::kMinMax: {
      const auto& m = static_cast<const ast::MinMaxExpr&>(expr);
      return BindCommon(m.greatest ? BoundExprKind::kGreatest : BoundExprKind::kLeast, m.args,
                        m.greatest ? "GREATEST" : "LEAST");
    }
    case ast::ExprKind::kNullIf: {
      const auto& n = static_cast<const ast::NullIfExpr&>(expr);
      auto left = Bind(*n.left);
      auto right = Bind(*n.right);
      LogicalType common = CommonType({left->type, right->type}, "NULLIF");
      auto out = std::make_unique<BoundExpr>(BoundExprKind::kNullIf, common);
      out->children.push_back(binder_.Coerce(std::move(left), common, CastContext::kImplicit, n.location));
      out->children.push_back(binder_.Coerce(std::move(right), common, CastContext::kImplicit, n.location));
      return out;
    }
    case ast::ExprKind::kSqlValue:
      return BindSqlValue(static_cast<const ast::SqlValueFunction&>(expr));
    case ast::ExprKind::kCollate: {
      const auto& c = static_cast<const ast::CollateExpr&>(expr);
      std::string coll = LastName(c.collation);
      if (coll != "C" && coll != "default" && coll != "POSIX" && coll != "ucs_basic") {
        throw At(Error(sqlstate::kUndefinedObject, "collation \"" + coll + "\" for encoding \"UTF8\" does not exist"),
                 c.location);
      }
      return Bind(*c.arg);
    }
    case ast::ExprKind::kDefault:
      throw At(Error(sqlstate::kSyntaxError, "DEFAULT is not allowed in this context"), expr.location);
    case ast::ExprKind::kSubquery:
      return BindSubquery(static_cast<const ast::SubqueryExpr&>(expr));
    case ast::ExprKind::kRow:
      return BindRow(static_cast<const ast::RowExpr&>(expr));
    case ast::ExprKind::kFieldSelect:
      return BindFieldSelect(static_cast<const ast::FieldSelect&>(expr));
    case ast::ExprKind::kArray:
      return BindArray(static_cast<const ast::ArrayExpr&>(expr), nullptr);
    case ast::ExprKind::kAnyAllArray:
      return BindAnyAllArray(static_cast<const ast::AnyAllArray&>(expr));
    case ast::ExprKind::kSubscript:
      return BindSubscript(static_cast<const ast::Subscript&>(expr));
    case ast::ExprKind::kGroupingSet:
      throw At(Error(sqlstate::kFeatureNotSupported, "grouping sets are not supported yet"), expr.location);
  }
  throw At(Error(sqlstate::kFeatureNotSupported, "expression is not supported"), expr.location);
}

BoundExprPtr ExprBinder::BindOperatorChain(const ast::OpExpr& top) {
  // The left spine of a + b + c ... is bound bottom-up in a loop; only right operands recurse.
  std::vector<const ast::OpExpr*> spine{&top};
  while (spine.back()->left && spine.back()->left->kind == ast::ExprKind::kOp) {
    spine.push_back(static_cast<const ast::OpExpr*>(spine.back()->left.get()));
  }
  BoundExprPtr acc;
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    const ast::OpExpr& op = **it;
    if (!acc && op.left && op.left->kind == ast::ExprKind::kRow && op.right->kind == ast::ExprKind::kRow) {
      acc = BindRowComparison(op);
      continue;
    }
    std::vector<BoundExprPtr> args;
    if (acc) {
      args.push_back(std::move(acc));
    } else if (op.left) {
      args.push_back(Bind(*op.left));
    }
    args.push_back(Bind(*op.right));
    acc = BindOperator(op.op, std::move(args), op.location);
  }
  return acc;
}

BoundExprPtr ExprBinder::BindQuantifiedProbe(const std::string& op, BoundExprPtr probe, const LogicalType& element,
                                             const char* context, int location, LogicalType* common) {
  // Resolve the comparison as PostgreSQL would, then compare both sides in that type.
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(probe));
  args.push_back(MakeConstant(Value::Null(element)));
  auto cmp = BindOperator(op, std::move(args), location, /*fold=*/false);
  *common = cmp->children[0]->type;
  if (cmp->children[1]->type != *common) {
    *common = CommonType({cmp->children[0]->type, cmp->children[1]->type}, context);
    cmp->children[0] = binder_.Coerce(std::move(cmp->children[0]), *common, CastContext::kImplicit, location);
  }
  return std::move(cmp->children[0]);
}

BoundExprPtr ExprBinder::BindDistinctPair(const ast::Expr& left, const ast::Expr& right, bool is_not, int location) {
  std::vector<BoundExprPtr> args;
  args.push_back(Bind(left));
  args.push_back(Bind(right));
  // Resolve as "=" would, to get PostgreSQL's comparison types.
  auto eq = BindOperator("=", std::move(args), location, /*fold=*/false);
  auto out = std::make_unique<BoundExpr>(BoundExprKind::kDistinctFrom, LogicalType(TypeId::kBool));
  out->negated = is_not;
  out->children = std::move(eq->children);
  LogicalType common = CommonType({out->children[0]->type, out->children[1]->type}, "IS DISTINCT FROM");
  for (auto& c : out->children) c = binder_.Coerce(std::move(c), common, CastContext::kImplicit, location);
  return out;
}

BoundExprPtr ExprBinder::BindCondition(const ast::Expr& expr, const char* what) {
  return ToBool(Bind(expr), what, expr.location);
}

BoundExprPtr ExprBinder::ToBool(BoundExprPtr e, const char* what, int location) {
  if (e->type.id == TypeId::kBool) return e;
  if (e->type.id == TypeId::kUnknown) return binder_.Coerce(std::move(e), LogicalType(TypeId::kBool), CastContext::kImplicit, location);
  throw At(Error(sqlstate::kDatatypeMismatch,
                 std::string("argument of ") + what + " must be type boolean, not type " + e->type.ToString()),
           location);
}

BoundExprPtr ExprBinder::BindConstant(const ast::Constant& c) {
  switch (c.type) {
    case ast::Constant::Type::kNull:
      return MakeConstant(Value::Null(LogicalType(TypeId::kUnknown)));
    case ast::Constant::Type::kInteger:
      if (c.ival >= INT32_MIN && c.ival <= INT32_MAX) return MakeConstant(Value::Int4(c.ival));
      return MakeConstant(Value::Int8(c.ival));
    case ast::Constant::Type::kNumeric: {
      try {
        return MakeConstant(Value::FromNumeric(Numeric::Parse(c.str)));
      } catch (Error& e) {
        throw At(std::move(e), c.location);
      }
    }
    case ast::Constant::Type::kString:
      return MakeConstant(Value::Unknown(c.str));
    case ast::Constant::Type::kBool:
      return MakeConstant(Value::Bool(c.bval));
    case ast::Constant::Type::kBitString:
      throw At(Error(sqlstate::kFeatureNotSupported, "bit strings are not supported"), c.location);
  }
  return MakeConstant(Value::Null(LogicalType(TypeId::kUnknown)));
}

BoundExprPtr ExprBinder::BindParam(const ast::ParamRef& p) {
  if (p.number < 1 || p.number > 65535) {
    throw At(Error(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(p.number)), p.location);
  }
  auto& types = binder_.env_.param_types;
  if (types.size() < static_cast<size_t>(p.number)) types.resize(p.number, LogicalType(TypeId::kUnknown));
  auto e = std::make_unique<BoundExpr>(BoundExprKind::kParam, types[p.number - 1]);
  e->param = static_cast<uint32_t>(p.number - 1);
  return e;
}

// A strict function with a NULL constant argument is NULL without evaluating the other arguments,
// as PostgreSQL's constant folding does (so `NULL > 1/0` is NULL, not an error).
BoundExprPtr ExprBinder::FoldStrictNull(BoundExprPtr call) {
  if (!call->function->strict || call->function->is_volatile) return call;
  for (const auto& a : call->children) {
    if (a->kind == BoundExprKind::kConstant && a->value.is_null()) return MakeConstant(Value::Null(call->type));
  }
  return call;
}

BoundExprPtr ExprBinder::BindOperator(const std::string& op, std::vector<BoundExprPtr> args, int location, bool fold) {
  const auto* cands = FunctionRegistry::Instance().Find(op);
  std::vector<LogicalType> types;
  for (const auto& a : args) types.push_back(a->type);
  ResolvedFunction r;
  if (!cands || !ResolveScalar(*cands, types, &r)) {
    if ((op == "@?" || op == "@@") && args.size() == 2 && types[0].id == TypeId::kJsonb) {
      throw At(Error(sqlstate::kFeatureNotSupported, "SQL/JSON path operator " + op + " is not supported yet"), location);
    }
    std::string desc = args.size() == 1 ? op + " " + TypeListString({types[0]})
                                        : TypeListString({types[0]}) + " " + op + " " + TypeListString({types[1]});
    throw At(Error(sqlstate::kUndefinedFunction, "operator does not exist: " + desc)
                 .WithHint("No operator matches the given name and argument types. You might need to add explicit "
                           "type casts."),
             location);
  }
  for (size_t i = 0; i < args.size(); i++) {
    args[i] = binder_.Coerce(std::move(args[i]), r.arg_types[i], CastContext::kImplicit, location);
  }
  auto call = MakeFunction(r.function, std::move(args), r.return_type);
  return fold ? FoldStrictNull(std::move(call)) : std::move(call);
}

BoundExprPtr ExprBinder::BindFunction(const std::string& name, std::vector<BoundExprPtr> args, int location) {
  const auto* cands = FunctionRegistry::Instance().Find(name);
  std::vector<LogicalType> types;
  for (const auto& a : args) types.push_back(a->type);
  ResolvedFunction r;
  if (!cands || !ResolveScalar(*cands, types, &r)) {
    throw At(Error(sqlstate::kUndefinedFunction, "function " + name + "(" + TypeListString(types) + ") does not exist")
                 .WithHint("No function matches the given name and argument types. You might need to add explicit "
                           "type casts."),
             location);
  }
  for (size_t i = 0; i < args.size(); i++) {
    args[i] = binder_.Coerce(std::move(args[i]), r.arg_types[i], CastContext::kImplicit, location);
  }
  return FoldStrictNull(MakeFunction(r.function, std::move(args), r.return_type));
}

BoundExprPtr ExprBinder::BindFuncCall(const ast::FuncCall& f) {
  std::string name = LastName(f.name);
  // information_schema's own function, and only qualified (the schema is not on the search path).
  bool info_schema_fn = name == "_pg_expandarray";
  if (f.name.size() > 1 && f.name[0] != "pg_catalog" && !(info_schema_fn && f.name[0] == "information_schema")) {
    throw At(Error(sqlstate::kInvalidSchemaName, "schema \"" + f.name[0] + "\" does not exist"), f.location);
  }
  if (info_schema_fn && (f.name.size() < 2 || f.name[0] != "information_schema")) {
    std::vector<LogicalType> types;
    for (const auto& a : f.args) types.push_back(Bind(*a)->type);
    throw At(Error(sqlstate::kUndefinedFunction, "function " + name + "(" + TypeListString(types) + ") does not exist")
                 .WithHint("No function matches the given name and argument types. You might need to add explicit "
                           "type casts."),
             f.location);
  }
  if (name.rfind("jsonb_path_", 0) == 0 && !FunctionRegistry::Instance().Find(name)) {
    throw At(Error(sqlstate::kFeatureNotSupported, "SQL/JSON path function " + name + " is not supported yet"), f.location);
  }
  if (f.within_group || IsOrderedSetAggregate(name)) return BindOrderedSetAggregate(f, name);
  if (f.over) return BindWindow(f, name);
  if (name == "grouping" && f.name.size() <= 2) return BindGrouping(f);
  if (AggregateRegistry::Instance().Find(name)) return BindAggregate(f, name);
  if (IsSetReturningFunction(name)) return BindSetReturningCall(f, name);
  if (f.star) {
    throw At(Error(sqlstate::kWrongObjectType, "* specified, but " + name + " is not an aggregate function"), f.location);
  }
  CheckPlainCall(f, name);
  return BindFunction(name, BindArguments(f, name), f.location);
}

std::vector<BoundExprPtr> ExprBinder::BindArguments(const ast::FuncCall& f, const std::string& name) {
  std::vector<BoundExprPtr> args;
  bool named = false;
  for (const auto& n : f.arg_names) named = named || !n.empty();
  if (!named) {
    for (const auto& a : f.args) args.push_back(Bind(*a));
    return args;
  }
  const std::vector<RoutineParameter>* params = FindRoutineParameters(name);
  if (!params) throw At(Error(sqlstate::kFeatureNotSupported, "named arguments are not supported for " + name), f.location);
  // Named notation: each argument goes to its parameter's place; positional ones come first.
  std::vector<BoundExprPtr> slots(params->size());
  std::string signature;
  auto undefined = [&] {
    return At(Error(sqlstate::kUndefinedFunction, "function " + name + "(" + signature + ") does not exist")
                  .WithHint("No function matches the given name and argument types. You might need to add explicit "
                            "type casts."),
              f.location);
  };
  size_t positional = 0;
  bool seen_named = false, conflict = false;
  std::vector<std::string> names_seen;
  for (size_t i = 0; i < f.args.size(); i++) {
    const std::string& arg_name = i < f.arg_names.size() ? f.arg_names[i] : std::string();
    BoundExprPtr bound = Bind(*f.args[i]);
    if (!signature.empty()) signature += ", ";
    signature += (arg_name.empty() ? "" : arg_name + " => ") + bound->type.ToString();
    size_t at = 0;
    if (arg_name.empty()) {
      if (seen_named)
        throw At(Error(sqlstate::kSyntaxError, "positional argument cannot follow named argument"), f.location);
      at = positional++;
    } else {
      seen_named = true;
      if (std::find(names_seen.begin(), names_seen.end(), arg_name) != names_seen.end())
        throw At(Error(sqlstate::kSyntaxError, "argument name \"" + arg_name + "\" used more than once"), f.location);
      names_seen.push_back(arg_name);
      while (at < params->size() && (*params)[at].name != arg_name) at++;
      // A name given a positional argument already matches no function.
      conflict = conflict || (at < params->size() && slots[at]);
    }
    if (at >= params->size()) {
      for (size_t j = i + 1; j < f.args.size(); j++) {
        signature += ", " + (j < f.arg_names.size() && !f.arg_names[j].empty() ? f.arg_names[j] + " => " : "") +
                     Bind(*f.args[j])->type.ToString();
      }
      throw undefined();
    }
    if (!slots[at]) slots[at] = std::move(bound);
  }
  if (conflict) throw undefined();
  // Parameters left out take their defaults; trailing ones may be left off (a shorter overload).
  size_t used = slots.size();
  while (used > 0 && !slots[used - 1] && !(*params)[used - 1].default_value) used--;
  slots.resize(used);
  for (size_t i = 0; i < slots.size(); i++) {
    if (slots[i]) continue;
    if (!(*params)[i].default_value) throw undefined();
    slots[i] = MakeConstant(*(*params)[i].default_value);
  }
  return slots;
}

const char* const ExprBinder::kSrfInWindowCall = "window function calls cannot contain set-returning function calls";

BoundExprPtr ExprBinder::BindSetReturningCall(const ast::FuncCall& f, const std::string& name) {
  auto refuse = [&](const std::string& message, bool hint) {
    Error err(sqlstate::kFeatureNotSupported, message);
    if (hint) err.WithHint("You might be able to move the set-returning function into a LATERAL FROM item.");
    throw At(std::move(err), f.location);
  };
  if (inside_aggregate_) refuse("aggregate function calls cannot contain set-returning function calls", true);
  if (window_srf_error_) refuse(window_srf_error_, window_srf_error_ == kSrfInWindowCall);
  if (!srfs_) refuse(std::string("set-returning functions are not allowed in ") + clause_, false);
  CheckPlainCall(f, name);
  for (const auto& n : f.arg_names) {
    if (!n.empty()) throw At(Error(sqlstate::kFeatureNotSupported, "named arguments are not supported"), f.location);
  }
  std::vector<BoundExprPtr> args;
  for (const auto& a : f.args) args.push_back(Bind(*a));
  return binder_.CollectSetFunction(*srfs_, name, std::move(args), f.location);
}

BoundExprPtr ExprBinder::BindAggregate(const ast::FuncCall& f, const std::string& name) {
  if (!aggregates_) {
    throw At(Error(sqlstate::kGroupingError, std::string("aggregate functions are not allowed in ") + clause_), f.location);
  }
  if (inside_aggregate_) {
    throw At(Error(sqlstate::kGroupingError, "aggregate function calls cannot be nested"), f.location);
  }
  inside_aggregate_ = true;
  std::vector<BoundExprPtr> args;
  for (const auto& a : f.args) args.push_back(Bind(*a));
  BoundExprPtr filter;
  if (f.filter) filter = BindCondition(*f.filter, "FILTER");
  // ORDER BY inside the call: sort keys follow the arguments (described by a BoundWindowSpec).
  std::vector<BoundExprPtr> order;
  auto spec = std::make_shared<BoundWindowSpec>();
  for (const auto& o : f.agg_order) {
    order.push_back(BindSortKey(o, *spec));
  }
  inside_aggregate_ = false;
  auto agg = MakeAggregate(name, std::move(args), f.star, f.location);
  agg->distinct = f.distinct;
  agg->filter = std::move(filter);
  if (!order.empty()) {
    if (f.distinct) {
      for (const auto& key : order) {
        bool in_args = false;
        for (const auto& a : agg->children) in_args = in_args || a->Equals(*key) || (a->kind == BoundExprKind::kCast && a->children[0]->Equals(*key));
        if (!in_args) {
          throw At(Error(sqlstate::kInvalidColumnReference,
                         "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list"),
                   f.location);
        }
      }
    }
    spec->arg_count = static_cast<uint32_t>(agg->children.size());
    for (auto& key : order) agg->children.push_back(std::move(key));
    agg->window = std::move(spec);
  }
  agg->name = name;
  return CollectOutput(aggregates_->aggregates, aggregates_->aggregate_index, std::move(agg));
}

bool ExprBinder::IsOrderedSetAggregate(const std::string& name) {
  const auto* cands = AggregateRegistry::Instance().Find(name);
  return cands && !cands->empty() && cands->front().direct_args >= 0;
}

// f(direct args) WITHIN GROUP (ORDER BY x): an aggregate over (direct args, x) fed in x's order,
// its children the direct arguments, the WITHIN GROUP values, then the sort keys. Also PostgreSQL's
// errors for WITHIN GROUP on another function and for an ordered-set aggregate called without it.
BoundExprPtr ExprBinder::BindOrderedSetAggregate(const ast::FuncCall& f, const std::string& name) {
  // rank / dense_rank / percent_rank / cume_dist WITHIN GROUP are the hypothetical-set aggregates,
  // registered apart from the window functions of those names.
  bool hypothetical =
      f.within_group && (name == "rank" || name == "dense_rank" || name == "percent_rank" || name == "cume_dist");
  std::string lookup = hypothetical ? "$hypothetical_" + name : name;
  bool ordered_set = IsOrderedSetAggregate(lookup);
  if (f.within_group && f.over && ordered_set) {
    throw At(Error(sqlstate::kFeatureNotSupported, "OVER is not supported for ordered-set aggregate " + name), f.location);
  }
  if (!aggregates_ && ordered_set && f.within_group) {
    throw At(Error(sqlstate::kGroupingError, std::string("aggregate functions are not allowed in ") + clause_), f.location);
  }
  if (inside_aggregate_) {
    throw At(Error(sqlstate::kGroupingError, "aggregate function calls cannot be nested"), f.location);
  }
  bool saved = inside_aggregate_;
  inside_aggregate_ = true;
  std::vector<BoundExprPtr> args;
  for (const auto& a : f.args) args.push_back(Bind(*a));
  size_t direct = args.size();
  auto spec = std::make_shared<BoundWindowSpec>();
  std::vector<BoundExprPtr> keys;
  for (const auto& o : f.agg_order) {
    if (!f.within_group) break;  // ORDER BY inside the call: PostgreSQL looks the function up without it
    keys.push_back(BindSortKey(o, *spec));
    args.push_back(keys.back()->Copy());
  }
  BoundExprPtr filter;
  if (f.filter && f.within_group) filter = BindCondition(*f.filter, "FILTER");
  inside_aggregate_ = saved;
  if (hypothetical && direct == keys.size()) {  // each hypothetical value and its sort key: one type
    for (size_t i = 0; i < direct; i++) {
      LogicalType common = CommonType({args[i]->type, args[direct + i]->type}, "WITHIN GROUP");
      args[i] = binder_.Coerce(std::move(args[i]), common, CastContext::kImplicit, f.location);
      args[direct + i] = binder_.Coerce(std::move(args[direct + i]), common, CastContext::kImplicit, f.location);
      keys[i] = binder_.Coerce(std::move(keys[i]), common, CastContext::kImplicit, f.location);
    }
  }
  std::vector<LogicalType> types;
  for (const auto& a : args) types.push_back(a->type);
  // As PostgreSQL: the function is looked up with the WITHIN GROUP values as further arguments.
  const auto* cands = AggregateRegistry::Instance().Find(lookup);
  ResolvedAggregate r;
  bool found = cands && (!hypothetical || direct == keys.size()) && ResolveAggregate(*cands, types, &r);
  if (f.within_group && !ordered_set) {
    const char* message = nullptr;
    if (found) {
      message = " is not an ordered-set aggregate, so it cannot have WITHIN GROUP";
    } else if (const auto* scalars = FunctionRegistry::Instance().Find(name)) {
      ResolvedFunction scalar;
      if (ResolveScalar(*scalars, types, &scalar)) message = "WITHIN GROUP specified, but ";
    }
    if (message) {
      std::string text = message[0] == ' ' ? name + message : message + name + " is not an aggregate function";
      throw At(Error(sqlstate::kWrongObjectType, text), f.location);
    }
  }
  if (!found || (f.within_group && !ordered_set)) {
    throw At(Error(sqlstate::kUndefinedFunction, "function " + name + "(" + TypeListString(types) + ") does not exist")
                 .WithHint("No function matches the given name and argument types. You might need to add explicit "
                           "type casts."),
             f.location);
  }
  if (!f.within_group) {
    throw At(Error(sqlstate::kWrongObjectType, "WITHIN GROUP is required for ordered-set aggregate " + name), f.location);
  }
  // Direct arguments are evaluated once per group: PostgreSQL allows grouped columns there, Kanto
  // constants and outer references only (yet).
  std::function<bool(const BoundExpr&)> local_column = [&](const BoundExpr& e) {
    if (e.kind == BoundExprKind::kColumnRef) return true;
    for (const auto& c : e.children) {
      if (c && local_column(*c)) return true;
    }
    return false;
  };
  for (size_t i = 0; i < direct; i++) {
    if (local_column(*args[i])) {
      throw At(Error(sqlstate::kFeatureNotSupported,
                     "direct arguments of ordered-set aggregate " + name + " that use columns are not supported yet"),
               f.location);
    }
  }
  auto agg = std::make_unique<BoundExpr>(BoundExprKind::kAggregate, r.return_type);
  agg->aggregate = r.function;
  for (size_t i = 0; i < args.size(); i++) {
    // The fractions are float8 or float8[] as declared (an array argument keeps its own element type
    // in r.arg_types).
    const LogicalType& type = i < direct ? r.function->arg_types[i] : r.arg_types[i];
    agg->children.push_back(binder_.Coerce(std::move(args[i]), type, CastContext::kImplicit, f.location));
  }
  spec->arg_count = static_cast<uint32_t>(agg->children.size());
  for (auto& key : keys) agg->children.push_back(std::move(key));
  agg->window = std::move(spec);
  agg->filter = std::move(filter);
  agg->name = name;
  return CollectOutput(aggregates_->aggregates, aggregates_->aggregate_index, std::move(agg));
}

BoundExprPtr CollectOutput(std::vector<BoundExprPtr>& list, uint32_t table_index, BoundExprPtr e) {
  uint32_t slot = static_cast<uint32_t>(list.size());
  for (size_t i = 0; i < list.size(); i++) {
    if (list[i]->Equals(*e)) {
      slot = static_cast<uint32_t>(i);
      break;
    }
  }
  LogicalType type = e->type;
  std::string text = e->ToString();
  if (slot == list.size()) list.push_back(std::move(e));
  return MakeColumnRef({table_index, slot}, type, text);
}

// GROUPING(a, b, ...): a bit mask of which arguments are not grouped in the current grouping set,
// computed by the aggregate operator (a kAggregate without an aggregate function).
BoundExprPtr ExprBinder::BindGrouping(const ast::FuncCall& f) {
  if (!aggregates_) {
    throw At(Error(sqlstate::kGroupingError, std::string("grouping operations are not allowed in ") + clause_), f.location);
  }
  if (f.args.empty() || f.args.size() > 31) {
    throw At(Error(sqlstate::kTooManyArguments, "GROUPING must have between 1 and 31 arguments"), f.location);
  }
  auto g = std::make_unique<BoundExpr>(BoundExprKind::kAggregate, LogicalType(TypeId::kInt4));
  bool saved = inside_aggregate_;
  inside_aggregate_ = true;
  for (const auto& a : f.args) g->children.push_back(Bind(*a));
  inside_aggregate_ = saved;
  g->name = "grouping";
  return CollectOutput(aggregates_->aggregates, aggregates_->aggregate_index, std::move(g));
}

BoundExprPtr ExprBinder::BindSortKey(const ast::OrderByItem& o, BoundWindowSpec& spec) {
  if (o.dir == ast::OrderByItem::Dir::kUsing) {
    throw At(Error(sqlstate::kFeatureNotSupported, "ORDER BY USING is not supported"), o.location);
  }
  bool desc = o.dir == ast::OrderByItem::Dir::kDesc;
  spec.order_desc.push_back(desc);
  spec.order_nulls_first.push_back(o.nulls == ast::OrderByItem::Nulls::kDefault ? desc
                                                                                : o.nulls == ast::OrderByItem::Nulls::kFirst);
  return Bind(*o.expr);
}

BoundExprPtr ExprBinder::MakeAggregate(const std::string& name, std::vector<BoundExprPtr> args, bool star,
                                       int location) {
  if (star && name != "count") {
    throw At(Error(sqlstate::kWrongObjectType, "* specified, but " + name + " is not a parameterless aggregate"), location);
  }
  std::string lookup = JsonAggregateArgs(name, args, location);
  std::vector<LogicalType> types;
  for (const auto& a : args) types.push_back(a->type);
  ResolvedAggregate r;
  if (!ResolveAggregate(*AggregateRegistry::Instance().Find(lookup), types, &r)) {
    throw At(Error(sqlstate::kUndefinedFunction, "function " + name + "(" + TypeListString(types) + ") does not exist")
                 .WithHint("No function matches the given name and argument types. You might need to add explicit "
                           "type casts."),
             location);
  }
  auto agg = std::make_unique<BoundExpr>(BoundExprKind::kAggregate, r.return_type);
  agg->aggregate = r.function;
  for (size_t i = 0; i < args.size(); i++) {
    agg->children.push_back(binder_.Coerce(std::move(args[i]), r.arg_types[i], CastContext::kImplicit, location));
  }
  return agg;
}

// json[b]_agg(x) and json[b]_object_agg(k, x) join JSON text (function/json_aggregates.cpp): x
// goes through to_json[b] and k through $json_key here, where the session's settings (time zone,
// catalog for reg* names) are at hand. Returns the aggregate to look up.
std::string ExprBinder::JsonAggregateArgs(const std::string& name, std::vector<BoundExprPtr>& args, int location) {
  bool object = name == "json_object_agg" || name == "jsonb_object_agg";
  bool jsonb = name == "jsonb_agg" || name == "jsonb_object_agg";
  if (!(object || jsonb || name == "json_agg") || args.size() != (object ? 2u : 1u)) return name;
  auto call = [&](const char* fn, BoundExprPtr arg) {
    std::vector<BoundExprPtr> one;
    one.push_back(std::move(arg));
    return BindFunction(fn, std::move(one), location);
  };
  BoundExprPtr& value = args.back();
  bool rows = value->type.IsArray() || value->type.id == TypeId::kRecord;
  value = call(jsonb ? "to_jsonb" : "to_json", std::move(value));
  if (object) args[0] = call("$json_key", std::move(args[0]));
  return name == "json_agg" && rows ? "$json_agg_rows" : name;
}

// (a1, a2, ...) op (b1, b2, ...): = and <> pairwise; <, <=, >, >= lexicographically (the first
// unequal pair decides), with NULLs giving NULL as in PostgreSQL.
BoundExprPtr ExprBinder::BindRowComparison(const ast::OpExpr& op) {
  const auto& left = static_cast<const ast::RowExpr&>(*op.left).args;
  const auto& right = static_cast<const ast::RowExpr&>(*op.right).args;
  if (left.size() != right.size()) {
    throw At(Error(sqlstate::kSyntaxError, "unequal number of entries in row expressions"), op.location);
  }
  const std::string& o = op.op;
  if (o != "=" && o != "<>" && o != "<" && o != "<=" && o != ">" && o != ">=") {
    throw At(Error(sqlstate::kFeatureNotSupported, "row comparison operator " + o + " is not supported"), op.location);
  }
  auto pair = [&](const std::string& name, size_t i) {
    std::vector<BoundExprPtr> args;
    args.push_back(Bind(*left[i]));
    args.push_back(Bind(*right[i]));
    return BindOperator(name, std::move(args), op.location);
  };
  auto combine = [](BoundExprKind kind, BoundExprPtr a, BoundExprPtr b) {
    auto e = std::make_unique<BoundExpr>(kind, LogicalType(TypeId::kBool));
    e->children.push_back(std::move(a));
    e->children.push_back(std::move(b));
    return e;
  };
  size_t n = left.size();
  if (o == "=" || o == "<>") {
    BoundExprPtr out = pair(o, 0);
    for (size_t i = 1; i < n; i++) {
      out = combine(o == "=" ? BoundExprKind::kAnd : BoundExprKind::kOr, std::move(out), pair(o, i));
    }
    return out;
  }
  std::string strict = o.substr(0, 1);  // "<" or ">"
  BoundExprPtr out = pair(o, n - 1);
  for (size_t i = n - 1; i-- > 0;) {
    out = combine(BoundExprKind::kOr, pair(strict, i), combine(BoundExprKind::kAnd, pair("=", i), std::move(out)));
  }
  return out;
}

// A type name that names no built-in type may name a table's row type ('(1,a)'::t, t[]).
LogicalType ExprBinder::ResolveType(const ast::TypeName& t) {
  try {
    return Binder::ResolveTypeName(t, binder_.env_.catalog, binder_.env_.search_path());
  } catch (const Error& e) {
    if (e.sqlstate() != std::string(sqlstate::kUndefinedObject) || t.names.empty() || t.names.size() > 2) throw;
    RelationRef rel = LookupRelation(*binder_.env_.catalog, binder_.env_.search_path(),
                                     t.names.size() == 2 ? t.names[0] : "", t.names.back(), t.location);
    if (!rel.table || rel.index) throw;
    LogicalType row = TableRowType(*rel.table);
    return t.array ? LogicalType::ArrayOf(row) : row;
  }
}

BoundExprPtr ExprBinder::BindCast(const ast::CastExpr& c) {
  LogicalType target = ResolveType(c.type);
  if (c.arg->kind == ast::ExprKind::kArray && target.id == TypeId::kArray) {
    // ARRAY[...]::t[] types the elements directly (so ARRAY[]::int[] works), as PostgreSQL does.
    LogicalType element = target.ElementType();
    auto arr = BindArray(static_cast<const ast::ArrayExpr&>(*c.arg), &element);
    return binder_.Coerce(std::move(arr), target, CastContext::kExplicit, c.location);
  }
  auto arg = Bind(*c.arg);
  return binder_.Coerce(std::move(arg), target, CastContext::kExplicit, c.location);
}

BoundExprPtr ExprBinder::BindCase(const ast::CaseExpr& c) {
  std::vector<BoundExprPtr> conds;
  std::vector<BoundExprPtr> results;
  for (const auto& w : c.whens) {
    if (c.arg) {
      std::vector<BoundExprPtr> args;
      args.push_back(Bind(*c.arg));
      args.push_back(Bind(*w.when));
      conds.push_back(BindOperator("=", std::move(args), w.when->location));
    } else {
      conds.push_back(ToBool(Bind(*w.when), "CASE/WHEN", w.when->location));
    }
    results.push_back(Bind(*w.then));
  }
  BoundExprPtr else_result = c.else_result ? Bind(*c.else_result) : MakeConstant(Value::Null(LogicalType(TypeId::kUnknown)));
  std::vector<LogicalType> types;
  for (const auto& r : results) types.push_back(r->type);
  types.push_back(else_result->type);
  LogicalType common;
  try {
    common = CommonType(types, "CASE");
  } catch (Error& e) {
    throw At(std::move(e), c.location);
  }
  auto out = std::make_unique<BoundExpr>(BoundExprKind::kCase, common);
  for (size_t i = 0; i < conds.size(); i++) {
    out->children.push_back(std::move(conds[i]));
    out->children.push_back(binder_.Coerce(std::move(results[i]), common, CastContext::kImplicit, c.location));
  }
  out->children.push_back(binder_.Coerce(std::move(else_result), common, CastContext::kImplicit, c.location));
  return out;
}

BoundExprPtr ExprBinder::BindCommon(BoundExprKind kind, const ast::ExprList& args, const char* context) {
  std::vector<BoundExprPtr> bound;
  std::vector<LogicalType> types;
  for (const auto& a : args) {
    bound.push_back(Bind(*a));
    types.push_back(bound.back()->type);
  }
  LogicalType common;
  try {
    common = CommonType(types, context);
  } catch (Error& e) {
    throw At(std::move(e), args.empty() ? -1 : args[0]->location);
  }
  auto out = std::make_unique<BoundExpr>(kind, common);
  for (auto& b : bound) out->children.push_back(binder_.Coerce(std::move(b), common, CastContext::kImplicit));
  return out;
}

BoundExprPtr ExprBinder::BindSqlValue(const ast::SqlValueFunction& f) {
  using T = ast::SqlValueFunction::Type;
  switch (f.type) {
    case T::kCurrentTimestamp:
      return BindFunction("now", {}, f.location);
    case T::kCurrentDate:
      return MakeCast(BindFunction("now", {}, f.location), LogicalType(TypeId::kDate), CastContext::kExplicit);
    case T::kLocalTimestamp:
      return MakeCast(BindFunction("now", {}, f.location), LogicalType(TypeId::kTimestamp), CastContext::kExplicit);
    case T::kCurrentUser:
    case T::kUser:
    case T::kCurrentRole:
      return BindFunction("current_user", {}, f.location);
    case T::kSessionUser:
      return BindFunction("session_user", {}, f.location);
    case T::kCurrentCatalog:
      return BindFunction("current_database", {}, f.location);
    case T::kCurrentSchema:
      return BindFunction("current_schema", {}, f.location);
    case T::kCurrentTime:  // the transaction start's time of day in the session zone, as timetz(p)
      return MakeCast(BindFunction("now", {}, f.location), LogicalType(TypeId::kTimeTz, std::min(f.precision, 6)),
                      CastContext::kExplicit);
    case T::kLocalTime:
      return MakeCast(BindFunction("now", {}, f.location), LogicalType(TypeId::kTime, std::min(f.precision, 6)),
                      CastContext::kExplicit);
  }
  throw At(Error(sqlstate::kInternalError, "unknown SQL value function"), f.location);
}

}  // namespace kanto
