#include "main/data_modifying_with.hpp"

#include <set>

#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

const ast::WithClause* DataModifyingWithClause(const ast::Statement& stmt) {
  const ast::WithClause* with = nullptr;
  switch (stmt.kind) {
    case ast::StmtKind::kSelect: with = static_cast<const ast::SelectStmt&>(stmt).with.get(); break;
    case ast::StmtKind::kInsert: with = static_cast<const ast::InsertStmt&>(stmt).with.get(); break;
    case ast::StmtKind::kUpdate: with = static_cast<const ast::UpdateStmt&>(stmt).with.get(); break;
    case ast::StmtKind::kDelete: with = static_cast<const ast::DeleteStmt&>(stmt).with.get(); break;
    case ast::StmtKind::kMerge: with = static_cast<const ast::MergeStmt&>(stmt).with.get(); break;
    default: break;
  }
  if (!with) return nullptr;
  for (const auto& cte : with->ctes) {
    if (cte.query->kind == ast::StmtKind::kInsert || cte.query->kind == ast::StmtKind::kUpdate ||
        cte.query->kind == ast::StmtKind::kDelete) {
      return with;
    }
  }
  return nullptr;
}

namespace {
// The tables a part of the statement reads or writes (BinderEnv::relation_locks).
std::set<uint32_t> Relations(const BinderEnv& env) {
  std::set<uint32_t> out;
  for (const auto& [id, mode] : env.relation_locks) out.insert(id);
  return out;
}

// The tables a data-modifying query changes, or whose foreign keys tie them to one it changes.
std::set<uint32_t> Changed(const BoundStatement& bound, const Catalog& catalog) {
  const auto& op = static_cast<const LogicalModify&>(*bound.plan);
  std::set<uint32_t> out{op.table->id};
  for (const auto& [id, target] : op.cascade_targets) out.insert(id);
  for (const auto& fk : op.table->foreign_keys) out.insert(fk.ref_table);
  for (const auto& ref : catalog.ReferencesTo(op.table->id)) out.insert(ref.table->id);
  return out;
}
}  // namespace

void PrepareDataModifyingWith(const ast::Statement& stmt, const ast::WithClause& with, const Catalog& catalog,
                              const FunctionContext* fn, std::vector<LogicalType>* param_types,
                              DataModifyingWith* out) {
  if (with.recursive) {
    throw Error(sqlstate::kFeatureNotSupported, "data-modifying statements in WITH RECURSIVE are not supported");
  }
  std::vector<std::set<uint32_t>> reads;
  std::vector<std::set<uint32_t>> changes;
  std::vector<std::string> names;
  auto bind = [&](const ast::Statement& part, const ast::WithClause* outer) {
    BinderEnv env;
    env.catalog = &catalog;
    env.param_types = *param_types;
    env.fn_ctx = fn;
    env.returned = &out->returned;
    env.outer_with = outer;
    Binder binder(env);
    BoundStatement bound = binder.Bind(part);
    *param_types = env.param_types;
    reads.push_back(Relations(env));
    return bound;
  };
  for (const auto& cte : with.ctes) {
    if (cte.query->kind == ast::StmtKind::kSelect) continue;
    BoundStatement bound = bind(*cte.query, &with);
    changes.push_back(Changed(bound, catalog));
    names.push_back(cte.name);
    BinderEnv::ReturnedRows& r = out->returned[&cte];
    r.returning = bound.returns_rows;
    r.names = bound.names;
    for (size_t i = 0; i < r.names.size() && i < cte.columns.size(); i++) r.names[i] = cte.columns[i];
    r.types = bound.types;
  }
  bind(stmt, nullptr);
  for (size_t i = 0; i < changes.size(); i++) {
    for (size_t j = 0; j < reads.size(); j++) {
      if (i == j) continue;
      for (uint32_t id : changes[i]) {
        if (!reads[j].count(id)) continue;
        const TableEntry* t = catalog.GetTable(id);
        throw Error(sqlstate::kFeatureNotSupported,
                    "data-modifying WITH query \"" + names[i] + "\" changes table \"" + (t ? t->name : "?") +
                        "\", which another part of the statement reads or changes: not supported");
      }
    }
  }
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunDataModifyingWith(const ast::Statement& stmt, const ast::WithClause& with,
                                                              const std::vector<Value>& params) {
  DataModifyingWith dml;
  {
    auto catalog = catalog_for_statement();
    FunctionContext fn = MakeFunctionContext();
    fn.catalog = catalog.get();
    std::vector<LogicalType> types = ParamTypes(params);
    PrepareDataModifyingWith(stmt, with, *catalog, &fn, &types, &dml);
  }
  struct Reset {
    const DataModifyingWith** running;
    ~Reset() { *running = nullptr; }
  } reset{&dml_with_};
  dml_with_ = &dml;
  for (const auto& cte : with.ctes) {
    if (cte.query->kind == ast::StmtKind::kSelect) continue;
    dml.outer_with = &with;
    std::unique_ptr<ResultImpl> part = RunQuery(*cte.query, params);
    std::vector<std::vector<Value>>& rows = dml.returned[&cte].rows;
    for (const DataChunk& c : part->chunks) {
      for (size_t i = 0; i < c.size(); i++) rows.push_back(c.GetRow(i));
    }
  }
  dml.outer_with = nullptr;
  return RunQuery(stmt, params);
}

}  // namespace kanto
