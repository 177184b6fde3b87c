// Stored generated columns (GENERATED ALWAYS AS (expr) STORED): their values computed from the
// rest of a row before it is written, by INSERT, UPDATE, COPY, referential actions and table
// rewrites alike.
#pragma once

#include <vector>

#include "catalog/catalog.hpp"
#include "types/value.hpp"

namespace kanto {
struct ExecutionContext;

namespace access {

// Whether `table` has generated columns.
bool HasGeneratedColumns(const TableEntry& table);
// Sets each generated column of `row` to its expression's value over the row's other columns
// (converted to the column type as an assignment).
void ComputeGeneratedColumns(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>* row);

}  // namespace access
}  // namespace kanto
