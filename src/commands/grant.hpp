// The pieces GRANT / REVOKE (grant.cpp) and ALTER DEFAULT PRIVILEGES (grant_defaults.cpp) share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/acl.hpp"
#include "commands/command_context.hpp"

namespace kanto::ast {
struct GrantStmt;
}  // namespace kanto::ast

namespace kanto::commands {

// A privilege's bit by its lower-case name (0 for RULE, which PostgreSQL ignores); 42601 otherwise.
uint32_t PrivilegeBit(const std::string& name);
// 0LP01 "invalid privilege type X for <kind>" for the first privilege not in `valid`.
void CheckPrivilegesValid(uint32_t privileges, uint32_t valid, const std::string& kind);
// The grantees' role ids (PUBLIC: kAclPublic); 0LP01 for a grant option to PUBLIC.
std::vector<uint32_t> ResolveGrantees(const ast::GrantStmt& stmt, const CatalogChange& change, const CommandContext& ctx);
// GRANTED BY: PostgreSQL accepts only the current user (0A000 otherwise).
void CheckGrantor(const ast::GrantStmt& stmt, const CatalogChange& change, const CommandContext& ctx);

// The object a GRANT changes the ACL of.
struct GrantObject {
  uint32_t owner = 0;
  uint32_t all = 0;     // the kind's privileges
  std::string denied;   // the 42501 message when the user may grant nothing
  std::string shown;    // as the WARNINGs name it, quoted: "t"
};
// `acl` after the statement grants or revokes `privileges` to / from `grantees` as role `me`.
Acl ApplyGrant(const Catalog& catalog, uint32_t me, const GrantObject& object, const Acl& acl, uint32_t privileges,
               bool all_privileges, const std::vector<uint32_t>& grantees, const ast::GrantStmt& stmt,
               CommandResult& result);

CommandResult ExecuteDefaultPrivileges(const ast::GrantStmt& stmt, CommandContext& ctx);  // grant_defaults.cpp

}  // namespace kanto::commands
