// PreparedImpl: what a PreparedStatement (include/kanto/kanto.hpp) holds.
#pragma once

#include <string>
#include <vector>

#include "main/connection_impl.hpp"

namespace kanto {

class PreparedImpl {
 public:
  ConnectionImpl* conn = nullptr;
  ast::StatementPtr stmt;
  // The parameters' types: declared in Parse, else inferred (unknown ones as text).
  std::vector<LogicalType> param_types;
  std::vector<ColumnInfo> columns;
  ConnectionImpl::PlanCache plan_cache;
  std::string text;  // for pg_stat_activity.query
};

}  // namespace kanto
