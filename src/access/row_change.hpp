// One row a statement inserts, updates or deletes, with all that goes with it: generated columns
// computed, the storage key derived, index entries and constraint checks (table_writer.hpp), and
// the referential events queued (foreign_key.hpp). INSERT, UPDATE, DELETE, ON CONFLICT DO UPDATE
// and MERGE all change rows through these.
#pragma once

#include <string>
#include <vector>

#include "access/constraint_check.hpp"
#include "catalog/catalog.hpp"
#include "types/value.hpp"

namespace kanto {
struct ExecutionContext;

namespace access {
class ReferentialQueue;

// Writes `row` (every column, of the table's types, generated columns computed) as a new row
// under `key`: NOT NULL, CHECK (`checks`) and unique constraints checked, and with `refs` (the
// table has foreign keys or is referenced) its referential checks queued. `keep`: the caller
// reads `row` afterwards (RETURNING); otherwise its long strings may be released.
void StoreInsertedRow(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>& row, const std::string& key,
                      bool keep, const std::vector<BoundCheck>& checks, ReferentialQueue* refs);
// An INSERT's row: its generated columns computed and its key made (a hidden row id allocated
// when the table has no primary key), then stored as StoreInsertedRow does. Returns the key.
std::string InsertTableRow(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>& row, bool keep,
                           const std::vector<BoundCheck>& checks, ReferentialQueue* refs);
// Replaces `old_row`, stored (and locked) under `old_key`, by `row`: its generated columns
// computed, FOR UPDATE strength taken when it changes a key column (row_lock.hpp), its old index entries removed, the new version written under its key (a changed
// primary key moves the row; the new key is checked for duplicates) with its constraints
// checked, and with `refs` the referential checks and actions queued. Returns the new key.
std::string UpdateTableRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& old_row,
                           const std::string& old_key, std::vector<Value>& row, bool keep,
                           const std::vector<BoundCheck>& checks, ReferentialQueue* refs);
// Deletes `row`, stored (and locked) under `key`, with its index entries (FOR UPDATE strength); with `refs` the
// referential actions on rows that reference it are queued.
void DeleteTableRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
                    const std::string& key, ReferentialQueue* refs);

}  // namespace access
}  // namespace kanto
