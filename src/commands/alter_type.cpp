// ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE | AFTER 'n'] and RENAME VALUE 'a' TO 'b'.
// A new label takes a sort order between its neighbours (after the last: the last's plus one), as
// PostgreSQL's AddEnumLabel gives it; stored values keep theirs, so nothing is rewritten.
#include <algorithm>
#include <cmath>

#include "commands/commands.hpp"
#include "commands/type_names.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

namespace {

std::vector<EnumLabel>::iterator FindLabel(std::vector<EnumLabel>& labels, const std::string& label) {
  return std::find_if(labels.begin(), labels.end(), [&](const EnumLabel& l) { return l.label == label; });
}

[[noreturn]] void NoSuchLabel(const std::string& label) {
  throw Error(sqlstate::kInvalidParameterValue, "\"" + label + "\" is not an existing enum label");
}

// The sort order of a label put at `pos` (before labels[pos]; at the end when pos == size).
double SortOrderAt(const std::vector<EnumLabel>& labels, size_t pos) {
  if (labels.empty()) return 1;
  if (pos == labels.size()) return labels.back().sort_order + 1;
  if (pos == 0) return labels.front().sort_order - 1;
  double lo = labels[pos - 1].sort_order, hi = labels[pos].sort_order;
  double mid = lo + (hi - lo) / 2;
  if (!(mid > lo && mid < hi)) {
    // PostgreSQL renumbers the labels then; here stored values hold the sort orders themselves.
    throw Error(sqlstate::kFeatureNotSupported,
                "adding an enum value between \"" + labels[pos - 1].label + "\" and \"" + labels[pos].label +
                    "\" is not supported: no sort order is left between them");
  }
  return mid;
}

}  // namespace

CommandResult Execute(const ast::AlterTypeStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  if (!FindNamedType(change, stmt.names)) {
    ast::TypeName builtin;  // a built-in type is no enum
    builtin.names = stmt.names;
    LogicalType t;
    try {
      t = Binder::ResolveTypeName(builtin);
    } catch (const Error&) {
      GetNamedType(change, stmt.names);  // 42704
    }
    throw Error(sqlstate::kWrongObjectType, t.ToString() + " is not an enum");
  }
  const TypeEntry& found = GetNamedType(change, stmt.names);
  if (found.kind != TypeEntry::kEnum) throw Error(sqlstate::kWrongObjectType, found.name + " is not an enum");
  TypeEntry type = found;
  CommandResult result("ALTER TYPE");
  if (stmt.action == ast::AlterTypeStmt::Action::kRenameValue) {
    auto it = FindLabel(type.labels, stmt.neighbor);
    if (it == type.labels.end()) NoSuchLabel(stmt.neighbor);
    if (stmt.neighbor == stmt.value) return result;
    if (FindLabel(type.labels, stmt.value) != type.labels.end()) {
      throw Error(sqlstate::kDuplicateObject, "enum label \"" + stmt.value + "\" already exists");
    }
    CheckEnumLabel(stmt.value);
    it->label = stmt.value;
  } else {
    if (FindLabel(type.labels, stmt.value) != type.labels.end()) {
      if (!stmt.if_not_exists) throw Error(sqlstate::kDuplicateObject, "enum label \"" + stmt.value + "\" already exists");
      result.notices.push_back(
          Error(sqlstate::kSuccess, "enum label \"" + stmt.value + "\" already exists, skipping"));
      return result;
    }
    CheckEnumLabel(stmt.value);
    size_t pos = type.labels.size();
    if (!stmt.neighbor.empty()) {
      auto it = FindLabel(type.labels, stmt.neighbor);
      if (it == type.labels.end()) NoSuchLabel(stmt.neighbor);
      pos = static_cast<size_t>(it - type.labels.begin()) + (stmt.after ? 1 : 0);
    }
    EnumLabel label{change.AllocateId(), SortOrderAt(type.labels, pos), stmt.value};
    type.labels.insert(type.labels.begin() + static_cast<std::ptrdiff_t>(pos), std::move(label));
  }
  change.PutType(std::move(type));
  change.Publish();
  return result;
}

}  // namespace kanto::commands
