#include "access/constraint_check.hpp"

#include "catalog/index_definition.hpp"
#include "execution/expression_executor.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "types/vector.hpp"

namespace kanto::access {

std::string RowToString(const std::vector<Value>& row, const FunctionContext& fn) {
  std::string out = "(";
  for (size_t i = 0; i < row.size(); i++) {
    if (i) out += ", ";
    out += row[i].is_null() ? "null" : ValueToText(row[i], fn);
  }
  return out + ")";
}

void CheckNotNull(const TableEntry& table, const std::vector<Value>& row, const FunctionContext& fn) {
  for (size_t c = 0; c < table.columns.size(); c++) {
    if (row[c].is_null() && table.columns[c].not_null) {
      throw Error(sqlstate::kNotNullViolation, "null value in column \"" + table.columns[c].name + "\" of relation \"" +
                                                   table.name + "\" violates not-null constraint")
          .WithDetail("Failing row contains " + RowToString(row, fn) + ".");
    }
  }
}

bool CheckPasses(ExecutionContext& ctx, const TableEntry& table, const BoundExpr& check, const std::vector<Value>& row) {
  DataChunk one(table.column_types());
  one.AppendRow(row);
  Vector result;
  ExpressionExecutor::Evaluate(check, ctx, one, result);
  Value v = result.GetValue(0);
  return v.is_null() || v.bool_value();
}

void CheckConstraints(ExecutionContext& ctx, const TableEntry& table, const std::vector<BoundCheck>& checks,
                      const std::vector<Value>& row) {
  for (const auto& check : checks) {
    if (!CheckPasses(ctx, table, *check.expr, row)) {
      throw Error(sqlstate::kCheckViolation,
                  "new row for relation \"" + table.name + "\" violates check constraint \"" + check.name + "\"")
          .WithDetail("Failing row contains " + RowToString(row, ctx.fn) + ".");
    }
  }
}

std::string KeyText(const TableEntry& table, const std::vector<uint32_t>& columns, const std::vector<Value>& values,
                    const FunctionContext& fn) {
  std::string cols, vals;
  for (size_t i = 0; i < columns.size(); i++) {
    if (i) {
      cols += ", ";
      vals += ", ";
    }
    cols += table.columns[columns[i]].name;
    const Value& v = values[i];
    vals += v.is_null() ? "null" : ValueToText(v, fn);
  }
  return "(" + cols + ")=(" + vals + ")";
}

std::string IndexKeyText(const TableEntry& table, const IndexEntry& index, const std::vector<Value>& key,
                         const FunctionContext& fn) {
  std::vector<std::string> names = IndexKeyNames(table, index);
  std::string cols, vals;
  for (size_t i = 0; i < key.size(); i++) {
    if (i) {
      cols += ", ";
      vals += ", ";
    }
    cols += names[i];
    vals += key[i].is_null() ? "null" : ValueToText(key[i], fn);
  }
  return "(" + cols + ")=(" + vals + ")";
}

void ThrowUniqueViolation(const TableEntry& table, const IndexEntry& index, const std::vector<Value>& key,
                          const FunctionContext& fn) {
  throw Error(sqlstate::kUniqueViolation, "duplicate key value violates unique constraint \"" + index.name + "\"")
      .WithDetail("Key " + IndexKeyText(table, index, key, fn) + " already exists.");
}

}  // namespace kanto::access
