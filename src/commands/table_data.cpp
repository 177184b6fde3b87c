#include "commands/table_data.hpp"

#include "execution/table_io.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "storage/engine.hpp"
#include "storage/key_encoding.hpp"
#include "storage/row_codec.hpp"
#include "types/vector.hpp"

namespace kanto::commands {

namespace {
void DeletePrefix(storage::Transaction& txn, const std::string& prefix) {
  std::vector<std::string> keys;
  auto it = txn.Scan(prefix, storage::PrefixSuccessor(prefix));
  for (; it->Valid(); it->Next()) keys.emplace_back(it->key());
  it.reset();
  for (const auto& k : keys) txn.Delete(k);
}
}  // namespace

std::vector<StoredRow> ReadRows(storage::Transaction& txn, const TableEntry& table) {
  std::string prefix = TablePrefix(table.id, table.row_index_id());
  auto types = table.column_types();
  auto missing = table.missing_values();
  std::vector<StoredRow> rows;
  auto it = txn.Scan(prefix, storage::PrefixSuccessor(prefix));
  for (; it->Valid(); it->Next()) {
    DataChunk chunk(types);
    storage::DecodeRow(it->value(), types, &chunk, &missing);
    rows.push_back({std::string(it->key()), chunk.GetRow(0)});
  }
  return rows;
}

void DeleteTableData(storage::Transaction& txn, uint32_t table_id) {
  storage::KeyWriter w;
  w.AppendObjectId(table_id);
  DeletePrefix(txn, w.Release());
}

void DeleteIndexData(storage::Transaction& txn, uint32_t table_id, uint32_t index_id) {
  DeletePrefix(txn, TablePrefix(table_id, index_id));
}

void BuildIndexEntries(storage::Transaction& txn, const FunctionContext& fn, const TableEntry& table,
                       const IndexEntry& index) {
  for (const auto& row : ReadRows(txn, table)) {
    std::string key = MakeIndexKey(table, index, row.values, row.key);
    std::string existing;
    if (index.unique && txn.GetForUpdate(key, &existing)) {
      std::string cols, vals;
      for (size_t i = 0; i < index.columns.size(); i++) {
        const Value& v = row.values[index.columns[i]];
        cols += (i ? ", " : "") + table.columns[index.columns[i]].name;
        vals += (i ? ", " : "") + (v.is_null() ? std::string("null") : ValueToText(v, fn));
      }
      throw Error(sqlstate::kUniqueViolation, "could not create unique index \"" + index.name + "\"")
          .WithDetail("Key (" + cols + ")=(" + vals + ") is duplicated.");
    }
    txn.Put(key, row.key);
  }
}

}  // namespace kanto::commands
