// BindContext: the tables visible to expressions of one query level (FROM items and their
// aliases), and how column names resolve against them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "planner/bound_expr.hpp"

namespace kanto {

struct BindingEntry {
  std::string alias;  // the name a qualified reference uses (table name or alias)
  // A table's or view's own name, when `alias` replaces it: a reference by that name is a mistake
  // PostgreSQL names ("Perhaps you meant to reference the table alias").
  std::string relation;
  // In the statement but not visible here (EXCLUDED in RETURNING): neither it nor its columns
  // resolve, and a reference to it gets PostgreSQL's "cannot be referenced from this part".
  bool unreachable = false;
  uint32_t table_index = 0;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  // Hidden columns are skipped by * and by unqualified lookups (USING/NATURAL duplicates).
  std::vector<bool> hidden;
  // Computed columns (FULL JOIN USING: COALESCE(left.k, right.k)); empty, or null for a plain
  // column of `table_index`.
  std::vector<std::shared_ptr<const BoundExpr>> computed;
  // A base table's primary key columns (empty otherwise): GROUP BY them and every column of the
  // table may be used ungrouped (PostgreSQL's functional dependency).
  std::vector<uint32_t> key_columns;
  // A table's OID, for its system column tableoid (0: no such column, as for a subquery or view),
  // and a column that is never NULL in its rows (-1: none): tableoid is NULL in a row an outer
  // join null-extends, which shows in that column.
  uint32_t table_oid = 0;
  int32_t never_null_column = -1;
  // The composite type of a whole-row reference (`t`, `t.*` as a value): a table's row type;
  // unset (kUnknown) for other FROM items, whose rows are anonymous records of their columns.
  LogicalType row_type;
  // Set when a column of this entry is referenced (the target of INSERT / UPDATE / DELETE: whether
  // the statement reads it, which needs SELECT privilege).
  std::shared_ptr<bool> reads;
  BoundExprPtr Column(size_t i, const std::string& name) const {
    if (reads) *reads = true;
    if (i < computed.size() && computed[i]) return computed[i]->Copy();
    return MakeColumnRef({table_index, static_cast<uint32_t>(i)}, types[i], name);
  }
};

class BindContext {
 public:
  void Add(BindingEntry entry);
  // Resolves `names` (column, or table.column). Throws 42703 / 42702 / 42P01. Returns null when
  // not found and `throw_if_missing` is false.
  BoundExprPtr Resolve(const std::vector<std::string>& names, int location, bool throw_if_missing = true) const;
  // The FROM item `alias` as one composite value (planner/bind_record.cpp); null when no
  // visible item has that name.
  BoundExprPtr WholeRow(const std::string& alias) const;
  // Expands * (qualifier empty) or t.* into column references.
  std::vector<BoundExprPtr> ExpandStar(const std::string& qualifier, int location) const;
  const std::vector<BindingEntry>& entries() const { return entries_; }
  BindingEntry* FindEntry(const std::string& alias);
  // 42P01 for a reference to `table`, which no visible entry is named.
  [[noreturn]] void ThrowMissingTable(const std::string& table, int location) const;
  bool empty() const { return entries_.empty(); }
  void Merge(const BindContext& other);

 private:
  std::vector<BindingEntry> entries_;
};

}  // namespace kanto
