// PostgreSQL's pretty form of a stored DEFAULT or CHECK text (pg_get_expr(..., true),
// pg_get_constraintdef(..., true), psql \d): the same expression without the parentheses that
// operator precedence makes redundant, and a constant before :: without its own parentheses
// ("credit >= 0::numeric" for "(credit >= (0)::numeric)").
#pragma once

#include <string>

namespace kanto {

// `stored` is the text commands/expression_text wrote (PostgreSQL's non-pretty form). The text is
// parsed and printed again under PostgreSQL's precedence rules; when the non-pretty printing of the
// parsed expression does not give `stored` back exactly (a form this printer does not know), the
// stored text is returned as it is.
// `indent` is the pretty printer's level where the expression stands (CASE lines are indented
// from it).
std::string PrettyExpressionText(const std::string& stored, int indent = 0);

}  // namespace kanto
