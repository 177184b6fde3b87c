// Binding of FROM: base tables, joins (ON, USING, NATURAL), subqueries.
#include "catalog/object_acl.hpp"
#include "catalog/row_type.hpp"
#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "parser/ast_to_string.hpp"
#include "parser/parser.hpp"
#include "catalog/system_tables.hpp"
#include "catalog/system_tables_activity.hpp"
#include "planner/binder.hpp"
#include "planner/expr_binder.hpp"
#include "planner/plain_call.hpp"
#include "planner/set_returning_functions.hpp"
#include "planner/type_resolution.hpp"

namespace kanto {

namespace {
void ApplyColumnAliases(BindingEntry& entry, const ast::Alias& alias, int location) {
  if (alias.columns.size() > entry.names.size()) {
    throw At(Error(sqlstate::kInvalidColumnReference,
                   "table \"" + entry.alias + "\" has " + std::to_string(entry.names.size()) + " columns available but " +
                       std::to_string(alias.columns.size()) + " columns specified"),
             location);
  }
  for (size_t i = 0; i < alias.columns.size(); i++) entry.names[i] = alias.columns[i];
}
}  // namespace

// A view is its stored query, bound afresh (no outer references), renamed to the view's columns.
LogicalOperatorPtr Binder::BindView(const TableEntry& view, const ast::TableRef& ref, BindContext& scope) {
  if (++env_.view_depth > 32) {
    throw Error(sqlstate::kInvalidTableDefinition, "infinite recursion detected in rules for relation \"" + view.name + "\"");
  }
  auto stmts = ParseSql(view.view_sql);
  const auto& def = static_cast<const ast::CreateViewStmt&>(*stmts.at(0));
  Binder inner(env_);
  std::vector<std::string> names;
  SearchPath path;
  path.entries = ParseSearchPath(view.view_search_path);
  path.temp_schema_id = env_.search_path().temp_schema_id;
  const SearchPath* saved = env_.view_path;
  uint32_t saved_check_as = env_.check_as;
  if (!view.view_search_path.empty()) env_.view_path = &path;
  env_.check_as = view.owner;  // the view's relations are read with its owner's privileges
  LogicalOperatorPtr plan;
  try {
    plan = inner.BindSelectNode(*def.query, &names);
  } catch (...) {
    env_.view_path = saved;
    env_.check_as = saved_check_as;
    throw;
  }
  env_.view_path = saved;
  env_.check_as = saved_check_as;
  env_.view_depth--;
  auto proj = std::make_unique<LogicalProjection>();
  proj->table_index = NewTableIndex();
  auto bindings = plan->GetColumnBindings();
  auto types = plan->GetTypes();
  if (bindings.size() != view.columns.size()) {
    throw Error(sqlstate::kDataCorrupted, "view \"" + view.name + "\" no longer matches its definition");
  }
  BindingEntry entry;
  entry.alias = ref.alias.name.empty() ? view.name : ref.alias.name;
  entry.relation = view.name;
  entry.table_index = proj->table_index;
  for (size_t i = 0; i < bindings.size(); i++) {
    proj->expressions.push_back(Coerce(MakeColumnRef(bindings[i], types[i], names[i]), view.columns[i].type, CastContext::kImplicit));
    entry.names.push_back(view.columns[i].name);
    entry.types.push_back(view.columns[i].type);
  }
  ApplyColumnAliases(entry, ref.alias, ref.location);
  proj->children.push_back(std::move(plan));
  scope.Add(std::move(entry));
  return proj;
}

void Binder::EnterWith(const ast::WithClause* with, CteScope* scope) {
  if (!with) return;
  scope->parent = ctes_;
  scope->recursive = with->recursive;
  for (const auto& cte : with->ctes) {
    if (scope->ctes.count(cte.name)) {
      throw At(Error(sqlstate::kDuplicateObject /* 42712 */, "WITH query name \"" + cte.name + "\" specified more than once"),
               cte.location);
    }
    if (cte.query->kind == ast::StmtKind::kMerge) {
      throw At(Error(sqlstate::kFeatureNotSupported, "MERGE not supported in WITH query"), cte.location);
    }
    if (cte.query->kind != ast::StmtKind::kSelect) {
      if (with != top_with_ && with != env_.outer_with) {
        throw At(Error(sqlstate::kFeatureNotSupported,
                       "WITH clause containing a data-modifying statement must be at the top level"),
                 cte.location);
      }
      if (!env_.returned) {
        throw At(Error(sqlstate::kFeatureNotSupported, "data-modifying statements in WITH are not supported yet"),
                 cte.location);
      }
    }
    scope->ctes[cte.name] = &cte;
  }
  ctes_ = scope;
}

// A reference to a data-modifying WITH query: the rows its RETURNING gave, as constants.
LogicalOperatorPtr Binder::ReturnedRowsOf(const ast::CommonTableExpr& cte, std::vector<std::string>* names) {
  if (&cte == env_.modifying) {
    throw At(Error(sqlstate::kInvalidRecursion, "recursive query \"" + cte.name + "\" must not contain data-modifying statements"),
             cte.location);
  }
  auto it = env_.returned->find(&cte);
  if (it == env_.returned->end()) {  // a later one
    throw At(Error(sqlstate::kFeatureNotSupported, "a reference to data-modifying WITH query \"" + cte.name +
                                                       "\" before it is not supported"),
             cte.location);
  }
  const BinderEnv::ReturnedRows& r = it->second;
  if (env_.references) env_.references->push_back(&cte);
  if (!r.returning) {
    throw At(Error("0A000", "WITH query \"" + cte.name + "\" does not have a RETURNING clause"), cte.location);
  }
  auto values = std::make_unique<LogicalValues>();
  values->table_index = NewTableIndex();
  values->types = r.types;
  for (const auto& row : r.rows) {
    std::vector<BoundExprPtr> exprs;
    for (const Value& v : row) exprs.push_back(MakeConstant(v));
    values->rows.push_back(std::move(exprs));
  }
  values->estimated_rows = static_cast<double>(r.rows.size());
  *names = r.names;
  return values;
}

// A WITH query referenced in FROM: bound like an inline view (each reference evaluates it).
LogicalOperatorPtr Binder::BindCte(const ast::CommonTableExpr& cte, const ast::TableRef& ref, BindContext& scope) {
  // The CTE sees the WITH queries defined before it; under WITH RECURSIVE, all of them (and itself,
  // through the working table).
  const CteScope* saved = ctes_;
  CteScope visible;
  bool recursive = false;
  for (const CteScope* s = ctes_; s; s = s->parent) {
    bool found = false;
    for (const auto& [name, def] : s->ctes) found = found || def == &cte;
    if (!found) continue;
    recursive = s->recursive;
    for (const auto& [name, def] : s->ctes) {
      if (def != &cte && (recursive || def->location < cte.location)) visible.ctes[name] = def;
    }
    visible.parent = s->parent;
    visible.recursive = recursive;
    break;
  }
  std::vector<std::string> names;
  LogicalOperatorPtr plan;
  if (cte.query->kind != ast::StmtKind::kSelect) plan = ReturnedRowsOf(cte, &names);  // (ran already)
  ctes_ = &visible;
  try {
    if (!plan && recursive) plan = BindRecursiveCte(cte, &names);
    if (!plan) {
      names.clear();
      plan = BindSelectNode(static_cast<const ast::SelectStmt&>(*cte.query), &names);
    }
  } catch (...) {
    ctes_ = saved;
    throw;
  }
  ctes_ = saved;
  if (cte.columns.size() > names.size()) {
    throw At(Error(sqlstate::kInvalidColumnReference,
                   "WITH query \"" + cte.name + "\" has " + std::to_string(names.size()) + " columns available but " +
                       std::to_string(cte.columns.size()) + " columns specified"),
             cte.location);
  }
  auto proj = std::make_unique<LogicalProjection>();
  proj->table_index = NewTableIndex();
  auto bindings = plan->GetColumnBindings();
  auto types = plan->GetTypes();
  BindingEntry entry;
  entry.alias = ref.alias.name.empty() ? cte.name : ref.alias.name;
  entry.table_index = proj->table_index;
  for (size_t i = 0; i < bindings.size(); i++) {
    LogicalType t = types[i].id == TypeId::kUnknown ? LogicalType(TypeId::kText) : types[i];
    proj->expressions.push_back(Coerce(MakeColumnRef(bindings[i], types[i], names[i]), t, CastContext::kImplicit));
    entry.names.push_back(i < cte.columns.size() ? cte.columns[i] : names[i]);
    entry.types.push_back(t);
  }
  ApplyColumnAliases(entry, ref.alias, ref.location);
  proj->children.push_back(std::move(plan));
  scope.Add(std::move(entry));
  return proj;
}

LogicalOperatorPtr Binder::BindFrom(const std::vector<ast::TableRefPtr>& from, BindContext& scope) {
  LogicalOperatorPtr plan;
  const BindContext* saved = lateral_scope_;
  for (const auto& ref : from) {
    lateral_scope_ = plan ? &scope : nullptr;
    LogicalOperatorPtr next;
    try {
      next = BindTableRef(*ref, scope);
    } catch (...) {
      lateral_scope_ = saved;
      throw;
    }
    std::vector<BoundExprPtr> params = std::move(lateral_params_);
    lateral_params_.clear();
    if (!plan) {
      plan = std::move(next);
      continue;
    }
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = JoinType::kInner;
    join->lateral_params = std::move(params);
    join->children.push_back(std::move(plan));
    join->children.push_back(std::move(next));
    plan = std::move(join);
  }
  lateral_scope_ = saved;
  return plan;
}

LogicalOperatorPtr Binder::BindFromSubquery(const ast::SelectStmt& query, bool lateral, std::vector<std::string>* names) {
  if (!lateral || !lateral_scope_) return BindSelectNode(query, names);
  CorrelationContext corr;
  corr.scope = lateral_scope_;
  corr.parent = correlation_;
  Binder child(env_);
  child.correlation_ = &corr;
  child.ctes_ = ctes_;
  LogicalOperatorPtr plan = child.BindSelectNode(query, names);
  lateral_params_ = std::move(corr.correlated);
  return plan;
}

// A system table of pg_catalog or information_schema (`schema_id`), computed now; null when the
// schema has no table of that name. Every pg_catalog table is called pg_*.
LogicalOperatorPtr Binder::BindSystemTable(uint32_t schema_id, const ast::BaseTableRef& base, BindContext& scope) {
  const ast::TableRef& ref = base;
  bool information_schema = schema_id == kInformationSchemaId;
  if (!information_schema && base.table.name.rfind("pg_", 0) != 0) return nullptr;
  SystemTable sys;
  sys.search_path = &env_.search_path();
  bool found = BuildSystemTable(*env_.catalog, information_schema ? "information_schema" : "pg_catalog", base.table.name, &sys);
  if (!found && !information_schema) {
    // Session state (settings, cursors) comes from the session, when a statement runs.
    found = BuildSessionTable(env_.fn_ctx ? env_.fn_ctx->settings : nullptr, base.table.name, &sys);
    if (!found) {
      found = BuildActivityTable(*env_.catalog, env_.fn_ctx ? env_.fn_ctx->session : nullptr, base.table.name, &sys);
    }
    env_.reads_session_state |= found;
  }
  if (found) {
    auto values = std::make_unique<LogicalValues>();
    values->table_index = NewTableIndex();
    values->types = sys.column_types;
    for (auto& row : sys.rows) {
      std::vector<BoundExprPtr> exprs;
      for (auto& v : row) exprs.push_back(MakeConstant(std::move(v)));
      for (const auto& [col, expression] : sys.computed) {
        std::string oid = "'" + std::to_string(exprs[col]->value.int_value()) + "'::regclass", text = expression;
        if (text.find("$1") == std::string::npos) text += "($1)";  // a function's name
        for (size_t at; (at = text.find("$1")) != std::string::npos;) text.replace(at, 2, oid);
        auto stmts = ParseSql("SELECT " + text);
        exprs[col] = BindStandaloneExpr(*static_cast<const ast::SelectStmt&>(*stmts.at(0)).targets.at(0).expr);
      }
      values->rows.push_back(std::move(exprs));
    }
    values->estimated_rows = static_cast<double>(values->rows.size());
    BindingEntry entry;
    entry.alias = ref.alias.name.empty() ? base.table.name : ref.alias.name;
    entry.table_index = values->table_index;
    entry.names = sys.column_names;
    entry.types = sys.column_types;
    entry.table_oid = sys.relation_oid;
    entry.never_null_column = 0;  // every catalog's first column (an OID or a name) is set in each row
    ApplyColumnAliases(entry, ref.alias, ref.location);
    scope.Add(std::move(entry));
    return values;
  }
  return nullptr;
}

LogicalOperatorPtr Binder::BindTableRef(const ast::TableRef& ref, BindContext& scope) {
  CheckStackDepth();
  if (ref.kind == ast::TableRefKind::kBase && static_cast<const ast::BaseTableRef&>(ref).sample && !binding_sample_) {
    return BindTableSample(static_cast<const ast::BaseTableRef&>(ref), scope);
  }
  switch (ref.kind) {
    case ast::TableRefKind::kBase: {
      const auto& base = static_cast<const ast::BaseTableRef&>(ref);
      if (base.table.schema.empty() && ctes_) {
        if (RecursiveRef* working = ctes_->FindWorking(base.table.name)) return BindWorkingTable(*working, ref, scope);
        if (const ast::CommonTableExpr* cte = ctes_->Find(base.table.name)) return BindCte(*cte, ref, scope);
      }
      // Along the search path, pg_catalog and information_schema hold the system tables.
      const SearchPath& path = env_.search_path();
      std::vector<uint32_t> schemas;
      if (!base.table.schema.empty()) {
        // A missing schema: "relation schema.name does not exist", as PostgreSQL says when it opens one.
        const SchemaEntry* named = FindNamedSchema(*env_.catalog, path, base.table.schema);
        if (named) {
          CheckSchemaPrivilege(*env_.catalog, path.user, *named, kAclUsage, base.table.location);
          schemas.push_back(named->id);
        }
      } else {
        schemas = ResolveSearchPath(*env_.catalog, path).schemas;
      }
      RelationRef rel;
      for (uint32_t schema_id : schemas) {
        if (schema_id == kPgCatalogSchemaId || schema_id == kInformationSchemaId) {
          if (LogicalOperatorPtr sys = BindSystemTable(schema_id, base, scope)) return sys;
          continue;
        }
        rel = FindRelationInSchema(*env_.catalog, schema_id, base.table.name);
        if (rel.found()) break;
      }
      if (!rel.found() && schemas.size() == 1 && schemas[0] == kInformationSchemaId) {
        throw At(Error(sqlstate::kUndefinedTable, "relation \"information_schema." + base.table.name + "\" does not exist"),
                 ref.location);
      }
      if (const SequenceEntry* seq = rel.sequence) {
        if (binding_sample_) {
          throw At(Error(sqlstate::kFeatureNotSupported, "TABLESAMPLE clause can only be applied to tables and materialized views"),
                   ref.location);
        }
        // SELECT * FROM seq: one row (last_value, log_cnt, is_called), read when the query runs.
        auto values = std::make_unique<LogicalValues>();
        values->table_index = NewTableIndex();
        values->types = {LogicalType(TypeId::kInt8), LogicalType(TypeId::kInt8), LogicalType(TypeId::kBool)};
        std::vector<BoundExprPtr> row;
        for (const char* field : {"last_value", "log_cnt", "is_called"}) {
          std::string call = "pg_sequence_state('" + std::to_string(seq->id) + "'::regclass, '" + field + "')";
          if (std::string(field) == "is_called") call += " = 1";
          auto stmts = ParseSql("SELECT " + call);
          row.push_back(BindStandaloneExpr(*static_cast<const ast::SelectStmt&>(*stmts.at(0)).targets.at(0).expr));
        }
        values->rows.push_back(std::move(row));
        values->estimated_rows = 1;
        if (env_.relation_refs && env_.view_depth == 0) env_.relation_refs->push_back({seq->id, values->table_index});
        BindingEntry entry;
        entry.alias = ref.alias.name.empty() ? base.table.name : ref.alias.name;
        entry.table_index = values->table_index;
        entry.names = {"last_value", "log_cnt", "is_called"};
        entry.types = values->types;
        ApplyColumnAliases(entry, ref.alias, ref.location);
        scope.Add(std::move(entry));
        return values;
      }
      if (rel.index) {
        throw At(Error(sqlstate::kWrongObjectType, "\"" + base.table.name + "\" is an index"), ref.location);
      }
      if (!rel.table) {
        std::string shown = base.table.schema.empty() ? base.table.name : base.table.schema + "." + base.table.name;
        throw At(Error(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist"), ref.location);
      }
      const TableEntry* table = rel.table;
      int& lock = env_.relation_locks[table->id];
      lock = std::max(lock, 1);  // AccessShareLock
      if (rel.schema_id != path.temp_schema_id) {
        const SchemaEntry* schema = env_.catalog->GetSchema(rel.schema_id);
        if (schema && IsTempSchemaName(schema->name)) {
          throw At(Error(sqlstate::kFeatureNotSupported, "cannot access temporary tables of other sessions"), ref.location);
        }
      }
      bool record = env_.relation_refs && env_.view_depth == 0;
      RequirePermission(table->id, kAclSelect);
      if (table->is_view()) {
        if (record) env_.relation_refs->push_back({table->id, BinderEnv::kNoTableIndex});
        return BindView(*table, ref, scope);
      }
      auto get = std::make_unique<LogicalGet>();
      get->table_index = NewTableIndex();
      if (record) env_.relation_refs->push_back({table->id, get->table_index});
      get->table = std::shared_ptr<const TableEntry>(std::shared_ptr<const TableEntry>{}, table);
      get->alias = ref.alias.name.empty() ? table->name : ref.alias.name;
      for (uint32_t i = 0; i < table->columns.size(); i++) get->column_ids.push_back(i);
      BindingEntry entry;
      entry.alias = get->alias;
      entry.relation = table->name;
      entry.table_index = get->table_index;
      for (const auto& c : table->columns) {
        entry.names.push_back(c.name);
        entry.types.push_back(c.type);
      }
      if (const IndexEntry* pk = table->primary_key()) entry.key_columns = pk->columns;
      entry.table_oid = table->id;
      entry.row_type = TableRowType(*table);
      if (!entry.key_columns.empty()) entry.never_null_column = static_cast<int32_t>(entry.key_columns[0]);
      ApplyColumnAliases(entry, ref.alias, ref.location);
      scope.Add(std::move(entry));
      return get;
    }
    case ast::TableRefKind::kJoin: {
      const auto& j = static_cast<const ast::JoinRef&>(ref);
      BindContext left_scope, right_scope;
      const BindContext* saved_lateral = lateral_scope_;
      lateral_scope_ = nullptr;  // the left input of a join cannot be LATERAL to outer FROM items
      auto left = BindTableRef(*j.left, left_scope);
      lateral_scope_ = &left_scope;
      LogicalOperatorPtr right;
      try {
        right = BindTableRef(*j.right, right_scope);
      } catch (...) {
        lateral_scope_ = saved_lateral;
        throw;
      }
      lateral_scope_ = saved_lateral;
      auto join = std::make_unique<LogicalJoin>();
      join->lateral_params = std::move(lateral_params_);
      lateral_params_.clear();
      if (!join->lateral_params.empty() &&
          (j.type == ast::JoinRef::Type::kRight || j.type == ast::JoinRef::Type::kFull)) {
        std::string table;  // the FROM item the right side refers to, as PostgreSQL names it
        for (const auto& p : join->lateral_params) {
          if (p->kind != BoundExprKind::kColumnRef || !table.empty()) continue;
          for (const auto& e : left_scope.entries()) {
            if (e.table_index == p->binding.table) table = e.alias;
          }
        }
        throw At(Error(sqlstate::kInvalidColumnReference,
                       table.empty() ? std::string("invalid reference to FROM-clause entry for table in a LATERAL subquery")
                                     : "invalid reference to FROM-clause entry for table \"" + table + "\"")
                     .WithDetail("The combining JOIN type must be INNER or LEFT for a LATERAL reference."),
                 ref.location);
      }
      switch (j.type) {
        case ast::JoinRef::Type::kInner:
        case ast::JoinRef::Type::kCross: join->join_type = JoinType::kInner; break;
        case ast::JoinRef::Type::kLeft: join->join_type = JoinType::kLeft; break;
        case ast::JoinRef::Type::kRight: join->join_type = JoinType::kRight; break;
        case ast::JoinRef::Type::kFull: join->join_type = JoinType::kFull; break;
      }
      std::vector<std::string> using_cols = j.using_cols;
      if (j.natural) {
        for (const auto& le : left_scope.entries()) {
          for (size_t i = 0; i < le.names.size(); i++) {
            if (le.hidden[i]) continue;
            if (right_scope.Resolve({le.names[i]}, -1, false)) using_cols.push_back(le.names[i]);
          }
        }
      }
      BindContext merged;
      merged.Merge(left_scope);
      merged.Merge(right_scope);
      ExprBinder eb(*this, &merged, nullptr, "JOIN conditions");
      BindingEntry full_using;  // USING / NATURAL: the merged columns, listed first
      for (const auto& col : using_cols) {
        auto l = left_scope.Resolve({col}, ref.location, false);
        auto r = right_scope.Resolve({col}, ref.location, false);
        if (!l || !r) {
          throw At(Error(sqlstate::kUndefinedColumn, "column \"" + col + "\" specified in USING clause does not exist in " +
                                                         (l ? "right" : "left") + " table"),
                   ref.location);
        }
        // The merged column shows once, first (as in PostgreSQL): the left one, the right one for
        // RIGHT JOIN, COALESCE(left, right) for FULL JOIN. Both originals stay reachable qualified.
        auto hide = [&](const BoundExpr& x) {
          for (const auto& e : merged.entries()) {
            for (size_t i = 0; i < e.names.size(); i++) {
              bool computed = i < e.computed.size() && e.computed[i];
              bool same = computed ? e.computed[i]->Equals(x)
                                   : x.kind == BoundExprKind::kColumnRef && x.binding.table == e.table_index &&
                                         x.binding.column == i;
              if (same) const_cast<BindingEntry&>(e).hidden[i] = true;
            }
          }
        };
        hide(*l);
        hide(*r);
        BoundExprPtr shown;
        if (j.type == ast::JoinRef::Type::kFull) {
          LogicalType common = CommonType({l->type, r->type}, "JOIN/USING");
          shown = std::make_unique<BoundExpr>(BoundExprKind::kCoalesce, common);
          shown->children.push_back(Coerce(l->Copy(), common, CastContext::kImplicit, ref.location));
          shown->children.push_back(Coerce(r->Copy(), common, CastContext::kImplicit, ref.location));
        } else {
          shown = (j.type == ast::JoinRef::Type::kRight ? r : l)->Copy();
        }
        full_using.names.push_back(col);
        full_using.types.push_back(shown->type);
        full_using.computed.push_back(std::shared_ptr<const BoundExpr>(shown.release()));
        std::vector<BoundExprPtr> args;
        args.push_back(std::move(l));
        args.push_back(std::move(r));
        join->conditions.push_back(eb.BindOperator("=", std::move(args), ref.location));
      }
      if (j.condition) join->conditions.push_back(eb.BindCondition(*j.condition, "JOIN/ON"));
      if (join->conditions.empty() && j.type != ast::JoinRef::Type::kCross && !j.natural &&
          join->join_type != JoinType::kInner) {
        throw At(Error(sqlstate::kSyntaxError, "join condition missing"), ref.location);
      }
      if (!ref.alias.name.empty()) {
        throw At(Error(sqlstate::kFeatureNotSupported, "aliases on joins are not supported yet"), ref.location);
      }
      if (!full_using.names.empty()) {
        BindContext with_merged;
        with_merged.Add(std::move(full_using));
        with_merged.Merge(merged);
        merged = std::move(with_merged);
      }
      scope.Merge(merged);
      join->children.push_back(std::move(left));
      join->children.push_back(std::move(right));
      return join;
    }
    case ast::TableRefKind::kSubquery: {
      const auto& sq = static_cast<const ast::SubqueryRef&>(ref);
      if (ref.alias.name.empty()) {
        throw At(Error(sqlstate::kSyntaxError, "subquery in FROM must have an alias")
                     .WithHint("For example, FROM (SELECT ...) [AS] foo."),
                 ref.location);
      }
      std::vector<std::string> names;
      auto sub = BindFromSubquery(*sq.query, sq.lateral, &names);
      auto proj = std::make_unique<LogicalProjection>();
      proj->table_index = NewTableIndex();
      auto bindings = sub->GetColumnBindings();
      auto types = sub->GetTypes();
      BindingEntry entry;
      entry.alias = ref.alias.name;
      entry.table_index = proj->table_index;
      for (size_t i = 0; i < bindings.size(); i++) {
        LogicalType t = types[i].id == TypeId::kUnknown ? LogicalType(TypeId::kText) : types[i];
        proj->expressions.push_back(Coerce(MakeColumnRef(bindings[i], types[i], names[i]), t, CastContext::kImplicit));
        entry.names.push_back(names[i]);
        entry.types.push_back(t);
      }
      ApplyColumnAliases(entry, ref.alias, ref.location);
      proj->children.push_back(std::move(sub));
      scope.Add(std::move(entry));
      return proj;
    }
    case ast::TableRefKind::kFunction: {
      const auto& f = static_cast<const ast::FunctionRef&>(ref);
      if (!f.rows_from.empty()) {
        BindingEntry entry;
        auto zipped = BindRowsFrom(f, &entry);
        ApplyColumnAliases(entry, ref.alias, ref.location);
        scope.Add(std::move(entry));
        return zipped;
      }
      if (!f.call) return BindScalarFunctionInFrom(f, ast::FigureColumnName(*f.expr), scope);
      std::string name = f.call->name.empty() ? "" : f.call->name.back();
      if (!IsSetReturningFunction(name)) {
        return BindScalarFunctionInFrom(f, name, scope);
      }
      CheckPlainCall(*f.call, name);
      // Functions in FROM are implicitly LATERAL: arguments may use columns of earlier FROM items.
      CorrelationContext corr;
      corr.scope = lateral_scope_;
      corr.parent = correlation_;
      CorrelationContext* saved_correlation = correlation_;
      if (lateral_scope_) correlation_ = &corr;
      std::vector<BoundExprPtr> args;
      try {
        BindContext none;  // earlier FROM items are reached through LATERAL; an unknown table is 42P01
        ExprBinder eb(*this, &none, nullptr, "functions in FROM");
        for (const auto& a : f.call->args) args.push_back(eb.Bind(*a));
      } catch (...) {
        correlation_ = saved_correlation;
        throw;
      }
      correlation_ = saved_correlation;
      if (lateral_scope_) lateral_params_ = std::move(corr.correlated);
      std::unique_ptr<LogicalTableFunction> fn = BindSetFunction(name, std::move(args), ref.location);
      fn->ordinality = f.ordinality;
      if (f.ordinality) fn->types.push_back(LogicalType(TypeId::kInt8));
      BindingEntry entry;
      entry.alias = ref.alias.name.empty() ? name : ref.alias.name;
      entry.table_index = fn->table_index;
      // A single-column function result takes the alias as its column name, as in PostgreSQL.
      if (name == "pg_options_to_table") {
        entry.names = {"option_name", "option_value"};  // its OUT parameters
      } else if (name == "_pg_expandarray") {
        entry.names = {"x", "n"};
      } else if (name.find("_each") != std::string::npos && IsJsonSetFunction(name)) {
        entry.names = {"key", "value"};
      } else if (name.find("_array_elements") != std::string::npos && IsJsonSetFunction(name)) {
        entry.names = {"value"};
      } else if (fn->name == "unnest" && fn->args.size() > 1) {
        entry.names.assign(fn->args.size(), "unnest");
      } else if (name == "pg_partition_ancestors" && ref.alias.name.empty()) {
        entry.names.push_back("relid");  // its OUT parameter names the column
      } else {
        entry.names.push_back(ref.alias.name.empty() ? name : ref.alias.name);
      }
      if (f.ordinality) entry.names.push_back("ordinality");
      entry.types = fn->types;
      ApplyColumnAliases(entry, ref.alias, ref.location);
      scope.Add(std::move(entry));
      fn->estimated_rows = 1000;
      return fn;
    }
    case ast::TableRefKind::kValues:
      throw At(Error(sqlstate::kFeatureNotSupported, "VALUES in FROM is not supported yet"), ref.location);
  }
  throw At(Error(sqlstate::kFeatureNotSupported, "FROM item is not supported"), ref.location);
}

// generate_subscripts(array, dim [, reverse]) as the generate_series of the array's subscripts:
// lower bound to lower bound + cardinality - 1 (or back), no rows unless dim is 1 (arrays here
// have one dimension) or for a NULL array. int2vector subscripts start at 0.
std::vector<BoundExprPtr> Binder::SubscriptSeries(ExprBinder& eb, std::vector<BoundExprPtr> args, int location) {
  if (args.size() < 2 || args.size() > 3) {
    throw At(Error(sqlstate::kUndefinedFunction, "function generate_subscripts with " + std::to_string(args.size()) +
                                                      " arguments does not exist"),
             location);
  }
  int64_t lower = VectorElementType(args[0]->type.id) != TypeId::kUnknown ? 0 : 1;
  BoundExprPtr array = AsArray(std::move(args[0]));
  if (!array->type.IsArray()) {
    throw At(Error(sqlstate::kUndefinedFunction, "function generate_subscripts(" +
                                                      TypeListString({array->type, args[1]->type}) + ") does not exist"),
             location);
  }
  auto op = [&](const char* name, BoundExprPtr a, BoundExprPtr b) {
    std::vector<BoundExprPtr> two;
    two.push_back(std::move(a));
    two.push_back(std::move(b));
    return eb.BindOperator(name, std::move(two), location);
  };
  std::vector<BoundExprPtr> one;
  one.push_back(std::move(array));
  BoundExprPtr upper = op("+", MakeConstant(Value::Int4(lower - 1)), eb.BindFunction("cardinality", std::move(one), location));
  // CASE WHEN dim = 1 THEN upper END: NULL, so no rows, for any other dimension.
  auto when_dim_1 = std::make_unique<BoundExpr>(BoundExprKind::kCase, LogicalType(TypeId::kInt4));
  when_dim_1->children.push_back(op("=", Coerce(std::move(args[1]), LogicalType(TypeId::kInt4), CastContext::kImplicit, location),
                                    MakeConstant(Value::Int4(1))));
  when_dim_1->children.push_back(std::move(upper));
  when_dim_1->children.push_back(MakeConstant(Value::Null(LogicalType(TypeId::kInt4))));
  BoundExprPtr reverse = args.size() > 2 ? Coerce(std::move(args[2]), LogicalType(TypeId::kBool), CastContext::kImplicit, location)
                                         : nullptr;
  std::vector<BoundExprPtr> series;
  if (reverse && reverse->IsConstant() && !reverse->value.is_null() && reverse->value.int_value()) {
    series.push_back(std::move(when_dim_1));
    series.push_back(MakeConstant(Value::Int4(lower)));
    series.push_back(MakeConstant(Value::Int4(-1)));
  } else {
    if (reverse && !reverse->IsConstant()) {
      throw At(Error(sqlstate::kFeatureNotSupported, "generate_subscripts with a non-constant reverse is not supported yet"),
               location);
    }
    series.push_back(MakeConstant(Value::Int4(lower)));
    series.push_back(std::move(when_dim_1));
  }
  return series;
}

// A function that returns one value, in FROM (SELECT * FROM current_schema(), FROM upper(t.a) AS u):
// a one-row table whose column is named after the alias, or else the function. Its arguments may use
// columns of earlier FROM items, like a LATERAL subquery's.
LogicalOperatorPtr Binder::BindScalarFunctionInFrom(const ast::FunctionRef& f, const std::string& name, BindContext& scope) {
  CorrelationContext corr;
  corr.scope = lateral_scope_;
  corr.parent = correlation_;
  CorrelationContext* saved_correlation = correlation_;
  if (lateral_scope_) correlation_ = &corr;
  BoundExprPtr value;
  try {
    BindContext none;  // earlier FROM items are reached through LATERAL; an unknown table is 42P01
    ExprBinder eb(*this, &none, nullptr, "functions in FROM");
    value = f.call ? eb.Bind(*f.call) : eb.Bind(*f.expr);
  } catch (...) {
    correlation_ = saved_correlation;
    throw;
  }
  correlation_ = saved_correlation;
  if (lateral_scope_) lateral_params_ = std::move(corr.correlated);
  auto values = std::make_unique<LogicalValues>();
  values->table_index = NewTableIndex();
  LogicalType type = value->type.id == TypeId::kUnknown ? LogicalType(TypeId::kText) : value->type;
  values->types.push_back(type);
  std::vector<BoundExprPtr> row;
  row.push_back(Coerce(std::move(value), type, CastContext::kImplicit));
  if (f.ordinality) {
    values->types.push_back(LogicalType(TypeId::kInt8));
    row.push_back(MakeConstant(Value::FromInt(LogicalType(TypeId::kInt8), 1)));
  }
  values->rows.push_back(std::move(row));
  values->estimated_rows = 1;
  BindingEntry entry;
  entry.alias = f.alias.name.empty() ? name : f.alias.name;
  entry.table_index = values->table_index;
  entry.names.push_back(entry.alias);
  if (f.ordinality) entry.names.push_back("ordinality");
  entry.types = values->types;
  ApplyColumnAliases(entry, f.alias, f.location);
  scope.Add(std::move(entry));
  return values;
}

}  // namespace kanto

namespace kanto {

LogicalOperatorPtr Binder::BindRecursiveCte(const ast::CommonTableExpr& cte, std::vector<std::string>* names) {
  const auto& stmt = static_cast<const ast::SelectStmt&>(*cte.query);
  if (stmt.set_op != ast::SelectStmt::SetOp::kUnion || stmt.with) return nullptr;
  RecursiveRef ref;
  ref.name = cte.name;
  ref.cte_id = NewTableIndex();
  LogicalOperatorPtr anchor = BindSelectNode(*stmt.larg, names);
  ref.types = anchor->GetTypes();
  for (auto& t : ref.types) {
    if (t.id == TypeId::kUnknown) t = LogicalType(TypeId::kText);
  }
  ref.names = *names;
  for (size_t i = 0; i < cte.columns.size() && i < ref.names.size(); i++) ref.names[i] = cte.columns[i];

  CteScope with_working;
  with_working.parent = ctes_;
  with_working.working = &ref;
  const CteScope* saved = ctes_;
  ctes_ = &with_working;
  std::vector<std::string> recursive_names;
  LogicalOperatorPtr recursive;
  try {
    recursive = BindSelectNode(*stmt.rarg, &recursive_names);
  } catch (...) {
    ctes_ = saved;
    throw;
  }
  ctes_ = saved;
  if (ref.uses == 0) return nullptr;
  if (!stmt.order_by.empty()) throw Error(sqlstate::kFeatureNotSupported, "ORDER BY in a recursive query is not implemented");
  if (stmt.limit || stmt.offset) {
    throw Error(sqlstate::kFeatureNotSupported, "OFFSET/LIMIT in a recursive query is not implemented");
  }
  auto recursive_types = recursive->GetTypes();
  if (recursive_types.size() != ref.types.size()) {
    throw Error(sqlstate::kSyntaxError, "each UNION query must have the same number of columns");
  }
  // Both terms produce the anchor's column types.
  auto adapt = [&](LogicalOperatorPtr side, const std::vector<LogicalType>& have, const std::vector<std::string>& n,
                   bool is_recursive) {
    auto proj = std::make_unique<LogicalProjection>();
    proj->table_index = NewTableIndex();
    auto bindings = side->GetColumnBindings();
    for (size_t i = 0; i < bindings.size(); i++) {
      auto col = MakeColumnRef(bindings[i], have[i], n[i]);
      if (is_recursive && have[i].id != ref.types[i].id && have[i].id != TypeId::kUnknown) {
        throw Error(sqlstate::kDatatypeMismatch,
                    "recursive query \"" + cte.name + "\" column " + std::to_string(i + 1) + " has type " +
                        ref.types[i].ToString() + " in non-recursive term but type " + have[i].ToString() + " overall")
            .WithHint("Cast the output of the non-recursive term to the correct type.");
      }
      proj->expressions.push_back(Coerce(std::move(col), ref.types[i], CastContext::kImplicit));
    }
    proj->children.push_back(std::move(side));
    return proj;
  };
  auto anchor_types = anchor->GetTypes();
  auto op = std::make_unique<LogicalRecursiveCte>();
  op->table_index = NewTableIndex();
  op->cte_id = ref.cte_id;
  op->name = cte.name;
  op->union_all = stmt.set_all;
  op->types = ref.types;
  op->children.push_back(adapt(std::move(anchor), anchor_types, *names, false));
  op->children.push_back(adapt(std::move(recursive), recursive_types, recursive_names, true));
  return op;
}

LogicalOperatorPtr Binder::BindWorkingTable(RecursiveRef& ref, const ast::TableRef& table_ref, BindContext& scope) {
  if (++ref.uses > 1) {
    throw At(Error(sqlstate::kInvalidRecursion, "recursive reference to query \"" + ref.name + "\" must not appear more than once"),
             table_ref.location);
  }
  auto scan = std::make_unique<LogicalCteScan>();
  scan->table_index = NewTableIndex();
  scan->cte_id = ref.cte_id;
  scan->name = ref.name;
  scan->types = ref.types;
  BindingEntry entry;
  entry.alias = table_ref.alias.name.empty() ? ref.name : table_ref.alias.name;
  entry.table_index = scan->table_index;
  entry.names = ref.names;
  entry.types = ref.types;
  ApplyColumnAliases(entry, table_ref.alias, table_ref.location);
  scope.Add(std::move(entry));
  return scan;
}

}  // namespace kanto
