// Catalog introspection for tools (the shell's \d). Reads the connection's current view of the
// catalog (its own uncommitted DDL included).
#pragma once

#include <string>
#include <vector>

#include "kanto/kanto.hpp"

namespace kanto {

struct RelationInfo {
  std::string schema;
  std::string name;
  std::string kind;  // "table" or "index"
  std::string owner;
  std::string table;  // for indexes: the table
};

struct ColumnDescription {
  std::string name;
  std::string type;
  bool not_null = false;
  std::string default_sql;
};

struct TableDescription {
  std::string schema;
  std::string name;
  std::vector<ColumnDescription> columns;
  std::vector<std::string> indexes;  // psql style: "t_pkey" PRIMARY KEY, btree (id)
};

std::vector<RelationInfo> ListRelations(Connection& conn);
// Finds a table by name (optionally schema-qualified). Returns false when there is none.
bool DescribeTable(Connection& conn, const std::string& name, TableDescription* out);

}  // namespace kanto
