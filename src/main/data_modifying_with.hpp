// Data-modifying WITH queries: WITH x AS (INSERT / UPDATE / DELETE ... [RETURNING ...]) followed
// by a SELECT, INSERT, UPDATE, DELETE or MERGE. Each data-modifying query runs once, to the end,
// in the order written (referenced or not), before the statement; references to it read the rows
// its RETURNING gave. PostgreSQL runs all parts on one snapshot, so that no part sees another's
// changes; Kanto runs them one after the other, which gives the same answer only when no part
// reads a table another part changes. Such statements are refused with 0A000, as are tables
// related by foreign keys to one a part changes (their referential actions and checks run when
// that part ends, not when the statement does) and WITH RECURSIVE.
#pragma once

#include <map>

#include "parser/ast_stmt.hpp"
#include "planner/binder.hpp"

namespace kanto {

struct DataModifyingWith {
  std::map<const ast::CommonTableExpr*, BinderEnv::ReturnedRows> returned;
  // Set while one of the data-modifying queries is planned: the WITH clause it belongs to.
  const ast::WithClause* outer_with = nullptr;
};

// The statement's own WITH clause when it holds a data-modifying query; null otherwise.
const ast::WithClause* DataModifyingWithClause(const ast::Statement& stmt);

// Binds each data-modifying query of `with` and then the statement (parameter types shared, in
// *param_types), filling out->returned with their RETURNING names and types (no rows), and
// checks that no part reads a table another part changes (0A000 otherwise).
void PrepareDataModifyingWith(const ast::Statement& stmt, const ast::WithClause& with, const Catalog& catalog,
                              const FunctionContext* fn, std::vector<LogicalType>* param_types,
                              DataModifyingWith* out);

}  // namespace kanto
