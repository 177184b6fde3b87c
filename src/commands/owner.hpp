// OWNER TO (owner.cpp): ALTER TABLE / SEQUENCE / VIEW / INDEX name OWNER TO role, and the OWNER TO
// subcommand among others of ALTER TABLE.
#pragma once

#include "commands/command_context.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::commands {

// A statement whose every subcommand is OWNER TO (any relation kind, as PostgreSQL takes it).
CommandResult ExecuteOwnerTo(const ast::AlterTableStmt& stmt, CommandContext& ctx);
// OWNER TO among ALTER TABLE's subcommands: the table, its indexes and the sequences it owns.
void ChangeTableOwner(const TableEntry& table, const ast::RoleName& role, CatalogChange& change,
                      const CommandContext& ctx);

}  // namespace kanto::commands
