#include "commands/role_name.hpp"

#include "kanto/error.hpp"

namespace kanto::commands {

const RoleEntry& ResolveRoleName(const Catalog& catalog, const ast::RoleName& role, const CommandContext& ctx) {
  // Kanto's session user is the current user (SET ROLE aside, which changes both).
  const std::string& name = role.kind == ast::RoleName::Kind::kName ? role.name : ctx.fn.current_user;
  const RoleEntry* r = catalog.FindRole(name);
  if (!r) throw Error(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
  return *r;
}

}  // namespace kanto::commands
