#include "access/generated_columns.hpp"

#include "access/bound_table_expression.hpp"
#include "execution/execution_context.hpp"
#include "execution/expression_executor.hpp"
#include "types/vector.hpp"

namespace kanto::access {

bool HasGeneratedColumns(const TableEntry& table) {
  for (const auto& c : table.columns) {
    if (c.generated) return true;
  }
  return false;
}

void ComputeGeneratedColumns(ExecutionContext& ctx, const TableEntry& table, std::vector<Value>* row) {
  if (!HasGeneratedColumns(table)) return;
  // Generation expressions never read generated columns, so one pass over the given row will do.
  DataChunk one(table.column_types());
  one.AppendRow(*row);
  for (size_t c = 0; c < table.columns.size(); c++) {
    const ColumnEntry& col = table.columns[c];
    if (!col.generated) continue;
    const BoundExpr& e =
        BoundTableExpression(ctx.fn, table, col.default_sql, Binder::RowExpression::kGeneration, static_cast<int>(c));
    Vector result;
    ExpressionExecutor::Evaluate(e, ctx, one, result);
    (*row)[c] = result.GetValue(0);
    (*row)[c].set_type(col.type);
  }
}

}  // namespace kanto::access
