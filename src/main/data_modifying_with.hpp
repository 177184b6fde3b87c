// Data-modifying WITH queries: WITH x AS (INSERT / UPDATE / DELETE ... [RETURNING ...]) followed
// by a SELECT, INSERT, UPDATE, DELETE or MERGE. Each data-modifying query runs once, to the end,
// referenced or not (the order: DataModifyingWith::before / after); references to it read the rows
// its RETURNING gave. As in PostgreSQL, every part and the main query read one snapshot: the
// transaction's writes as they stood when the statement began (storage::Transaction::FreezeReads),
// so no part sees another's changes; an UPDATE or DELETE skips a row an earlier part changed (the
// first change wins); unique checks see every write; foreign key checks and referential actions
// run when the whole statement ends. WITH RECURSIVE with a data-modifying query is refused (0A000).
#pragma once

#include <map>

#include "parser/ast_stmt.hpp"
#include "planner/binder.hpp"

namespace kanto {

struct DataModifyingWith {
  std::map<const ast::CommonTableExpr*, BinderEnv::ReturnedRows> returned;
  // Set while one of the data-modifying queries is planned: the WITH clause it belongs to.
  const ast::WithClause* outer_with = nullptr;
  // The order they run in, as PostgreSQL's executor gives it: those the main query reads (and
  // those they read) before it, as it reads them; the others after it, the last written first
  // (each after the ones it reads). Which change of a row comes first decides which one is made.
  std::vector<const ast::CommonTableExpr*> before, after;
};

// The statement's own WITH clause when it holds a data-modifying query; null otherwise.
const ast::WithClause* DataModifyingWithClause(const ast::Statement& stmt);

// Binds each data-modifying query of `with` and then the statement (parameter types shared, in
// *param_types), filling out->returned with their RETURNING names and types (no rows), and
// out->before / after.
void PrepareDataModifyingWith(const ast::Statement& stmt, const ast::WithClause& with, const Catalog& catalog,
                              const FunctionContext* fn, std::vector<LogicalType>* param_types,
                              DataModifyingWith* out);

}  // namespace kanto
