// An index as PostgreSQL's pg_get_indexdef() prints it, shared by that function and pg_indexes.
#pragma once

#include <string>

#include "catalog/catalog.hpp"

namespace kanto {

// The key columns, quoted and comma-separated: "a, b DESC" (`with_order`: DESC where it applies).
std::string IndexColumnList(const TableEntry& table, const IndexEntry& index, bool with_order);

// "CREATE UNIQUE INDEX name ON public.t USING btree (a, b DESC)".
std::string IndexDefinition(const Catalog& catalog, const TableEntry& table, const IndexEntry& index);

}  // namespace kanto
