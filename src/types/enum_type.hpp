// Enum types (CREATE TYPE name AS ENUM (...)): a fixed, ordered set of labels.
//
// A LogicalType of id kEnum names its type by `mod1`, an id into a process-wide table of interned
// EnumTypes (as kRecord does, types/record.hpp): a definition (type OID, name, labels) once
// interned keeps its id for the life of the process, so ALTER TYPE ... ADD VALUE gives the type a
// new id and the catalog moves the columns that use it to that id.
//
// A value is held as a double (PhysicalType::kDouble): its label's sort order (PostgreSQL's
// pg_enum.enumsortorder). Sort orders never change once given, so comparisons, ORDER BY, min/max and
// memcomparable index keys need no catalog, and a stored value reads the same after labels are
// added or renamed. The label is found from the sort order when a value is written as text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "types/logical_type.hpp"

namespace kanto {

struct EnumLabel {
  uint32_t oid = 0;      // pg_enum.oid
  double sort_order = 0; // pg_enum.enumsortorder
  std::string label;
  bool operator==(const EnumLabel&) const = default;
};

struct EnumType {
  uint32_t oid = 0;        // pg_type.oid
  uint32_t array_oid = 0;  // the array type's pg_type.oid
  std::string name;        // format_type's spelling ("mood", "s.mood")
  std::vector<EnumLabel> labels;  // ascending sort order
  bool operator==(const EnumType&) const = default;
};

// The LogicalType for `type` (interned: equal definitions give equal types).
LogicalType EnumLogicalType(const EnumType& type);
// REQUIRES: type.id == kEnum (or an array of one, then its element) and type.mod1 >= 0.
const EnumType& EnumTypeOf(const LogicalType& type);
inline bool IsKnownEnum(const LogicalType& type) { return type.id == TypeId::kEnum && type.mod1 >= 0; }

// The sort order of `text` in the enum; 22P02 'invalid input value for enum mood: "x"'.
double EnumInput(std::string_view text, const LogicalType& type);
// The label with sort order `sort_order` (XX000 when the type has none: a stale type id).
const std::string& EnumOutput(double sort_order, const LogicalType& type);

}  // namespace kanto
