// Parses SQL text with libpg_query (the PostgreSQL 15 grammar) and transforms the result into
// Kanto's own AST. Errors: 42601 syntax errors with PostgreSQL's message and 1-based position;
// 0A000 for statements Kanto does not implement, naming the statement.
#pragma once

#include <string_view>
#include <vector>

#include "parser/ast_expr.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto {

// Parses every statement in `sql` (read in place, not copied: a query may be large). Throws
// kanto::Error.
std::vector<ast::StatementPtr> ParseSql(const std::string& sql);

}  // namespace kanto
