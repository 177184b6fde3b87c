#include "planner/plain_call.hpp"

#include "kanto/error.hpp"
#include "parser/ast_stmt.hpp"
#include "common/sql_text.hpp"

namespace kanto {

void CheckPlainCall(const ast::FuncCall& f, const std::string& name) {
  const char* what = f.distinct ? "DISTINCT" : !f.agg_order.empty() ? "ORDER BY" : f.filter ? "FILTER" : nullptr;
  if (!what) return;
  throw At(Error(sqlstate::kWrongObjectType, std::string(what) + " specified, but " + name + " is not an aggregate function"),
           f.location);
}

}  // namespace kanto
