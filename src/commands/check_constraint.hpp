// CHECK constraints as CREATE TABLE and ALTER TABLE ADD CONSTRAINT define them: the expression
// bound against the table (boolean, no subqueries or aggregates), PostgreSQL's generated names
// (t_a_check for an expression on one column, t_check otherwise, then t_check1, ...), and the
// check of the rows already stored.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::commands {

struct CommandContext;

// Whether a constraint of that name exists on any table of the schema (PostgreSQL's
// ConstraintNameExists: CHECK, PRIMARY KEY, UNIQUE and FOREIGN KEY constraints share one namespace
// per schema).
bool ConstraintNameExists(const Catalog& catalog, uint32_t schema_id, const std::string& name);

// The CHECK constraint `con` of `table` (its columns as they will be), with id `id`. `others`:
// constraints of the same table defined by the same statement (their names are taken). Throws
// 42710 for a name the table already has. The expression is stored as PostgreSQL prints it
// (expression_text.hpp), its literals read under `session`'s settings.
CheckEntry DefineCheck(const Catalog& catalog, const FunctionContext& session, const TableEntry& table, const ast::TableConstraint& con, uint32_t id,
                       const std::vector<CheckEntry>& others);

// Fails with 23514 "check constraint ... is violated by some row" when a stored row of `table`
// makes `check` false.
void ValidateCheck(CommandContext& ctx, const Catalog& catalog, const TableEntry& table, const CheckEntry& check);

}  // namespace kanto::commands
