// SQL text for AST expressions (column DEFAULTs are stored this way) and PostgreSQL's rule for
// naming an output column that has no alias (FigureColname).
#pragma once

#include <string>

#include "parser/ast_stmt.hpp"

namespace kanto::ast {

std::string ExprToString(const Expr& e);
std::string FigureColumnName(const Expr& e);

}  // namespace kanto::ast
