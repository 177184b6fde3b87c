// Errors the ALTER TABLE subcommands share (alter_table.cpp, alter_column_type.cpp).
#pragma once

#include <string>

#include "catalog/catalog.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

// The position of column `name` of `table`; 42703 when it has none.
inline int ColumnOrThrow(const TableEntry& table, const std::string& name) {
  int c = table.FindColumn(name);
  if (c < 0) {
    throw Error(sqlstate::kUndefinedColumn, "column \"" + name + "\" of relation \"" + table.name + "\" does not exist");
  }
  return c;
}

// 23502: a NOT NULL column being added or changed would hold NULL in some stored row.
[[noreturn]] inline void ContainsNulls(const TableEntry& table, const std::string& column) {
  throw Error(sqlstate::kNotNullViolation,
              "column \"" + column + "\" of relation \"" + table.name + "\" contains null values");
}

}  // namespace kanto::commands
