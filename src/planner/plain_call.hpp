#pragma once

#include <string>

namespace kanto {

namespace ast {
struct FuncCall;
}  // namespace ast

// A call of a function that is not an aggregate (`name`) may not have DISTINCT, ORDER BY or FILTER:
// 42809, in PostgreSQL's words and order.
void CheckPlainCall(const ast::FuncCall& f, const std::string& name);

}  // namespace kanto
