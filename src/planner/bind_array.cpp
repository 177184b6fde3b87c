// Binding of array expressions: ARRAY[...] constructors, x op ANY/ALL (array), and a[i] / a[lo:hi].
// Each becomes a call of an array function (src/function/array_functions.cpp).
#include "common/sql_text.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "planner/expr_binder.hpp"
#include "planner/type_resolution.hpp"
#include "types/array.hpp"

namespace kanto {

namespace {

const ScalarFunction* Internal(const std::string& name) {
  const auto* fns = FunctionRegistry::Instance().Find(name);
  return fns && !fns->empty() ? &fns->front() : nullptr;
}

}  // namespace

BoundExprPtr ExprBinder::BindArray(const ast::ArrayExpr& a, const LogicalType* element) {
  std::vector<BoundExprPtr> items;
  std::vector<LogicalType> types;
  for (const auto& e : a.elements) {
    if (e->kind == ast::ExprKind::kArray) {
      throw At(Error(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported"), e->location);
    }
    items.push_back(Bind(*e));
    if (items.back()->type.id == TypeId::kArray) {
      throw At(Error(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported"), e->location);
    }
    types.push_back(items.back()->type);
  }
  LogicalType common;
  if (element) {
    common = *element;
  } else if (items.empty()) {
    throw At(Error(sqlstate::kIndeterminateDatatype, "cannot determine type of empty array")
                 .WithHint("Explicitly cast to the desired type, for example ARRAY[]::integer[]."),
             a.location);
  } else {
    try {
      common = CommonType(types, "ARRAY");
    } catch (Error& e) {
      throw At(std::move(e), a.location);
    }
  }
  if (items.empty()) return MakeConstant(MakeArrayValue(LogicalType::ArrayOf(common), {}));
  for (auto& item : items) {
    item = binder_.Coerce(std::move(item), common, element ? CastContext::kExplicit : CastContext::kImplicit, a.location);
  }
  return MakeFunction(Internal("$array"), std::move(items), LogicalType::ArrayOf(common));
}

BoundExprPtr ExprBinder::BindAnyAllArray(const ast::AnyAllArray& a) {
  auto left = Bind(*a.left);
  auto right = Bind(*a.right);
  if (right->type.id == TypeId::kUnknown) {
    LogicalType element = left->type.id == TypeId::kUnknown ? LogicalType(TypeId::kText) : left->type;
    right = binder_.Coerce(std::move(right), LogicalType::ArrayOf(element), CastContext::kImplicit, a.location);
  }
  right = binder_.AsArray(std::move(right));
  if (right->type.id != TypeId::kArray) {
    throw At(Error(sqlstate::kWrongObjectType, std::string("op ANY/ALL (array) requires array on right side")), a.location);
  }
  std::string name = a.op + (a.all ? " ALL" : " ANY");
  const ScalarFunction* fn = Internal(name);
  if (!fn) {
    throw At(Error(sqlstate::kFeatureNotSupported, "operator " + a.op + " with ANY/ALL (array) is not supported"), a.location);
  }
  LogicalType common;
  std::vector<BoundExprPtr> call_args;
  call_args.push_back(BindQuantifiedProbe(a.op, std::move(left), right->type.ElementType(), "ANY/ALL", a.location, &common));
  call_args.push_back(binder_.Coerce(std::move(right), LogicalType::ArrayOf(common), CastContext::kImplicit, a.location));
  return MakeFunction(fn, std::move(call_args), LogicalType(TypeId::kBool));
}

BoundExprPtr ExprBinder::BindSubscript(const ast::Subscript& s) {
  auto arr = Bind(*s.arg);
  if (arr->type.id == TypeId::kName && !s.slice && s.upper) {
    // name is PostgreSQL's fixed array of 64 "char", subscripted from 0 (pg_dump: typname[0] = '_'):
    // the byte at that position, '' past the end.
    std::vector<BoundExprPtr> at;
    at.push_back(Bind(*s.upper));
    at.push_back(MakeConstant(Value::Int4(1)));
    std::vector<BoundExprPtr> args;
    args.push_back(binder_.Coerce(std::move(arr), LogicalType(TypeId::kText), CastContext::kImplicit, s.location));
    args.push_back(BindOperator("+", std::move(at), s.location));
    args.push_back(MakeConstant(Value::Int4(1)));
    return BindFunction("substr", std::move(args), s.location);
  }
  // int2vector and oidvector subscripts start at 0: v[0] is the int2[]'s element 1.
  bool from_zero = VectorElementType(arr->type.id) != TypeId::kUnknown;
  arr = binder_.AsArray(std::move(arr));
  if (arr->type.id != TypeId::kArray) {
    throw At(Error(sqlstate::kDatatypeMismatch, "cannot subscript type " + arr->type.ToString() +
                                                    " because it does not support subscripting"),
             s.location);
  }
  auto index = [&](const ast::ExprPtr& e, int64_t absent) {
    if (!e) return MakeConstant(Value::Int4(absent));
    auto b = Bind(*e);
    if (!b->type.IsInteger() && b->type.id != TypeId::kUnknown) {
      throw At(Error(sqlstate::kDatatypeMismatch, "array subscript must have type integer"), e->location);
    }
    b = binder_.Coerce(std::move(b), LogicalType(TypeId::kInt4), CastContext::kImplicit, e->location);
    if (!from_zero) return b;
    std::vector<BoundExprPtr> plus;
    plus.push_back(std::move(b));
    plus.push_back(MakeConstant(Value::Int4(1)));
    return BindOperator("+", std::move(plus), e->location);
  };
  std::vector<BoundExprPtr> args;
  LogicalType type = s.slice ? arr->type : arr->type.ElementType();
  args.push_back(std::move(arr));
  if (s.slice) {
    args.push_back(index(s.lower, 1));
    args.push_back(index(s.upper, INT32_MAX));
  } else {
    args.push_back(index(s.upper, 1));
  }
  return FoldStrictNull(MakeFunction(Internal(s.slice ? "$slice" : "$subscript"), std::move(args), type));
}

}  // namespace kanto
