// Turns the literals of a statement that can be parameters without changing what it means into
// $1..$n (main/literal_plan_cache.cpp runs such a statement as a prepared one). Only literals in a
// few positions qualify, where a parameter of the literal's own type binds exactly as the literal:
// a comparison (=, <>, <, <=, >, >=) or BETWEEN with a column on the other side, inside the
// WHERE's AND / OR / NOT; an INSERT's VALUES item; an UPDATE's SET value; and `column + literal`
// or `column - literal` in those values. Every other literal (ORDER BY 1, LIMIT, casts, function
// arguments, type modifiers, ...) stays a constant that a reuse must match exactly.
#pragma once

#include <string_view>
#include <vector>

#include "parser/ast_stmt.hpp"
#include "parser/literal_scan.hpp"

namespace kanto {

// What became of one scanned literal.
struct LiteralSlot {
  int param = -1;       // 0-based parameter number, or -1: the literal stays a constant
  bool negate = false;  // the grammar folded a unary minus before it into the constant
  ast::Constant constant;  // the parameter's constant (its type class decides the parameter's type)
};

// Rewrites `stmt` (parsed from `text`, whose scan is `scan`) and fills one slot per scanned
// literal. False for statements kept out of the cache: other than SELECT / INSERT / UPDATE /
// DELETE, with WITH, set operations or VALUES as a query.
bool ParameterizeLiterals(ast::Statement& stmt, std::string_view text, const LiteralScan& scan,
                          std::vector<LiteralSlot>* slots);

// Whether two constants are the same literal: same type class (int4-sized integers apart from
// larger ones) and, for the text checks of a slot, the same value.
bool SameLiteralClass(const ast::Constant& a, const ast::Constant& b);

}  // namespace kanto
