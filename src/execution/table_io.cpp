#include "execution/table_io.hpp"

#include "execution/expression_executor.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "storage/engine.hpp"
#include "storage/key_encoding.hpp"
#include "storage/row_codec.hpp"

namespace kanto {

std::string TablePrefix(uint32_t table_id, uint32_t index_id) {
  storage::KeyWriter w;
  w.AppendObjectId(table_id);
  w.AppendObjectId(index_id);
  return w.Release();
}

std::string RowToString(const std::vector<Value>& row, const FunctionContext& ctx) {
  std::string out = "(";
  for (size_t i = 0; i < row.size(); i++) {
    if (i) out += ", ";
    out += row[i].is_null() ? "null" : ValueToText(row[i], ctx);
  }
  return out + ")";
}

std::string MakeRowKey(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row) {
  storage::KeyWriter w;
  w.AppendObjectId(table.id);
  w.AppendObjectId(table.row_index_id());
  const IndexEntry* pk = table.primary_key();
  if (!pk) {
    std::string prefix = TablePrefix(table.id, table.rowid_index_id);
    w.AppendU64(ctx.engine->NextRowId(table.id, prefix));
    return w.Release();
  }
  for (size_t i = 0; i < pk->columns.size(); i++) w.AppendValue(row[pk->columns[i]], pk->descending[i]);
  return w.Release();
}

namespace {
bool AnyNull(const IndexEntry& index, const std::vector<Value>& row) {
  for (uint32_t c : index.columns) {
    if (row[c].is_null()) return true;
  }
  return false;
}

// Whether the row's entry in a unique index can collide with another row's: NULLs are distinct
// from each other unless the index is NULLS NOT DISTINCT.
bool KeyMayConflict(const IndexEntry& index, const std::vector<Value>& row) {
  return index.unique && (index.nulls_not_distinct || !AnyNull(index, row));
}

std::string KeyDescription(const TableEntry& table, const IndexEntry& index, const std::vector<Value>& row,
                           const FunctionContext& ctx) {
  std::string cols, vals;
  for (size_t i = 0; i < index.columns.size(); i++) {
    if (i) {
      cols += ", ";
      vals += ", ";
    }
    cols += table.columns[index.columns[i]].name;
    const Value& v = row[index.columns[i]];
    vals += v.is_null() ? "null" : ValueToText(v, ctx);
  }
  return "Key (" + cols + ")=(" + vals + ") already exists.";
}

[[noreturn]] void UniqueViolation(const TableEntry& table, const IndexEntry& index, const std::vector<Value>& row,
                                  const FunctionContext& ctx) {
  throw Error(sqlstate::kUniqueViolation, "duplicate key value violates unique constraint \"" + index.name + "\"")
      .WithDetail(KeyDescription(table, index, row, ctx));
}
}  // namespace

std::string MakeIndexKey(const TableEntry& table, const IndexEntry& index, const std::vector<Value>& row,
                         const std::string& row_key) {
  storage::KeyWriter w;
  w.AppendObjectId(table.id);
  w.AppendObjectId(index.id);
  for (size_t i = 0; i < index.columns.size(); i++) w.AppendValue(row[index.columns[i]], index.descending[i]);
  std::string key = w.Release();
  if (!KeyMayConflict(index, row)) key.append(row_key, 8, std::string::npos);
  return key;
}

namespace {
void ReleaseUnindexedStrings(const TableEntry& table, std::vector<Value>* row) {
  for (uint32_t c = 0; c < row->size(); c++) {
    Value& v = (*row)[c];
    if (v.is_null() || v.type().physical() != PhysicalType::kString || v.str_value().size() < Value::kSharedStringBytes) {
      continue;
    }
    bool indexed = false;
    for (const auto& index : table.indexes) {
      for (uint32_t col : index.columns) indexed = indexed || col == c;
    }
    if (!indexed) v = Value::Null(v.type());
  }
}

// WriteRow; `release` (the row itself, or null) is done with once encoded.
void WriteRowReleasing(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
                       const std::string& row_key, bool check_row_key, const std::vector<BoundCheck>& checks,
                       std::vector<Value>* release) {
  for (size_t c = 0; c < table.columns.size(); c++) {
    if (row[c].is_null() && table.columns[c].not_null) {
      throw Error(sqlstate::kNotNullViolation, "null value in column \"" + table.columns[c].name + "\" of relation \"" +
                                                   table.name + "\" violates not-null constraint")
          .WithDetail("Failing row contains " + RowToString(row, ctx.fn) + ".");
    }
  }
  for (const auto& check : checks) {
    if (!CheckPasses(ctx, table, *check.expr, row)) {
      throw Error(sqlstate::kCheckViolation,
                  "new row for relation \"" + table.name + "\" violates check constraint \"" + check.name + "\"")
          .WithDetail("Failing row contains " + RowToString(row, ctx.fn) + ".");
    }
  }
  std::string existing;
  if (check_row_key && table.primary_key() && ctx.txn->GetForUpdate(row_key, &existing)) {
    UniqueViolation(table, *table.primary_key(), row, ctx.fn);
  }
  std::string value;
  storage::EncodeRow(table.schema_version, row, &value);
  if (release) ReleaseUnindexedStrings(table, release);
  ctx.txn->Put(row_key, value);
  std::string().swap(value);
  for (const auto& index : table.indexes) {
    if (index.primary) continue;
    std::string key = MakeIndexKey(table, index, row, row_key);
    if (KeyMayConflict(index, row) && ctx.txn->GetForUpdate(key, &existing)) {
      if (existing != row_key) UniqueViolation(table, index, row, ctx.fn);
    }
    ctx.txn->Put(key, row_key);
  }
}
}  // namespace

bool CheckPasses(ExecutionContext& ctx, const TableEntry& table, const BoundExpr& check, const std::vector<Value>& row) {
  DataChunk one(table.column_types());
  one.AppendRow(row);
  Vector result;
  ExpressionExecutor::Evaluate(check, ctx, one, result);
  Value v = result.GetValue(0);
  return v.is_null() || v.bool_value();
}

void WriteRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
              const std::string& row_key, bool check_row_key, const std::vector<BoundCheck>& checks) {
  WriteRowReleasing(ctx, table, row, row_key, check_row_key, checks, nullptr);
}

void WriteRow(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>&& row, const std::string& row_key,
              bool check_row_key, const std::vector<BoundCheck>& checks) {
  WriteRowReleasing(ctx, table, row, row_key, check_row_key, checks, &row);
}

void DeleteRow(ExecutionContext& ctx, const TableEntry& table, const std::vector<Value>& row,
               const std::string& row_key, bool delete_row) {
  for (const auto& index : table.indexes) {
    if (index.primary) continue;
    ctx.txn->Delete(MakeIndexKey(table, index, row, row_key));
  }
  if (delete_row) ctx.txn->Delete(row_key);
}

}  // namespace kanto
