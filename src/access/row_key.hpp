// How table rows and index entries map to storage keys (layout in docs/storage-format.md):
//   row:            [table id][row index id][primary key columns]   or [...][hidden row id]
//   index entry:    [table id][index id][index columns]([row key suffix] unless unique and no NULLs)
//                   value: the row's full storage key.
// Every other part of access/ builds its keys here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"
#include "types/value.hpp"

namespace kanto {
namespace storage {
class Engine;
}  // namespace storage

namespace access {

// [table id][index id]: the prefix of every row (row index id) or every entry of one index.
std::string TablePrefix(uint32_t table_id, uint32_t index_id);
// [table id]: the prefix of all of a table's keys (rows and every index).
std::string TableDataPrefix(uint32_t table_id);
// The smallest key greater than every key that starts with `prefix`.
std::string KeySuccessor(std::string prefix);
// `prefix` followed by the key encoding of `v`.
std::string AppendKeyValue(std::string prefix, const Value& v, bool descending);

// Converts a non-NULL key value to a column's type so that its encoding matches stored keys.
// False when the value cannot equal any value of the column (NULL, integer out of range).
bool ConvertKeyValue(const Value& v, const LogicalType& column, const FunctionContext& fn, Value* out);

// The values of the row's primary key columns.
std::vector<Value> PrimaryKeyValues(const TableEntry& table, const std::vector<Value>& row);
// The storage key of a row (allocating a hidden row id for tables without a primary key).
std::string MakeRowKey(storage::Engine& engine, const TableEntry& table, const std::vector<Value>& row);
// The key of a secondary index entry with key values `key` (IndexKeyValues) for the row stored
// under `row_key`.
std::string MakeIndexKey(const TableEntry& table, const IndexEntry& index, const std::vector<Value>& key,
                         const std::string& row_key);
// Whether an entry with key values `key` in a unique index can collide with another row's: NULLs
// are distinct from each other unless the index is NULLS NOT DISTINCT. Such an entry's key is the
// key values alone (no row key suffix), so a lookup of that key finds the one row with those values.
bool IndexKeyMayConflict(const IndexEntry& index, const std::vector<Value>& key);

}  // namespace access
}  // namespace kanto
