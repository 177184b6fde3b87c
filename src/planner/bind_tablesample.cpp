// TABLESAMPLE BERNOULLI (p) and SYSTEM (p) [REPEATABLE (seed)] on a table: the table's scan keeps a
// sample of the rows it reads (LogicalGet::sample; PhysicalTableScan does the sampling). The
// percentage is cast to real and the seed to double precision, as PostgreSQL does; both are
// checked when the scan starts (2202H, 2202G). tsm_system_rows / tsm_system_time are extensions
// Kanto does not have: 42704 like any unknown method. A system catalog (read as values) is sampled
// by a per-row random filter, without REPEATABLE.
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
  BoundExprPtr seed;
  if (sample.repeatable) {
    seed = Coerce(eb.Bind(*sample.repeatable), LogicalType(TypeId::kFloat8), CastContext::kImplicit, location);
  }
  if (table->type == LogicalOpType::kGet) {
    auto spec = std::make_unique<TableSample>();
    spec->method = sample.method == "bernoulli" ? SampleMethod::kBernoulli : SampleMethod::kSystem;
    spec->fraction = std::move(fraction);
    spec->seed = std::move(seed);
    static_cast<LogicalGet&>(*table).sample = std::move(spec);
    return table;
  }
  if (seed) {
    throw At(Error(sqlstate::kFeatureNotSupported, "TABLESAMPLE REPEATABLE on a system catalog is not supported"),
             sample.location);
  }
  std::vector<BoundExprPtr> compare;
  compare.push_back(eb.BindFunction("random", {}, location));
  compare.push_back(std::move(fraction));
  auto filter = std::make_unique<LogicalFilter>();
  filter->expressions.push_back(eb.BindOperator("<", std::move(compare), location, false));
  filter->children.push_back(std::move(table));
  return filter;
}

}  // namespace kanto
