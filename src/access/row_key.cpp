#include "access/row_key.hpp"

#include "function/cast.hpp"
#include "storage/engine.hpp"
#include "storage/key_encoding.hpp"

namespace kanto::access {

namespace {
// A row key is [table id (4 bytes)][row index id (4 bytes)][...]: index entries of rows whose
// key may repeat end with the row key's part after the two ids.
constexpr size_t kRowKeyIdBytes = 8;
}  // namespace

std::string TablePrefix(uint32_t table_id, uint32_t index_id) {
  storage::KeyWriter w;
  w.AppendObjectId(table_id);
  w.AppendObjectId(index_id);
  return w.Release();
}

std::string TableDataPrefix(uint32_t table_id) {
  storage::KeyWriter w;
  w.AppendObjectId(table_id);
  return w.Release();
}

std::string KeySuccessor(std::string prefix) { return storage::PrefixSuccessor(std::move(prefix)); }

std::string AppendKeyValue(std::string prefix, const Value& v, bool descending) {
  storage::KeyWriter w;
  w.AppendValue(v, descending);
  return prefix + w.Release();
}

bool ConvertKeyValue(const Value& v, const LogicalType& column, const FunctionContext& fn, Value* out) {
  if (v.is_null()) return false;
  if (v.type().id == column.id) {
    *out = v;
    return true;
  }
  if (column.IsInteger() && v.type().IsInteger()) {
    int64_t x = v.int_value();
    int64_t lo = column.id == TypeId::kInt2 ? INT16_MIN : column.id == TypeId::kInt4 ? INT32_MIN : INT64_MIN;
    int64_t hi = column.id == TypeId::kInt2 ? INT16_MAX : column.id == TypeId::kInt4 ? INT32_MAX : INT64_MAX;
    if (x < lo || x > hi) return false;
    *out = Value::FromInt(column, x);
    return true;
  }
  *out = CastValue(v, column, CastContext::kImplicit, fn);
  return true;
}

std::vector<Value> PrimaryKeyValues(const TableEntry& table, const std::vector<Value>& row) {
  std::vector<Value> out;
  if (const IndexEntry* pk = table.primary_key()) {
    for (uint32_t c : pk->columns) out.push_back(row[c]);
  }
  return out;
}

std::string MakeRowKey(storage::Engine& engine, const TableEntry& table, const std::vector<Value>& row) {
  storage::KeyWriter w;
  w.AppendObjectId(table.id);
  w.AppendObjectId(table.row_index_id());
  const IndexEntry* pk = table.primary_key();
  if (!pk) {
    w.AppendU64(engine.NextRowId(table.id, TablePrefix(table.id, table.rowid_index_id)));
    return w.Release();
  }
  for (size_t i = 0; i < pk->columns.size(); i++) w.AppendValue(row[pk->columns[i]], pk->descending[i]);
  return w.Release();
}

bool IndexKeyMayConflict(const IndexEntry& index, const std::vector<Value>& key) {
  if (!index.unique) return false;
  if (index.nulls_not_distinct) return true;
  for (const Value& v : key) {
    if (v.is_null()) return false;
  }
  return true;
}

std::string MakeIndexKey(const TableEntry& table, const IndexEntry& index, const std::vector<Value>& key,
                         const std::string& row_key) {
  storage::KeyWriter w;
  w.AppendObjectId(table.id);
  w.AppendObjectId(index.id);
  for (size_t i = 0; i < key.size(); i++) w.AppendValue(key[i], index.descending[i]);
  std::string out = w.Release();
  if (!IndexKeyMayConflict(index, key)) out.append(row_key, kRowKeyIdBytes, std::string::npos);
  return out;
}

}  // namespace kanto::access
