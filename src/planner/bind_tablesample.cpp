// TABLESAMPLE BERNOULLI (p) and SYSTEM (p): a filter keeping each row of the table with
// probability p / 100 (SYSTEM samples rows too; PostgreSQL's block sampling gives another random
// subset of the same expected size). The percentage is a constant expression cast to real, checked
// to be non-null and within 0..100 (2202H). REPEATABLE (seed) is refused with 0A000.
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "planner/bind_context.hpp"
#include "planner/binder.hpp"
#include "planner/expr_binder.hpp"

namespace kanto {

LogicalOperatorPtr Binder::BindTableSample(const ast::BaseTableRef& ref, BindContext& scope) {
  const ast::TableSample& sample = *ref.sample;
  if (sample.method != "bernoulli" && sample.method != "system") {
    throw At(Error(sqlstate::kUndefinedObject, "tablesample method " + sample.method + " does not exist"),
             sample.location);
  }
  if (sample.args.size() != 1) {
    throw At(Error(sqlstate::kInvalidTablesampleArgument, "tablesample method " + sample.method + " requires 1 argument, not " +
                                                              std::to_string(sample.args.size())),
             sample.location);
  }
  if (sample.repeatable) {
    throw At(Error(sqlstate::kFeatureNotSupported, "TABLESAMPLE REPEATABLE is not supported"), sample.location);
  }
  binding_sample_ = true;
  LogicalOperatorPtr table;
  try {
    table = BindTableRef(ref, scope);
  } catch (...) {
    binding_sample_ = false;
    throw;
  }
  binding_sample_ = false;
  if (table->type != LogicalOpType::kGet && table->type != LogicalOpType::kValues) {
    throw At(Error(sqlstate::kFeatureNotSupported, "TABLESAMPLE clause can only be applied to tables and materialized views"),
             ref.location);
  }
  ExprBinder eb(*this, nullptr, nullptr, "TABLESAMPLE");
  int location = sample.location;
  BoundExprPtr percent = Coerce(eb.Bind(*sample.args[0]), LogicalType(TypeId::kFloat4), CastContext::kImplicit, location);
  std::vector<BoundExprPtr> fraction_args;
  fraction_args.push_back(std::move(percent));
  BoundExprPtr fraction = eb.BindFunction("$tablesample_fraction", std::move(fraction_args), location);
  std::vector<BoundExprPtr> compare;
  compare.push_back(eb.BindFunction("random", {}, location));
  compare.push_back(std::move(fraction));
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions.push_back(eb.BindOperator("<", std::move(compare), location, false));
  filter->children.push_back(std::move(table));
  return filter;
}

}  // namespace kanto
