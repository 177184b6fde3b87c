// The SQL words of a foreign key's referential action, as pg_get_constraintdef and
// information_schema.referential_constraints print them.
#pragma once

#include "catalog/catalog.hpp"

namespace kanto {

inline const char* ForeignKeyActionText(char action) {
  switch (action) {
    case ForeignKeyEntry::kRestrict: return "RESTRICT";
    case ForeignKeyEntry::kCascade: return "CASCADE";
    case ForeignKeyEntry::kSetNull: return "SET NULL";
    case ForeignKeyEntry::kSetDefault: return "SET DEFAULT";
    default: return "NO ACTION";
  }
}

}  // namespace kanto
