#include "access/bound_table_expression.hpp"

#include <memory>
#include <unordered_map>

namespace kanto::access {

namespace {
// What binding depends on: the table's column names and types, the kind, the target and the text.
std::string ShapeKey(const TableEntry& table, const std::string& sql, Binder::RowExpression kind, int assign_to) {
  std::string key(1, static_cast<char>(kind));
  key += std::to_string(assign_to);
  key += '\0';
  for (const auto& c : table.columns) {
    key += c.name;
    key += '\0';
    key += static_cast<char>(c.type.id);
    key += static_cast<char>(c.type.elem);
    key += std::to_string(c.type.mod1) + "," + std::to_string(c.type.mod2);
    key += '\0';
  }
  key += '\1';
  key += sql;
  return key;
}
}  // namespace

const BoundExpr& BoundTableExpression(const FunctionContext& fn, const TableEntry& table, const std::string& sql,
                                      Binder::RowExpression kind, int assign_to) {
  thread_local std::unordered_map<std::string, BoundExprPtr> cache;
  std::string key = ShapeKey(table, sql, kind, assign_to);
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  if (cache.size() >= 256) cache.clear();
  FunctionContext settings;  // binding must not depend on the session: the expressions are immutable
  settings.catalog = fn.catalog;
  BinderEnv env;
  env.catalog = fn.catalog;
  env.fn_ctx = &settings;
  Binder binder(env);
  BoundExprPtr bound = binder.BindRowExpression(table, sql, kind);
  if (assign_to >= 0) bound = binder.Coerce(std::move(bound), table.columns.at(assign_to).type, CastContext::kAssignment);
  return *cache.emplace(std::move(key), std::move(bound)).first->second;
}

}  // namespace kanto::access
