// GRANT privileges ON objects TO roles [WITH GRANT OPTION], REVOKE [GRANT OPTION FOR] privileges ON
// objects FROM roles [CASCADE | RESTRICT], and ALTER DEFAULT PRIVILEGES [FOR ROLE r, ...]
// [IN SCHEMA s, ...] GRANT / REVOKE ... ON TABLES | SEQUENCES | ... (one statement: PostgreSQL's
// AlterDefaultPrivilegesStmt wraps a GrantStmt too).
#pragma once

#include <string>
#include <vector>

#include "parser/ast_stmt.hpp"

namespace kanto::ast {

struct GrantStmt : Statement {
  enum class Target : uint8_t { kTable, kSequence, kSchema, kDatabase, kFunction, kType };
  struct Privilege {
    std::string name;                  // lower case
    std::vector<std::string> columns;  // (col, ...): a column privilege
  };
  GrantStmt() : Statement(StmtKind::kGrant) {}
  bool is_grant = true;
  Target target = Target::kTable;
  std::vector<RangeVar> tables;       // ON [TABLE | SEQUENCE] names
  std::vector<std::string> objects;   // ON SCHEMA / DATABASE names
  std::vector<std::string> schemas;   // ON ALL TABLES | SEQUENCES IN SCHEMA names
  bool all_privileges = false;        // ALL [PRIVILEGES] [(col, ...)]
  std::vector<std::string> all_columns;  // ALL (col, ...)
  std::vector<Privilege> privileges;  // when not ALL
  std::vector<RoleName> grantees;     // PUBLIC: an empty name
  bool grant_option = false;          // WITH GRANT OPTION / GRANT OPTION FOR
  bool cascade = false;
  bool has_grantor = false;           // GRANTED BY
  RoleName grantor;
  // ALTER DEFAULT PRIVILEGES: `target` is the object kind (ON TABLES ...), no objects are named.
  bool defaults = false;
  std::vector<RoleName> for_roles;      // FOR ROLE / USER (none: the current role)
  std::vector<std::string> in_schemas;  // IN SCHEMA (none: every schema)
};

}  // namespace kanto::ast
