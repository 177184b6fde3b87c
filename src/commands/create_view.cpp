// CREATE [OR REPLACE] VIEW v [(columns)] AS query: the query is bound now (it must be valid, and it
// fixes the view's column names and types) and its text is stored to be bound again at each use.
#include <set>
#include <utility>

#include "commands/commands.hpp"
#include "commands/temp_schema.hpp"
#include "commands/relation_names.hpp"
#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

namespace {

// Every (table index, column) a column reference in the plan reads, subqueries included.
void CollectColumnRefs(const BoundExpr& e, std::set<std::pair<uint32_t, uint32_t>>* out);

void CollectColumnRefs(LogicalOperator& op, std::set<std::pair<uint32_t, uint32_t>>* out) {
  CheckStackDepth();
  ForEachExpression(op, [&](BoundExprPtr& e) { CollectColumnRefs(*e, out); });
  for (auto& c : op.children) CollectColumnRefs(*c, out);
}

void CollectColumnRefs(const BoundExpr& e, std::set<std::pair<uint32_t, uint32_t>>* out) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kColumnRef) out->insert({e.binding.table, e.binding.column});
  for (const auto& c : e.children) CollectColumnRefs(*c, out);
  if (e.filter) CollectColumnRefs(*e.filter, out);
  if (e.subquery && e.subquery->logical) CollectColumnRefs(*e.subquery->logical, out);
}

// The view depends (normally) on each relation its query names and on each table column it reads,
// as PostgreSQL records them for the view's rewrite rule.
void RecordViewDependencies(CatalogChange& change, uint32_t view_id, const std::vector<BinderEnv::RelationRef>& refs,
                            LogicalOperator& plan) {
  change.RemoveDependencies(view_id);
  std::set<std::pair<uint32_t, uint32_t>> columns;
  CollectColumnRefs(plan, &columns);
  ObjectAddress view = ObjectAddress::Relation(view_id);
  for (const auto& ref : refs) {
    if (ref.relation_id == view_id) continue;
    change.AddDependency({view, ObjectAddress::Relation(ref.relation_id), DependencyType::kNormal});
  }
  for (const auto& ref : refs) {
    if (ref.table_index == BinderEnv::kNoTableIndex || !change->GetTable(ref.relation_id)) continue;
    for (auto it = columns.lower_bound({ref.table_index, 0}); it != columns.end() && it->first == ref.table_index; ++it) {
      change.AddDependency({view, ObjectAddress::Column(ref.relation_id, it->second), DependencyType::kNormal});
    }
  }
}

}  // namespace

CommandResult Execute(const ast::CreateViewStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  bool temporary = stmt.temporary;
  ast::RangeVar name = stmt.view;
  name.location = -1;  // (PostgreSQL's errors about the schema have no position here)
  uint32_t schema_id = CreationSchemaFor(change, ctx, name, &temporary);
  const TableEntry* existing = change->FindTable(schema_id, stmt.view.name);
  if (existing && !(stmt.replace && existing->is_view())) {
    if (!existing->is_view()) {
      throw At(Error(sqlstate::kWrongObjectType, "\"" + stmt.view.name + "\" is not a view"), stmt.view.location);
    }
    throw At(Error(sqlstate::kDuplicateTable, "relation \"" + stmt.view.name + "\" already exists"), stmt.view.location);
  }
  if (!existing && change->RelationExists(schema_id, stmt.view.name)) {
    throw At(Error(sqlstate::kDuplicateTable, "relation \"" + stmt.view.name + "\" already exists"), stmt.view.location);
  }
  BinderEnv env;
  env.catalog = &change.catalog();
  std::vector<BinderEnv::RelationRef> refs;
  env.relation_refs = &refs;
  env.fn_ctx = &ctx.fn;
  Binder binder(env);
  std::vector<std::string> names;
  auto plan = binder.BindQuery(*stmt.query, &names);
  auto types = plan->GetTypes();
  if (!env.param_types.empty()) throw Error(sqlstate::kUndefinedParameter, "there is no parameter $1");
  if (stmt.columns.size() > names.size()) {
    throw Error(sqlstate::kSyntaxError, "CREATE VIEW specifies more column names than columns");
  }
  TableEntry t;
  t.id = existing ? existing->id : change.AllocateId();
  t.schema_id = schema_id;
  t.name = stmt.view.name;
  t.view_sql = stmt.definition;
  t.owner = existing ? existing->owner : change.current_role_id();
  // The view's names keep resolving where they resolved now.
  std::vector<std::string> path;
  for (uint32_t id : ResolveSearchPath(change.catalog(), change.path()).schemas) path.push_back(change->GetSchema(id)->name);
  t.view_search_path = FormatSearchPath(path);
  for (size_t i = 0; i < names.size(); i++) {
    ColumnEntry c;
    c.name = i < stmt.columns.size() ? stmt.columns[i] : names[i];
    c.type = types[i].id == TypeId::kUnknown ? LogicalType(TypeId::kText) : types[i];
    if (t.FindColumn(c.name) >= 0) {
      throw Error(sqlstate::kDuplicateColumn, "column \"" + c.name + "\" specified more than once");
    }
    t.columns.push_back(std::move(c));
  }
  if (existing) t.schema_version = existing->schema_version + 1;
  uint32_t view_id = t.id;
  change.PutTable(std::move(t));
  RecordViewDependencies(change, view_id, refs, *plan);
  change.Publish();
  return {"CREATE VIEW"};
}

}  // namespace kanto::commands
