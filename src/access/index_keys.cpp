#include "access/index_keys.hpp"

#include "access/bound_table_expression.hpp"
#include "execution/execution_context.hpp"
#include "execution/expression_executor.hpp"
#include "types/vector.hpp"

namespace kanto::access {

namespace {
Value Evaluate(ExecutionContext& ctx, const BoundExpr& e, const DataChunk& row) {
  Vector result;
  ExpressionExecutor::Evaluate(e, ctx, row, result);
  return result.GetValue(0);
}
}  // namespace

bool IndexKeyValues(ExecutionContext& ctx, const TableEntry& table, const IndexEntry& index,
                    const std::vector<Value>& row, std::vector<Value>* key) {
  key->clear();
  if (!index.computed()) {
    for (uint32_t c : index.columns) key->push_back(row[c]);
    return true;
  }
  DataChunk one(table.column_types());
  one.AppendRow(row);
  if (!index.predicate.empty()) {
    Value in = Evaluate(ctx, BoundTableExpression(ctx.fn, table, index.predicate, Binder::RowExpression::kIndexPredicate), one);
    if (in.is_null() || !in.bool_value()) return false;
  }
  size_t next = 0;
  for (uint32_t c : index.columns) {
    if (c != IndexEntry::kExpression) {
      key->push_back(row[c]);
      continue;
    }
    const std::string& sql = index.expressions.at(next++);
    key->push_back(Evaluate(ctx, BoundTableExpression(ctx.fn, table, sql, Binder::RowExpression::kIndexExpression), one));
  }
  return true;
}

std::vector<LogicalType> IndexKeyTypes(const TableEntry& table, const IndexEntry& index) {
  std::vector<LogicalType> out;
  FunctionContext fn;
  size_t next = 0;
  for (uint32_t c : index.columns) {
    if (c != IndexEntry::kExpression) {
      out.push_back(table.columns[c].type);
      continue;
    }
    const std::string& sql = index.expressions.at(next++);
    out.push_back(BoundTableExpression(fn, table, sql, Binder::RowExpression::kIndexExpression).type);
  }
  return out;
}

}  // namespace kanto::access
