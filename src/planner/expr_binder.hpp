// ExprBinder: binds one expression against a BindContext. With an AggregateCollector it accepts
// aggregate calls (SELECT list, HAVING, ORDER BY of a grouped query) and replaces them by references
// to the aggregate's output column.
#pragma once

#include "parser/ast_expr.hpp"
#include "planner/bind_context.hpp"
#include "planner/binder.hpp"
#include "planner/project_set.hpp"

namespace kanto {

struct AggregateCollector {
  uint32_t aggregate_index = 0;
  std::vector<BoundExprPtr> aggregates;
};

// Collects window calls (SELECT list and ORDER BY) and replaces them by references to the window
// operator's output column. `named` holds the query's WINDOW clause.
struct WindowCollector {
  uint32_t window_index = 0;
  std::vector<BoundExprPtr> windows;
  const std::vector<ast::WindowDef>* named = nullptr;
};

// Adds `e` to a collector's list (reusing an identical entry) and returns a reference to its output
// column (table_index, position).
BoundExprPtr CollectOutput(std::vector<BoundExprPtr>& list, uint32_t table_index, BoundExprPtr e);

// planner/bind_record.cpp: ROW(...) of `fields` typed `type`, and field `field` (0-based) of a
// record-typed expression.
BoundExprPtr MakeRow(std::vector<BoundExprPtr> fields, const LogicalType& type);
BoundExprPtr SelectField(BoundExprPtr record, size_t field);
// `record` IS NULL / IS NOT NULL (kind), field by field as PostgreSQL tests a row.
BoundExprPtr RecordNullTest(BoundExprPtr record, BoundExprKind kind);

class ExprBinder {
 public:
  // `clause` names where the expression stands, for errors ("WHERE", "JOIN conditions", "VALUES").
  ExprBinder(Binder& binder, const BindContext* scope, AggregateCollector* aggregates, const char* clause)
      : binder_(binder), scope_(scope), aggregates_(aggregates), clause_(clause) {}

  // Subqueries fail with 0A000 `message` (CHECK constraints).
  void ForbidSubqueries(const char* message) { no_subqueries_ = message; }
  // Allows window function calls (SELECT list and ORDER BY only).
  void SetWindows(WindowCollector* windows) { windows_ = windows; }
  // Allows set-returning calls (select list, ORDER BY, GROUP BY): each is recorded in `srfs` and
  // bound as a reference to its value. Elsewhere they fail as PostgreSQL fails them.
  void SetSrfs(SrfCollector* srfs) { srfs_ = srfs; }

  BoundExprPtr Bind(const ast::Expr& expr);
  // Binds and coerces to boolean ("argument of WHERE must be type boolean, not type integer").
  BoundExprPtr BindCondition(const ast::Expr& expr, const char* what);
  // Binds an operator call by name over bound arguments (also used for BETWEEN, CASE, IN).
  // `fold`: a strict operator with a NULL constant argument becomes a NULL constant.
  BoundExprPtr BindOperator(const std::string& op, std::vector<BoundExprPtr> args, int location, bool fold = true);
  BoundExprPtr BindFunction(const std::string& name, std::vector<BoundExprPtr> args, int location);
  // A call's arguments in parameter order, named notation (f(a => 1)) resolved and defaults filled.
  std::vector<BoundExprPtr> BindArguments(const ast::FuncCall& f, const std::string& name);
  // (x).* in a select list: each field of the bound record as (name, expression).
  static std::vector<std::pair<std::string, BoundExprPtr>> ExpandFields(BoundExprPtr record, int location);

 private:
  BoundExprPtr BindConstant(const ast::Constant& c);
  BoundExprPtr BindParam(const ast::ParamRef& p);
  BoundExprPtr BindFuncCall(const ast::FuncCall& f);
  BoundExprPtr BindAggregate(const ast::FuncCall& f, const std::string& name);
  BoundExprPtr BindOrderedSetAggregate(const ast::FuncCall& f, const std::string& name);
  static bool IsOrderedSetAggregate(const std::string& name);
  BoundExprPtr BindSetReturningCall(const ast::FuncCall& f, const std::string& name);
  // Resolves an aggregate over bound arguments and coerces them; returns the kAggregate expression.
  BoundExprPtr MakeAggregate(const std::string& name, std::vector<BoundExprPtr> args, bool star, int location);
  std::string JsonAggregateArgs(const std::string& name, std::vector<BoundExprPtr>& args, int location);
  BoundExprPtr BindWindow(const ast::FuncCall& f, const std::string& name);
  BoundExprPtr BindGrouping(const ast::FuncCall& f);
  // One ORDER BY item of a window or an aggregate call: binds the key, records its direction.
  BoundExprPtr BindSortKey(const ast::OrderByItem& o, BoundWindowSpec& spec);
  BoundExprPtr BindRowComparison(const ast::OpExpr& op);
  // An operator call and the chain of operator calls on its left (a + b + c ...), without recursion.
  BoundExprPtr BindOperatorChain(const ast::OpExpr& top);
  void BindWindowFrame(const ast::WindowFrame& frame, BoundExpr& call, BoundWindowSpec& spec, int location);
  BoundExprPtr BindCast(const ast::CastExpr& c);
  LogicalType ResolveType(const ast::TypeName& t);
  BoundExprPtr BindCase(const ast::CaseExpr& c);
  BoundExprPtr BindSqlValue(const ast::SqlValueFunction& f);
  BoundExprPtr BindSubquery(const ast::SubqueryExpr& sq);
  // `probe op ANY/ALL (...)` over elements of type `element`: the probe coerced to the type the
  // comparison resolves to (*common); `context` names the construct in type-mismatch errors.
  BoundExprPtr BindQuantifiedProbe(const std::string& op, BoundExprPtr probe, const LogicalType& element,
                                   const char* context, int location, LogicalType* common);
  // `left IS [NOT] DISTINCT FROM right` for scalars, compared in the type "=" would use.
  BoundExprPtr BindDistinctPair(const ast::Expr& left, const ast::Expr& right, bool is_not, int location);
  // bind_array.cpp. `element` (optional): the element type a cast around ARRAY[...] asks for.
  BoundExprPtr BindArray(const ast::ArrayExpr& a, const LogicalType* element);
  BoundExprPtr BindAnyAllArray(const ast::AnyAllArray& a);
  BoundExprPtr BindSubscript(const ast::Subscript& s);
  // bind_record.cpp
  BoundExprPtr BindRow(const ast::RowExpr& r);
  BoundExprPtr BindFieldSelect(const ast::FieldSelect& f);
  static size_t FieldPosition(const LogicalType& type, const std::string& field, int location);
  static BoundExprPtr FoldStrictNull(BoundExprPtr call);
  BoundExprPtr BindCommon(BoundExprKind kind, const ast::ExprList& args, const char* context);
  BoundExprPtr ToBool(BoundExprPtr e, const char* what, int location);

  Binder& binder_;
  const BindContext* scope_;
  AggregateCollector* aggregates_;
  WindowCollector* windows_ = nullptr;
  SrfCollector* srfs_ = nullptr;
  // Inside a window call: the error of a set-returning call in the part being bound.
  static const char* const kSrfInWindowCall;
  const char* window_srf_error_ = nullptr;
  const char* clause_;
  bool inside_aggregate_ = false;
  bool inside_window_ = false;
  const char* no_subqueries_ = nullptr;
};

}  // namespace kanto
