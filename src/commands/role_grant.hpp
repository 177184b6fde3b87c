// GRANT / REVOKE of role membership (commands/role_grant.cpp), called from commands/role.cpp.
#pragma once

#include "commands/command_context.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::commands {

CommandResult GrantRoles(const ast::RoleStmt& stmt, CatalogChange& change, const CommandContext& ctx);

}  // namespace kanto::commands
