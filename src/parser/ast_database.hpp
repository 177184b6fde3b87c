// CREATE DATABASE name [WITH] options; ALTER DATABASE name [WITH] options | RENAME TO | OWNER TO |
// SET / RESET; DROP DATABASE [IF EXISTS] name [WITH (FORCE)].
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parser/ast_stmt.hpp"

namespace kanto::ast {

struct DatabaseOption {
  std::string name;   // as libpg_query names it: owner, template, encoding, connection_limit, ...
  bool has_value = false;  // false: DEFAULT (or no value)
  bool is_number = false;
  std::string text;   // the value's text (numbers as written)
  int location = -1;
};

struct DatabaseStmt : Statement {
  enum class Action : uint8_t { kCreate, kAlter, kRename, kOwner, kSet, kDrop };
  DatabaseStmt() : Statement(StmtKind::kDatabase) {}
  Action action = Action::kCreate;
  std::string name;
  std::vector<DatabaseOption> options;  // kCreate, kAlter
  std::string new_name;                 // kRename
  RoleName owner;                       // kOwner
  std::unique_ptr<SetStmt> set;         // kSet: SET name = value / RESET name / RESET ALL
  bool if_exists = false;               // kDrop
  bool force = false;                   // kDrop: WITH (FORCE)
};

}  // namespace kanto::ast
