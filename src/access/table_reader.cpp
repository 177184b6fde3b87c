#include "access/table_reader.hpp"

#include "access/row_key.hpp"
#include "kanto/error.hpp"
#include "storage/engine.hpp"
#include "storage/row_codec.hpp"

namespace kanto::access {

TableScan::TableScan(storage::Transaction& txn, const TableEntry& table, const IndexEntry* index, std::string lower,
                     std::string upper, const std::vector<uint32_t>& column_ids, bool newest, bool point)
    : txn_(txn), table_(table), index_(index && !index->primary ? index : nullptr), newest_(newest) {
  if (point && !index_) {
    std::string value;
    if (txn.Get(lower, &value, newest)) point_value_ = std::move(value);
    point_key_ = std::move(lower);
  } else {
    it_ = txn.Scan(std::move(lower), std::move(upper), newest);
  }
  table_types_ = table.column_types();
  missing_ = table.missing_values();
  out_pos_.assign(table_types_.size(), -1);
  if (column_ids.empty()) {
    for (uint32_t i = 0; i < table_types_.size(); i++) {
      out_pos_[i] = static_cast<int32_t>(i);
      out_types_.push_back(table_types_[i]);
    }
  } else {
    for (size_t i = 0; i < column_ids.size(); i++) {
      out_pos_[column_ids[i]] = static_cast<int32_t>(i);
      out_types_.push_back(table_types_[column_ids[i]]);
    }
  }
}

TableScan::~TableScan() = default;

bool TableScan::Next(DataChunk* rows, std::vector<std::string>* keys, size_t max) {
  size_t start = rows->size();
  if (!it_) {
    if (!point_value_ || max == 0) return false;
    storage::DecodeRowColumns(*point_value_, table_types_, out_pos_, rows, &missing_);
    if (keys) keys->push_back(point_key_);
    point_value_.reset();
    return true;
  }
  std::string row_value;
  while (it_->Valid() && rows->size() - start < max) {
    if (index_) {
      std::string row_key(it_->value());
      if (!txn_.Get(row_key, &row_value, newest_)) {
        throw Error(sqlstate::kDataCorrupted, "index \"" + index_->name + "\" points to a missing row");
      }
      storage::DecodeRowColumns(row_value, table_types_, out_pos_, rows, &missing_);
      if (keys) keys->push_back(std::move(row_key));
    } else {
      storage::DecodeRowColumns(it_->value(), table_types_, out_pos_, rows, &missing_);
      if (keys) keys->emplace_back(it_->key());
    }
    it_->Next();
  }
  return rows->size() > start;
}

std::vector<StoredRow> ReadRows(storage::Transaction& txn, const TableEntry& table) {
  std::string prefix = TablePrefix(table.id, table.row_index_id());
  auto types = table.column_types();
  auto missing = table.missing_values();
  std::vector<StoredRow> rows;
  auto it = txn.Scan(prefix, KeySuccessor(prefix));
  for (; it->Valid(); it->Next()) {
    DataChunk chunk(types);
    storage::DecodeRow(it->value(), types, &chunk, &missing);
    rows.push_back({std::string(it->key()), chunk.GetRow(0)});
  }
  return rows;
}

void ForEachRow(storage::Transaction& txn, const TableEntry& table,
                const std::function<void(const std::string& key, std::vector<Value>& row)>& fn) {
  constexpr size_t kBatch = 1024;
  std::string prefix = TablePrefix(table.id, table.row_index_id());
  auto types = table.column_types();
  auto missing = table.missing_values();
  DataChunk chunk(types);
  std::vector<std::string> keys;
  auto flush = [&] {
    for (size_t i = 0; i < keys.size(); i++) {
      std::vector<Value> row = chunk.GetRow(i);
      fn(keys[i], row);
    }
    chunk.Reset();
    keys.clear();
  };
  auto it = txn.Scan(prefix, KeySuccessor(prefix));
  for (; it->Valid(); it->Next()) {
    storage::DecodeRow(it->value(), types, &chunk, &missing);
    keys.emplace_back(it->key());
    if (keys.size() == kBatch) flush();
  }
  it.reset();
  flush();
}

bool ReadRow(storage::Transaction& txn, const TableEntry& table, const std::string& key, std::vector<Value>* row) {
  std::string value;
  if (!txn.Get(key, &value)) return false;
  auto types = table.column_types();
  auto missing = table.missing_values();
  DataChunk chunk(types);
  storage::DecodeRow(value, types, &chunk, &missing);
  *row = chunk.GetRow(0);
  return true;
}

double EstimateRowCount(storage::Engine& engine, const TableEntry& table) {
  std::string lower = TablePrefix(table.id, table.row_index_id());
  return static_cast<double>(engine.EstimateKeys(lower, KeySuccessor(lower)));
}

}  // namespace kanto::access
