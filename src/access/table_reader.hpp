// Reading a table's rows: range scans over the row keys or a secondary index, decoded into
// chunks, and whole-table reads for the utility statements (ALTER TABLE, CREATE INDEX, validation).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "types/value.hpp"
#include "types/vector.hpp"

namespace kanto {
namespace storage {
class Engine;
class Iterator;
class Transaction;
}  // namespace storage

namespace access {

// Rows of a table whose keys in `index` (null: the row keys themselves) lie in [lower, upper),
// in key order, own writes included. Only the columns `column_ids` are decoded (all when empty).
// `newest`: the rows as last committed rather than as the statement's snapshot sees them.
// `point`: the range holds no key but `lower` (a whole primary key's equality), which is then read
// with one Get (bloom filters, no iterator over every level) instead of an iterator and a Seek.
class TableScan {
 public:
  TableScan(storage::Transaction& txn, const TableEntry& table, const IndexEntry* index, std::string lower,
            std::string upper, const std::vector<uint32_t>& column_ids, bool newest = false, bool point = false);
  ~TableScan();
  TableScan(const TableScan&) = delete;
  TableScan& operator=(const TableScan&) = delete;

  // The types of the decoded columns, in `column_ids` order.
  const std::vector<LogicalType>& output_types() const { return out_types_; }
  // Appends up to `max` rows to `rows` (of output_types()) and, unless null, their row keys to
  // *keys. Returns false when no row was left.
  bool Next(DataChunk* rows, std::vector<std::string>* keys, size_t max);

 private:
  storage::Transaction& txn_;
  const TableEntry& table_;
  const IndexEntry* index_;  // null or primary: the iterator is over rows
  bool newest_;
  std::unique_ptr<storage::Iterator> it_;  // null for a point read
  // A point read: its key, and its row's value until Next has decoded it.
  std::string point_key_;
  std::optional<std::string> point_value_;
  std::vector<LogicalType> table_types_;
  std::vector<std::string> missing_;  // columns added later: what older rows read
  std::vector<int32_t> out_pos_;      // table column i goes to output column out_pos_[i] (-1: not read)
  std::vector<LogicalType> out_types_;
};

struct StoredRow {
  std::string key;  // the row's storage key
  std::vector<Value> values;
};

// Every row of the table (own writes included), decoded with the table's column types.
std::vector<StoredRow> ReadRows(storage::Transaction& txn, const TableEntry& table);
// The same, one row at a time in key order: `fn(key, row)` for each, decoded in batches so that
// memory stays flat however large the table.
void ForEachRow(storage::Transaction& txn, const TableEntry& table,
                const std::function<void(const std::string& key, std::vector<Value>& row)>& fn);
// The row stored under `key` as the statement's snapshot sees it; false when there is none.
bool ReadRow(storage::Transaction& txn, const TableEntry& table, const std::string& key, std::vector<Value>* row);

// Approximate number of committed rows (for the optimizer; cheap).
double EstimateRowCount(storage::Engine& engine, const TableEntry& table);

}  // namespace access
}  // namespace kanto
