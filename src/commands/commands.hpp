// The utility statements, one file each under src/commands/. Each runs inside the session's
// transaction through a CommandContext and throws kanto::Error with PostgreSQL's SQLSTATE.
#pragma once

#include "commands/command_context.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::ast {
struct DatabaseStmt;  // parser/ast_database.hpp
struct GrantStmt;     // parser/ast_grant.hpp
}  // namespace kanto::ast

namespace kanto::commands {

CommandResult Execute(const ast::CreateSchemaStmt& stmt, CommandContext& ctx);  // create_schema.cpp
CommandResult Execute(const ast::CreateTableStmt& stmt, CommandContext& ctx);   // create_table.cpp (AS: create_table_as.cpp)
CommandResult Execute(const ast::CreateViewStmt& stmt, CommandContext& ctx);    // create_view.cpp
CommandResult Execute(const ast::CreateIndexStmt& stmt, CommandContext& ctx);   // create_index.cpp
CommandResult Execute(const ast::DropStmt& stmt, CommandContext& ctx);          // drop.cpp
CommandResult Execute(const ast::GrantStmt& stmt, CommandContext& ctx);         // grant.cpp
CommandResult Execute(const ast::AlterTableStmt& stmt, CommandContext& ctx);    // alter_table.cpp
CommandResult Execute(const ast::TruncateStmt& stmt, CommandContext& ctx);      // truncate.cpp
CommandResult Execute(const ast::VacuumStmt& stmt, CommandContext& ctx);        // vacuum.cpp
CommandResult Execute(const ast::RoleStmt& stmt, CommandContext& ctx);          // role.cpp
CommandResult Execute(const ast::CreateSequenceStmt& stmt, CommandContext& ctx);  // sequence.cpp
CommandResult Execute(const ast::AlterSequenceStmt& stmt, CommandContext& ctx);   // sequence.cpp
CommandResult Execute(const ast::RenameStmt& stmt, CommandContext& ctx);          // rename.cpp
CommandResult Execute(const ast::AlterObjectSchemaStmt& stmt, CommandContext& ctx);  // set_schema.cpp
CommandResult Execute(const ast::SetConstraintsStmt& stmt, CommandContext& ctx);  // set_constraints.cpp
CommandResult Execute(const ast::DatabaseStmt& stmt, CommandContext& ctx);        // database.cpp
CommandResult Execute(const ast::AlterOwnerStmt& stmt, CommandContext& ctx);      // owner.cpp (ALTER SCHEMA)
CommandResult Execute(const ast::CommentStmt& stmt, CommandContext& ctx);         // comment.cpp
CommandResult Execute(const ast::CreateTypeStmt& stmt, CommandContext& ctx);      // create_type.cpp
CommandResult Execute(const ast::AlterTypeStmt& stmt, CommandContext& ctx);       // alter_type.cpp
// DROP TYPE (drop_type.cpp, called from drop.cpp).
CommandResult ExecuteDropType(const ast::DropStmt& stmt, CommandContext& ctx);

// The sequence named by `rv` (schema "" = public), or null. Throws 3F000 for a missing schema.
const SequenceEntry* FindSequence(const Catalog& catalog, const SearchPath& path, const ast::RangeVar& rv);

// CREATE TABLE ... AS / SELECT ... INTO (create_table_as.cpp).
CommandResult ExecuteCreateTableAs(const ast::CreateTableStmt& stmt, CommandContext& ctx);

}  // namespace kanto::commands
