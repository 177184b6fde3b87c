// Internal: transforms libpg_query's protobuf-c tree into Kanto's AST. Only src/parser/ sees it.
#pragma once

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <string>

#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::parser {

using Node = PgQuery__Node;

[[noreturn]] void Unsupported(const std::string& what, int location = -1);
std::string StringValue(const Node* n);  // String node text

ast::ExprPtr TransformExpr(const Node* n);
ast::ExprList TransformExprList(Node** items, size_t n);
ast::TypeName TransformTypeName(const PgQuery__TypeName* t);
std::unique_ptr<ast::SelectStmt> TransformSelect(const PgQuery__SelectStmt* s);
std::vector<ast::OrderByItem> TransformSortList(Node** items, size_t n);
std::unique_ptr<ast::WindowDef> TransformWindow(const PgQuery__WindowDef* w);
ast::StatementPtr TransformStatement(const Node* n);
// CREATE ROLE / CREATE USER / ALTER ROLE / DROP ROLE (transform_role.cpp).
ast::StatementPtr TransformRoleStmt(const Node* n);
ast::StatementPtr TransformGrant(const PgQuery__GrantStmt* g);
ast::StatementPtr TransformAlterDefaultPrivileges(const PgQuery__AlterDefaultPrivilegesStmt* s);
// CREATE / ALTER / DROP DATABASE and ALTER DATABASE RENAME / OWNER / SET (transform_database.cpp).
ast::StatementPtr TransformDatabaseStmt(const Node* n);
// CURRENT_USER / SESSION_USER / a role name (PUBLIC as the name "public", which no role has).
ast::RoleName TransformRoleName(const PgQuery__RoleSpec* r, const char* clause);
// Session statements (transform_session.cpp): BEGIN/COMMIT/..., SET/RESET, and the text of a
// constant option value ('on', 42, 'read committed').
std::string ConstText(const Node* n);
ast::StatementPtr TransformTransaction(const PgQuery__TransactionStmt* s);
ast::StatementPtr TransformSet(const PgQuery__VariableSetStmt* s);
ast::StatementPtr TransformNotify(const Node* n);  // LISTEN, UNLISTEN, NOTIFY
// DECLARE CURSOR / FETCH / MOVE / CLOSE (transform_cursor.cpp).
ast::StatementPtr TransformCursorStmt(const Node* n);
std::string StatementName(const Node* n);
ast::RangeVar TransformRangeVar(const PgQuery__RangeVar* r);
// Pieces of statements (transform_stmt.cpp): a FROM item, a WITH clause, UPDATE's SET list.
ast::TableRefPtr TransformTableRef(const Node* n);
std::unique_ptr<ast::WithClause> TransformWith(const PgQuery__WithClause* w);
std::vector<ast::SetClause> TransformSetList(Node** targets, size_t n);
ast::StatementPtr TransformMerge(const PgQuery__MergeStmt* s);  // transform_merge.cpp
// A column definition of CREATE TABLE / ALTER TABLE ADD COLUMN (transform_stmt.cpp).
// (`table`: the table's name, for the messages.)
ast::ColumnDef TransformColumnDef(const PgQuery__ColumnDef* d, const std::string& table);
// A PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY constraint (of a column, a table or ADD CONSTRAINT).
ast::TableConstraint TransformConstraint(const PgQuery__Constraint* c);
// DDL beyond CREATE/DROP (transform_ddl.cpp).
void TransformIdentityConstraint(const PgQuery__Constraint* c, ast::ColumnDef* col, const std::string& table);
ast::StatementPtr TransformCreateSequence(const PgQuery__CreateSeqStmt* s);
ast::StatementPtr TransformAlterSequence(const PgQuery__AlterSeqStmt* s);
ast::StatementPtr TransformRename(const PgQuery__RenameStmt* s);
ast::StatementPtr TransformAlterTable(const PgQuery__AlterTableStmt* a);
ast::StatementPtr TransformAlterObjectSchema(const PgQuery__AlterObjectSchemaStmt* s);
ast::StatementPtr TransformTruncate(const PgQuery__TruncateStmt* s);
ast::StatementPtr TransformAlterOwner(const PgQuery__AlterOwnerStmt* s);
ast::StatementPtr TransformComment(const PgQuery__CommentStmt* s);
// CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD / RENAME VALUE (transform_type.cpp).
ast::StatementPtr TransformTypeStmt(const Node* n);  // transform_comment.cpp
// Clauses accepted only in their default or PostgreSQL-equivalent form, else 0A000 naming them
// (transform_clauses.cpp).
void CheckStorageOptions(Node** options, size_t n);  // WITH (...)
void CheckTablespace(const char* name, int location);
char CheckNewRelation(const PgQuery__RangeVar* rel, Node** options, size_t n_options, PgQuery__OnCommitAction on_commit,
                      const char* tablespace, const char* access_method);
void CheckCollation(Node** names, size_t n, int location);
void CheckColumnClauses(const PgQuery__ColumnDef* d);
void CheckIndexConstraint(const PgQuery__Constraint* c);  // PRIMARY KEY / UNIQUE
void CheckIndexClauses(const PgQuery__IndexStmt* s);
void CheckViewOptions(Node** options, size_t n);
void CheckVacuumOptions(const PgQuery__VacuumStmt* s);
void CheckFuncCallClauses(const PgQuery__FuncCall* f);  // VARIADIC, WITHIN GROUP
void CheckSetClauses(const PgQuery__VariableSetStmt* s);  // SET ROLE, SET SESSION AUTHORIZATION, SET seed

}  // namespace kanto::parser
