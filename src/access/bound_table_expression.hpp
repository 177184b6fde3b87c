// Expressions kept as SQL text with a table (index expressions and predicates, generation
// expressions), bound over the table's columns once per thread for each shape of the table.
#pragma once

#include <string>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"
#include "planner/binder.hpp"

namespace kanto::access {

// `sql` bound over `table`'s columns (a column ref reads row position = column number); with
// `assign_to` (a column position), converted to that column's type as an assignment. Binding
// depends only on the columns' names and types and on the text: the expressions are immutable.
const BoundExpr& BoundTableExpression(const FunctionContext& fn, const TableEntry& table, const std::string& sql,
                                      Binder::RowExpression kind, int assign_to = -1);

}  // namespace kanto::access
