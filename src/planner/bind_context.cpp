#include "planner/bind_context.hpp"

#include "kanto/error.hpp"

namespace kanto {

namespace {
// duplicate_alias, which kanto/error.hpp does not name yet.
constexpr const char* kDuplicateAlias = "42712";
// The system column tableoid of `e`: its OID, NULL in a null-extended row.
BoundExprPtr TableOid(const BindingEntry& e, const std::string& name) {
  BoundExprPtr oid = MakeConstant(Value::FromInt(LogicalType(TypeId::kOid), e.table_oid));
  if (e.never_null_column < 0) return oid;
  auto present = std::make_unique<BoundExpr>(BoundExprKind::kIsNotNull, LogicalType(TypeId::kBool));
  present->children.push_back(e.Column(static_cast<size_t>(e.never_null_column), name));
  auto out = std::make_unique<BoundExpr>(BoundExprKind::kCase, LogicalType(TypeId::kOid));
  out->children.push_back(std::move(present));
  out->children.push_back(std::move(oid));
  out->children.push_back(MakeConstant(Value::Null(LogicalType(TypeId::kOid))));
  return out;
}

constexpr const char* kTableOid = "tableoid";

}  // namespace

void BindContext::Add(BindingEntry entry) {
  if (entry.hidden.size() != entry.names.size()) entry.hidden.resize(entry.names.size(), false);
  if (!entry.alias.empty()) {
    for (const auto& e : entries_) {
      if (e.alias == entry.alias) {
        throw Error(kDuplicateAlias, "table name \"" + entry.alias + "\" specified more than once");
      }
    }
  }
  entries_.push_back(std::move(entry));
}

void BindContext::Merge(const BindContext& other) {
  for (const auto& e : other.entries_) Add(e);
}

BindingEntry* BindContext::FindEntry(const std::string& alias) {
  for (auto& e : entries_) {
    if (e.alias == alias && !e.unreachable) return &e;
  }
  return nullptr;
}

void BindContext::ThrowMissingTable(const std::string& table, int location) const {
  for (const auto& e : entries_) {
    std::string hint;
    if (e.alias == table && e.unreachable) {
      hint = "There is an entry for table \"" + table + "\", but it cannot be referenced from this part of the query.";
    } else if (e.relation == table && e.alias != table) {
      hint = "Perhaps you meant to reference the table alias \"" + e.alias + "\".";
    } else {
      continue;
    }
    throw Error(sqlstate::kUndefinedTable, "invalid reference to FROM-clause entry for table \"" + table + "\"")
        .WithHint(hint)
        .WithPosition(location + 1);
  }
  throw Error(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + table + "\"").WithPosition(location + 1);
}

BoundExprPtr BindContext::Resolve(const std::vector<std::string>& names, int location, bool throw_if_missing) const {
  const std::string& column = names.back();
  if (names.size() >= 2) {
    const std::string& table = names[names.size() - 2];
    for (const auto& e : entries_) {
      if (e.alias != table || e.unreachable) continue;
      for (size_t i = 0; i < e.names.size(); i++) {
        if (e.names[i] == column) {
          if (e.reads) *e.reads = true;
          return MakeColumnRef({e.table_index, static_cast<uint32_t>(i)}, e.types[i], table + "." + column);
        }
      }
      if (column == kTableOid && e.table_oid) return TableOid(e, table + "." + column);
      if (!throw_if_missing) return nullptr;
      throw Error(sqlstate::kUndefinedColumn, "column " + table + "." + column + " does not exist")
          .WithPosition(location + 1);
    }
    if (!throw_if_missing) return nullptr;
    ThrowMissingTable(table, location);
  }
  BoundExprPtr found;
  for (const auto& e : entries_) {
    if (e.unreachable) continue;
    for (size_t i = 0; i < e.names.size(); i++) {
      if (e.hidden[i] || e.names[i] != column) continue;
      if (found) {
        throw Error(sqlstate::kAmbiguousColumn, "column reference \"" + column + "\" is ambiguous")
            .WithPosition(location + 1);
      }
      found = e.Column(i, column);
    }
  }
  if (!found && column == kTableOid) {
    for (const auto& e : entries_) {
      if (e.unreachable || !e.table_oid) continue;
      if (found) {
        throw Error(sqlstate::kAmbiguousColumn, "column reference \"" + column + "\" is ambiguous")
            .WithPosition(location + 1);
      }
      found = TableOid(e, column);
    }
  }
  if (!found && throw_if_missing) {
    throw Error(sqlstate::kUndefinedColumn, "column \"" + column + "\" does not exist").WithPosition(location + 1);
  }
  return found;
}

std::vector<BoundExprPtr> BindContext::ExpandStar(const std::string& qualifier, int location) const {
  std::vector<BoundExprPtr> out;
  bool found_qualifier = false;
  for (const auto& e : entries_) {
    if (e.unreachable || (!qualifier.empty() && e.alias != qualifier)) continue;
    found_qualifier = true;
    for (size_t i = 0; i < e.names.size(); i++) {
      // A column without a name is internal (a joined modify's padding for the target's columns
      // and row key): no reference names it, so no star expands to it either.
      if ((qualifier.empty() && e.hidden[i]) || e.names[i].empty()) continue;
      auto ref = e.Column(i, e.names[i]);
      ref->alias = e.names[i];
      out.push_back(std::move(ref));
    }
  }
  if (!qualifier.empty() && !found_qualifier) ThrowMissingTable(qualifier, location);
  if (qualifier.empty() && entries_.empty()) {
    throw Error(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid").WithPosition(location + 1);
  }
  return out;
}

}  // namespace kanto
