// A view's query as PostgreSQL 15's pg_get_viewdef prints it: re-deparsed from the stored CREATE
// VIEW text against the current catalog, one select-list item a line, FROM / WHERE / GROUP BY /
// HAVING / ORDER BY / LIMIT on lines of their own with PostgreSQL's indentation, every column
// qualified by its relation's name or alias, AS only where the column's name differs, relations
// schema-qualified where the session's search_path does not find them, literals and casts as
// PostgreSQL prints them (commands/expression_text.hpp), a semicolon at the end.
#pragma once

#include <string>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"

namespace kanto::commands {

// `pretty` drops the parentheses operator precedence makes redundant (pg_get_viewdef(v, true));
// `wrap_column` is where select-list and FROM items wrap (0: each on its own line, as PostgreSQL's
// default; pg_get_viewdef(v, 80) fills lines up to 80). A query shape the printer does not know
// keeps the text it was created with (after "AS"), which reads back as the same query.
std::string ViewDefinitionText(const FunctionContext& session, const TableEntry& view, bool pretty, int wrap_column);

// Makes pg_get_viewdef (function/view_definition.hpp) print with ViewDefinitionText.
void InstallViewDefinitionPrinter();

}  // namespace kanto::commands
