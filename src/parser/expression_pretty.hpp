// PostgreSQL's pretty form of a stored DEFAULT or CHECK text (pg_get_expr(..., true),
// pg_get_constraintdef(..., true), psql \d): the same expression without the parentheses that
// operator precedence makes redundant, and a constant before :: without its own parentheses
// ("credit >= 0::numeric" for "(credit >= (0)::numeric)").
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace kanto {

namespace ast {
struct SelectStmt;
}

// Prints a subquery inside the expression (a view's query printer gives it) at the printer's
// indentation; nullopt when it cannot.
using SublinkPrinter = std::function<std::optional<std::string>(const ast::SelectStmt& query, int indent)>;

// `stored` is the text commands/expression_text wrote (PostgreSQL's non-pretty form). The text is
// parsed and printed again under PostgreSQL's precedence rules; when the non-pretty printing of the
// parsed expression does not give `stored` back exactly (a form this printer does not know), the
// stored text is returned as it is.
// `indent` is the pretty printer's level where the expression stands (CASE lines are indented
// from it).
// Subqueries print through `sublinks` (without it, an expression with one keeps its stored text).
std::string PrettyExpressionText(const std::string& stored, int indent = 0, const SublinkPrinter* sublinks = nullptr);

}  // namespace kanto
