// Set-returning functions outside FROM (bind_project_set.cpp), placed as PostgreSQL's ProjectSet
// places them: those of the select list, ORDER BY and DISTINCT ON run once per row after grouping,
// aggregation and window functions, before DISTINCT, ORDER BY and LIMIT; those of GROUP BY run
// before grouping, those of a window's PARTITION BY / ORDER BY after grouping, before the window. Each call is a function in FROM joined LATERAL to the rows it runs for; calls
// of one level run in lock-step, a call whose arguments use another call's value one level above it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parser/ast_expr.hpp"
#include "planner/bound_expr.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

// Where a call runs: before grouping (GROUP BY's), after grouping and before window functions
// (a window's PARTITION BY and ORDER BY), or after window functions (the select list, ORDER BY).
enum class SrfPhase : uint8_t { kBeforeGrouping, kBeforeWindow, kAfterWindow };

struct SrfCall {
  std::string name;
  // The function: its arguments read the outer values kOuterRef 0..params.size()-1.
  std::unique_ptr<LogicalTableFunction> function;
  // The outer values, over the rows the call runs for (before grouping, or after it once
  // ReplaceGroups has mapped them to the grouped outputs).
  std::vector<BoundExprPtr> params;
  std::vector<BoundExprPtr> args;  // the arguments as bound, to recognise the same call again
  uint32_t table_index = 0;  // the function's output
  LogicalType type;
  int level = 0;
  SrfPhase phase = SrfPhase::kAfterWindow;
  int location = -1;
};

struct SrfCollector {
  std::vector<SrfCall> calls;
  SrfPhase phase = SrfPhase::kAfterWindow;  // of the calls being bound now
  // Whether a call whose arguments hold a volatile function (random(), nextval) is the value of an
  // earlier identical call: not in the select list, where PostgreSQL evaluates each call on its
  // own; an ORDER BY item equal to a select list item is that item, as in PostgreSQL.
  bool share_volatile = true;
};

// Throws PostgreSQL's error where a set-returning call stands in an expression that is evaluated
// once per row and cannot return a set: CASE and COALESCE (0A000), AND / OR / NOT, IN, BETWEEN,
// IS TRUE ... (42804). Window calls are not entered.
void CheckSrfPlacement(const ast::Expr* e);

}  // namespace kanto
