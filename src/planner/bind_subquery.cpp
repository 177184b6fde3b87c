// Binding of subquery expressions: scalar, EXISTS, x op ANY/ALL (subquery) and ARRAY(subquery).
// The subquery is bound by a child Binder; references to this query's columns become outer
// references, passed in as the expression's first children.
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "planner/expr_binder.hpp"
#include "planner/type_resolution.hpp"

namespace kanto {

BoundExprPtr ExprBinder::BindSubquery(const ast::SubqueryExpr& sq) {
  if (no_subqueries_) throw At(Error(sqlstate::kFeatureNotSupported, no_subqueries_), sq.location);
  using T = ast::SubqueryExpr::Type;
  CorrelationContext corr;
  corr.scope = scope_;
  corr.parent = binder_.correlation_;
  Binder child(binder_.env_);
  child.correlation_ = &corr;
  child.ctes_ = binder_.ctes_;
  std::vector<std::string> names;
  LogicalOperatorPtr plan = child.BindSelectNode(*sq.query, &names);
  std::vector<LogicalType> types = plan->GetTypes();
  if (sq.type != T::kExists && types.size() != 1) {
    throw At(Error(sqlstate::kSyntaxError, "subquery must return only one column"), sq.location);
  }
  auto out = std::make_unique<BoundExpr>(BoundExprKind::kSubquery, LogicalType(TypeId::kBool));
  out->subquery_type = sq.type == T::kScalar ? 0 : sq.type == T::kExists ? 1 : sq.type == T::kAny ? 2 : sq.type == T::kAll ? 3 : 4;
  LogicalType column = types.empty() ? LogicalType(TypeId::kBool) : types[0];
  LogicalType wanted = column.id == TypeId::kUnknown ? LogicalType(TypeId::kText) : column;
  BoundExprPtr test;
  if (sq.type == T::kAny || sq.type == T::kAll) {
    static const char* kOps[] = {"=", "<>", "<", "<=", ">", ">="};
    bool known = false;
    for (const char* op : kOps) known = known || sq.op == op;
    if (!known) throw At(Error(sqlstate::kFeatureNotSupported, "operator " + sq.op + " with ANY/ALL subqueries is not supported"), sq.location);
    test = BindQuantifiedProbe(sq.op, Bind(*sq.test), column, "IN", sq.location, &wanted);
    out->name = sq.op;
  }
  if (!types.empty() && wanted != column) {
    auto proj = std::make_unique<LogicalProjection>();
    proj->table_index = binder_.NewTableIndex();
    auto bindings = plan->GetColumnBindings();
    proj->expressions.push_back(binder_.Coerce(MakeColumnRef(bindings[0], column, names[0]), wanted, CastContext::kImplicit, sq.location));
    proj->children.push_back(std::move(plan));
    plan = std::move(proj);
  }
  if (sq.type == T::kScalar) out->type = wanted;
  if (sq.type == T::kArray) {
    if (wanted.id == TypeId::kArray) {
      throw At(Error(sqlstate::kFeatureNotSupported, "ARRAY(subquery) over arrays (multidimensional) is not supported"), sq.location);
    }
    out->type = LogicalType::ArrayOf(wanted);
  }
  out->outer_count = static_cast<uint32_t>(corr.correlated.size());
  out->children = std::move(corr.correlated);
  if (test) out->children.push_back(std::move(test));
  out->subquery = std::make_shared<SubqueryPlan>();
  out->subquery->logical = std::move(plan);
  return out;
}

}  // namespace kanto
