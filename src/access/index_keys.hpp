// The entry a row has in an index: the values of the index's key parts (columns and expressions,
// pg_index.indkey / indexprs), or none when the row is outside a partial index's predicate.
// Expressions and predicates are kept as SQL text in the catalog and bound once per thread for
// each distinct table shape.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"
#include "types/value.hpp"

namespace kanto {
struct ExecutionContext;

namespace access {

// The key of `row`'s entry in `index` into *key; false when the row has no entry (its predicate
// is false or NULL).
bool IndexKeyValues(ExecutionContext& ctx, const TableEntry& table, const IndexEntry& index,
                    const std::vector<Value>& row, std::vector<Value>* key);
// The type of each key part (an expression's result type, a column's type).
std::vector<LogicalType> IndexKeyTypes(const TableEntry& table, const IndexEntry& index);

}  // namespace access
}  // namespace kanto
