// An index as PostgreSQL's pg_get_indexdef() prints it, shared by that function and pg_indexes.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"

namespace kanto {

// Each key part as PostgreSQL prints it: the quoted column name, or the expression (in
// parentheses unless it is a function call, or `bare`): "a", "lower(c)", "((a + b))".
std::vector<std::string> IndexKeyNames(const TableEntry& table, const IndexEntry& index, bool bare = false);

// The key parts, comma-separated: "a, b DESC" (`with_order`: DESC where it applies).
std::string IndexColumnList(const TableEntry& table, const IndexEntry& index, bool with_order);

// "CREATE UNIQUE INDEX name ON public.t USING btree (a, b DESC) INCLUDE (c) WHERE (p)".
std::string IndexDefinition(const Catalog& catalog, const TableEntry& table, const IndexEntry& index);

}  // namespace kanto
