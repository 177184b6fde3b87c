// A table's secondary index entries: kept in step with each row written or deleted (checking
// unique indexes, 23505), built for a new index, and dropped with an index or a table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"
#include "types/value.hpp"

namespace kanto {
struct ExecutionContext;

namespace storage {
class Engine;
class Transaction;
}  // namespace storage

namespace access {

// Writes the entries of every secondary index for `row` stored under `row_key` (a partial index:
// when the row satisfies its predicate); 23505 when a unique index already holds the key for
// another row. `fresh_row_key`: no other transaction can write `row_key` (a hidden row id just
// allocated), so neither can it write the entries that end in it: those go without a row lock.
void InsertIndexEntries(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
                        const std::string& row_key, bool fresh_row_key = false);
// Removes the secondary index entries of `row` stored under `row_key`.
void DeleteIndexEntries(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
                        const std::string& row_key);

// Writes the entries of `index` (a new index of `table`) for every stored row; a unique index
// with two equal keys fails with 23505 "could not create unique index ...". REQUIRES: the
// transaction holds the table in SHARE mode or stronger (no other transaction writes it), and
// the index is new: its entries are written without row locks. They are sorted and ingested
// into storage as SST files (storage/bulk_load.hpp; a few go through the transaction).
void BuildIndexEntries(ExecutionContext& ctx, const TableEntry& table, const IndexEntry& index);
// Deletes every entry of one index.
void DeleteIndexData(storage::Transaction& txn, uint32_t table_id, uint32_t index_id);
// Deletes every key stored under the table's id (rows and all index entries).
void DeleteTableData(storage::Transaction& txn, uint32_t table_id);
// Compacts the table's keys in storage (VACUUM: drops deleted rows' tombstones and old versions).
void CompactTableData(storage::Engine& engine, uint32_t table_id);

}  // namespace access
}  // namespace kanto
