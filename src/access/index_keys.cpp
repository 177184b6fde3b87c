#include "access/index_keys.hpp"

#include <memory>
#include <unordered_map>

#include "execution/execution_context.hpp"
#include "execution/expression_executor.hpp"
#include "planner/binder.hpp"
#include "types/vector.hpp"

namespace kanto::access {

namespace {
struct BoundIndex {
  std::vector<BoundExprPtr> expressions;  // pairwise with IndexEntry::expressions
  BoundExprPtr predicate;                 // null: every row
};

// What binding depends on: the table's column names and types, and the texts.
std::string ShapeKey(const TableEntry& table, const IndexEntry& index) {
  std::string key;
  for (const auto& c : table.columns) {
    key += c.name;
    key += '\0';
    key += static_cast<char>(c.type.id);
    key += static_cast<char>(c.type.elem);
    key += std::to_string(c.type.mod1) + "," + std::to_string(c.type.mod2);
    key += '\0';
  }
  for (const auto& e : index.expressions) {
    key += '\1';
    key += e;
  }
  key += '\2';
  key += index.predicate;
  return key;
}

const BoundIndex& Bind(const FunctionContext& fn, const TableEntry& table, const IndexEntry& index) {
  thread_local std::unordered_map<std::string, std::unique_ptr<BoundIndex>> cache;
  std::string key = ShapeKey(table, index);
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  if (cache.size() >= 256) cache.clear();
  auto bound = std::make_unique<BoundIndex>();
  FunctionContext settings;  // binding must not depend on the session: the expressions are immutable
  settings.catalog = fn.catalog;
  BinderEnv env;
  env.catalog = fn.catalog;
  env.fn_ctx = &settings;
  Binder binder(env);
  for (const auto& e : index.expressions) {
    bound->expressions.push_back(binder.BindRowExpression(table, e, Binder::RowExpression::kIndexExpression));
  }
  if (!index.predicate.empty()) {
    bound->predicate = binder.BindRowExpression(table, index.predicate, Binder::RowExpression::kIndexPredicate);
  }
  return *cache.emplace(std::move(key), std::move(bound)).first->second;
}

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
  const BoundIndex& bound = Bind(ctx.fn, table, index);
  DataChunk one(table.column_types());
  one.AppendRow(row);
  if (bound.predicate) {
    Value in = Evaluate(ctx, *bound.predicate, one);
    if (in.is_null() || !in.bool_value()) return false;
  }
  size_t next = 0;
  for (uint32_t c : index.columns) {
    key->push_back(c == IndexEntry::kExpression ? Evaluate(ctx, *bound.expressions.at(next++), one) : row[c]);
  }
  return true;
}

std::vector<LogicalType> IndexKeyTypes(const TableEntry& table, const IndexEntry& index) {
  std::vector<LogicalType> out;
  const BoundIndex* bound = index.expressions.empty() ? nullptr : &Bind(FunctionContext(), table, index);
  size_t next = 0;
  for (uint32_t c : index.columns) {
    out.push_back(c == IndexEntry::kExpression ? bound->expressions.at(next++)->type : table.columns[c].type);
  }
  return out;
}

}  // namespace kanto::access
