// The role a statement names (OWNER TO, AUTHORIZATION), looked up when it runs.
#pragma once

#include "catalog/catalog.hpp"
#include "commands/command_context.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::commands {

// Throws 42704 when no such role exists.
const RoleEntry& ResolveRoleName(const Catalog& catalog, const ast::RoleName& role, const CommandContext& ctx);

}  // namespace kanto::commands
