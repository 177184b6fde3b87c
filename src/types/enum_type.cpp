#include "types/enum_type.hpp"

#include <algorithm>
#include <cstdio>

#include "kanto/error.hpp"
#include "types/intern_table.hpp"

namespace kanto {

namespace {

// The definition as a string: equal definitions, equal keys (sort orders exactly, in hex).
std::string Key(const EnumType& t) {
  std::string key = std::to_string(t.oid) + "/" + std::to_string(t.array_oid) + "/" + std::to_string(t.name.size()) +
                    ":" + t.name + "/";
  for (const EnumLabel& l : t.labels) {
    char order[40];
    std::snprintf(order, sizeof order, "%a", l.sort_order);
    key += std::to_string(l.oid) + "," + order + "," + std::to_string(l.label.size()) + ":" + l.label;
  }
  return key;
}

InternTable<EnumType>& Enums() {
  static InternTable<EnumType> enums;
  return enums;
}

}  // namespace

LogicalType EnumLogicalType(const EnumType& type) {
  return LogicalType(TypeId::kEnum, Enums().Intern(Key(type), type));
}

const EnumType& EnumTypeOf(const LogicalType& type) { return Enums().Get(type.mod1, "enum type"); }

double EnumInput(std::string_view text, const LogicalType& type) {
  const EnumType& e = EnumTypeOf(type);
  for (const EnumLabel& l : e.labels) {
    if (l.label == text) return l.sort_order;
  }
  throw Error(sqlstate::kInvalidTextRepresentation,
              "invalid input value for enum " + e.name + ": \"" + std::string(text) + "\"");
}

const std::string& EnumOutput(double sort_order, const LogicalType& type) {
  const EnumType& e = EnumTypeOf(type);
  auto it = std::lower_bound(e.labels.begin(), e.labels.end(), sort_order,
                             [](const EnumLabel& l, double s) { return l.sort_order < s; });
  if (it == e.labels.end() || it->sort_order != sort_order) {
    throw Error(sqlstate::kInternalError, "invalid internal value for enum " + e.name);
  }
  return it->label;
}

}  // namespace kanto
