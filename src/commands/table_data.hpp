// A table's stored rows and index entries, as the utility statements need them (until src/access/
// owns table data): reading every row, and deleting a table's or an index's keys.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"
#include "types/value.hpp"

namespace kanto {

namespace storage {
class Transaction;
}  // namespace storage

namespace commands {

struct StoredRow {
  std::string key;  // the row's storage key
  std::vector<Value> values;
};

// Every row of the table (own writes included), decoded with the table's column types.
std::vector<StoredRow> ReadRows(storage::Transaction& txn, const TableEntry& table);

// Deletes every key stored under the table's id (rows and all index entries).
void DeleteTableData(storage::Transaction& txn, uint32_t table_id);
// Writes the entries of `index` (a new index of `table`) for every stored row; a unique index
// with two equal keys fails with 23505 "could not create unique index ...".
void BuildIndexEntries(storage::Transaction& txn, const FunctionContext& fn, const TableEntry& table,
                       const IndexEntry& index);
// Deletes every entry of one index.
void DeleteIndexData(storage::Transaction& txn, uint32_t table_id, uint32_t index_id);

}  // namespace commands
}  // namespace kanto
