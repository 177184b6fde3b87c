#include "commands/table_data.hpp"

#include "execution/table_io.hpp"
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

}  // namespace kanto::commands
