// The constraint checks of a row written to a table: NOT NULL (23502), CHECK (23514) and the
// messages of unique violations (23505), worded as PostgreSQL words them.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"
#include "planner/bound_expr.hpp"
#include "types/value.hpp"

namespace kanto {
struct ExecutionContext;

namespace access {

// A table's CHECK constraint bound by the statement writing the table: `expr` is over the row's
// columns (column i of a one-row chunk of the table's types).
struct BoundCheck {
  std::string name;
  BoundExprPtr expr;
};

// 23502 for the first NOT NULL column that is NULL in `row`.
void CheckNotNull(const TableEntry& table, const std::vector<Value>& row, const FunctionContext& fn);
// 23514 for the first of `checks` that `row` fails.
void CheckConstraints(ExecutionContext& ctx, const TableEntry& table, const std::vector<BoundCheck>& checks,
                      const std::vector<Value>& row);
// Whether `check` passes for `row` (true or NULL).
bool CheckPasses(ExecutionContext& ctx, const TableEntry& table, const BoundExpr& check, const std::vector<Value>& row);

// "(a, b)=(1, x)": the columns `columns` of `table` and `values` pairwise with them.
std::string KeyText(const TableEntry& table, const std::vector<uint32_t>& columns, const std::vector<Value>& values,
                    const FunctionContext& fn);
// "(a, lower(c))=(1, x)": an index's key parts and the values `key` of one entry.
std::string IndexKeyText(const TableEntry& table, const IndexEntry& index, const std::vector<Value>& key,
                         const FunctionContext& fn);
// 23505 "duplicate key value violates unique constraint ..." for the entry with values `key`.
[[noreturn]] void ThrowUniqueViolation(const TableEntry& table, const IndexEntry& index, const std::vector<Value>& key,
                                       const FunctionContext& fn);

// "(1, abc)" as in PostgreSQL's "Failing row contains (...)".
std::string RowToString(const std::vector<Value>& row, const FunctionContext& fn);

}  // namespace access
}  // namespace kanto
