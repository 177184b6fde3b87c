// Statements, SELECT and FROM items: libpg_query nodes -> ast::Statement.
#include "parser/transformer.hpp"

#include "common/sql_text.hpp"

namespace kanto::parser {

namespace {

std::vector<std::string> Names(Node** items, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; i++) out.push_back(StringValue(items[i]));
  return out;
}

}  // namespace

ast::RangeVar TransformRangeVar(const PgQuery__RangeVar* r) {
  ast::RangeVar out;
  if (r->catalogname && *r->catalogname) out.catalog = r->catalogname;
  if (r->schemaname && *r->schemaname) out.schema = r->schemaname;
  out.name = r->relname ? r->relname : "";
  out.location = r->location;
  return out;
}

namespace {

ast::Alias TransformAlias(const PgQuery__Alias* a) {
  ast::Alias out;
  if (!a) return out;
  out.name = a->aliasname ? a->aliasname : "";
  out.columns = Names(a->colnames, a->n_colnames);
  return out;
}

}  // namespace

ast::TableRefPtr TransformTableRef(const Node* n) {
  CheckStackDepth();
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: {
      auto t = std::make_unique<ast::BaseTableRef>();
      t->table = TransformRangeVar(n->range_var);
      t->alias = TransformAlias(n->range_var->alias);
      t->location = n->range_var->location;
      t->only = !n->range_var->inh;
      return t;
    }
    case PG_QUERY__NODE__NODE_JOIN_EXPR: {
      const PgQuery__JoinExpr* j = n->join_expr;
      auto out = std::make_unique<ast::JoinRef>();
      switch (j->jointype) {
        case PG_QUERY__JOIN_TYPE__JOIN_LEFT: out->type = ast::JoinRef::Type::kLeft; break;
        case PG_QUERY__JOIN_TYPE__JOIN_RIGHT: out->type = ast::JoinRef::Type::kRight; break;
        case PG_QUERY__JOIN_TYPE__JOIN_FULL: out->type = ast::JoinRef::Type::kFull; break;
        default: out->type = ast::JoinRef::Type::kInner; break;
      }
      out->natural = j->is_natural;
      out->left = TransformTableRef(j->larg);
      out->right = TransformTableRef(j->rarg);
      if (j->quals) out->condition = TransformExpr(j->quals);
      out->using_cols = Names(j->using_clause, j->n_using_clause);
      if (j->join_using_alias) Unsupported("an alias for JOIN USING");
      if (!j->quals && j->n_using_clause == 0 && !j->is_natural && out->type == ast::JoinRef::Type::kInner) {
        out->type = ast::JoinRef::Type::kCross;
      }
      out->alias = TransformAlias(j->alias);
      return out;
    }
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
      auto s = std::make_unique<ast::SubqueryRef>();
      s->lateral = n->range_subselect->lateral;
      s->alias = TransformAlias(n->range_subselect->alias);
      s->query = TransformSelect(n->range_subselect->subquery->select_stmt);
      return s;
    }
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
      const PgQuery__RangeFunction* f = n->range_function;
      if (f->n_coldeflist) Unsupported("a column definition list");
      auto out = std::make_unique<ast::FunctionRef>();
      out->lateral = f->lateral;
      out->ordinality = f->ordinality;
      out->alias = TransformAlias(f->alias);
      // Each function is a list of the expression and its column definition list (ROWS FROM).
      auto function = [&](const Node* item, ast::FunctionRef& into) {
        const Node* call = item;
        if (item->node_case == PG_QUERY__NODE__NODE_LIST) {
          call = item->list->items[0];
          if (item->list->n_items > 1 && item->list->items[1] &&
              item->list->items[1]->node_case == PG_QUERY__NODE__NODE_LIST && item->list->items[1]->list->n_items > 0) {
            Unsupported("a column definition list");
          }
        }
        // The grammar allows only function-like expressions here (FuncCall, CAST, COALESCE, ...).
        ast::ExprPtr e = TransformExpr(call);
        into.location = e->location;
        if (e->kind == ast::ExprKind::kFuncCall) {
          into.call.reset(static_cast<ast::FuncCall*>(e.release()));
        } else {
          into.expr = std::move(e);
        }
      };
      if (f->n_functions == 1) {
        function(f->functions[0], *out);
      } else {
        for (size_t i = 0; i < f->n_functions; i++) {
          auto one = std::make_unique<ast::FunctionRef>();
          function(f->functions[i], *one);
          out->rows_from.push_back(std::move(one));
        }
      }
      return out;
    }
    case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE: {
      const PgQuery__RangeTableSample* ts = n->range_table_sample;
      ast::TableRefPtr table = TransformTableRef(ts->relation);
      if (table->kind != ast::TableRefKind::kBase) Unsupported("TABLESAMPLE on this FROM item", ts->location);
      auto sample = std::make_unique<ast::TableSample>();
      std::vector<std::string> method = Names(ts->method, ts->n_method);
      sample->method = method.empty() ? "" : method.back();
      for (size_t i = 0; i < ts->n_args; i++) sample->args.push_back(TransformExpr(ts->args[i]));
      if (ts->repeatable) sample->repeatable = TransformExpr(ts->repeatable);
      sample->location = ts->location;
      static_cast<ast::BaseTableRef&>(*table).sample = std::move(sample);
      return table;
    }
    case PG_QUERY__NODE__NODE_RANGE_TABLE_FUNC: Unsupported("XMLTABLE", n->range_table_func->location);
    default:
      Unsupported("this FROM item");
  }
}

std::vector<ast::ResTarget> TransformTargets(Node** items, size_t n) {
  std::vector<ast::ResTarget> out;
  for (size_t i = 0; i < n; i++) {
    const PgQuery__ResTarget* r = items[i]->res_target;
    ast::ResTarget t;
    t.expr = TransformExpr(r->val);
    if (r->name) t.alias = r->name;
    t.location = r->location;
    out.push_back(std::move(t));
  }
  return out;
}

std::unique_ptr<ast::WithClause> TransformWith(const PgQuery__WithClause* w) {
  if (!w) return nullptr;
  auto out = std::make_unique<ast::WithClause>();
  out->recursive = w->recursive;
  for (size_t i = 0; i < w->n_ctes; i++) {
    const PgQuery__CommonTableExpr* c = w->ctes[i]->common_table_expr;
    if (c->search_clause) Unsupported("SEARCH in WITH queries", c->location);
    if (c->cycle_clause) Unsupported("CYCLE in WITH queries", c->location);
    // NOT MATERIALIZED only permits inlining, which changes no answer; MATERIALIZED promises one
    // evaluation of the query, which Kanto does not keep.
    if (c->ctematerialized == PG_QUERY__CTEMATERIALIZE__CTEMaterializeAlways) Unsupported("MATERIALIZED", c->location);
    ast::CommonTableExpr cte;
    cte.name = c->ctename;
    cte.columns = Names(c->aliascolnames, c->n_aliascolnames);
    cte.query = TransformStatement(c->ctequery);
    cte.location = c->location;
    out->ctes.push_back(std::move(cte));
  }
  return out;
}

// The SET list of UPDATE and of ON CONFLICT DO UPDATE: one clause per column, SET (a, b) = (x, y)
// split into a = x, b = y.
std::vector<ast::SetClause> TransformSetList(Node** targets, size_t n) {
  std::vector<ast::SetClause> out;
  for (size_t i = 0; i < n; i++) {
    const PgQuery__ResTarget* r = targets[i]->res_target;
    if (r->n_indirection) Unsupported("UPDATE of subfields", r->location);
    ast::SetClause set;
    set.column = r->name;
    set.location = r->location;
    if (r->val->node_case == PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF) {
      const PgQuery__MultiAssignRef* m = r->val->multi_assign_ref;
      const Node* src = m->source;
      if (src->node_case != PG_QUERY__NODE__NODE_ROW_EXPR || static_cast<int>(src->row_expr->n_args) != m->ncolumns) {
        Unsupported("UPDATE SET (...) = (SELECT ...)", r->location);
      }
      set.value = TransformExpr(src->row_expr->args[m->colno - 1]);
    } else {
      set.value = TransformExpr(r->val);
    }
    out.push_back(std::move(set));
  }
  return out;
}

// A key part of CREATE INDEX, or an element of ON CONFLICT's conflict target.
ast::IndexElem TransformIndexElem(const PgQuery__IndexElem* e) {
  ast::IndexElem elem;
  if (e->name) elem.column = e->name;
  if (e->expr) elem.expr = TransformExpr(e->expr);
  if (e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC) elem.dir = ast::OrderByItem::Dir::kDesc;
  if (e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_ASC) elem.dir = ast::OrderByItem::Dir::kAsc;
  if (e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) elem.nulls = ast::OrderByItem::Nulls::kFirst;
  if (e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) elem.nulls = ast::OrderByItem::Nulls::kLast;
  return elem;
}

ast::StatementPtr TransformInsert(const PgQuery__InsertStmt* s) {
  auto out = std::make_unique<ast::InsertStmt>();
  out->with = TransformWith(s->with_clause);
  out->table = TransformRangeVar(s->relation);
  if (s->relation->alias) out->alias = s->relation->alias->aliasname;
  for (size_t i = 0; i < s->n_cols; i++) {
    const PgQuery__ResTarget* r = s->cols[i]->res_target;
    if (r->n_indirection) Unsupported("INSERT into subfields", r->location);
    out->columns.push_back(r->name);
  }
  if (s->select_stmt) out->select = TransformSelect(s->select_stmt->select_stmt);
  if (const PgQuery__OnConflictClause* oc = s->on_conflict_clause) {
    out->on_conflict = oc->action == PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_NOTHING ? ast::InsertStmt::OnConflict::kNothing
                                                                                       : ast::InsertStmt::OnConflict::kUpdate;
    out->conflict_location = oc->location;
    if (const PgQuery__InferClause* infer = oc->infer) {
      if (infer->conname) out->conflict_constraint = infer->conname;
      for (size_t i = 0; i < infer->n_index_elems; i++) {
        const PgQuery__IndexElem* e = infer->index_elems[i]->index_elem;
        if (e->n_opclass) Unsupported("an operator class in the ON CONFLICT target", infer->location);
        CheckCollation(e->collation, e->n_collation, infer->location);
        out->conflict_target.push_back(TransformIndexElem(e));
      }
      if (infer->where_clause) out->conflict_target_where = TransformExpr(infer->where_clause);
    }
    out->conflict_set = TransformSetList(oc->target_list, oc->n_target_list);
    if (oc->where_clause) out->conflict_where = TransformExpr(oc->where_clause);
  }
  if (s->override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_SYSTEM_VALUE) {
    out->overriding = ast::InsertStmt::Overriding::kSystem;
  } else if (s->override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_USER_VALUE) {
    out->overriding = ast::InsertStmt::Overriding::kUser;
  }
  out->returning = TransformTargets(s->returning_list, s->n_returning_list);
  return out;
}

ast::StatementPtr TransformUpdate(const PgQuery__UpdateStmt* s) {
  auto out = std::make_unique<ast::UpdateStmt>();
  out->with = TransformWith(s->with_clause);
  out->table = TransformRangeVar(s->relation);
  if (s->relation->alias) out->alias = s->relation->alias->aliasname;
  out->set = TransformSetList(s->target_list, s->n_target_list);
  for (size_t i = 0; i < s->n_from_clause; i++) out->from.push_back(TransformTableRef(s->from_clause[i]));
  if (s->where_clause) out->where = TransformExpr(s->where_clause);
  out->returning = TransformTargets(s->returning_list, s->n_returning_list);
  return out;
}

ast::StatementPtr TransformDelete(const PgQuery__DeleteStmt* s) {
  auto out = std::make_unique<ast::DeleteStmt>();
  out->with = TransformWith(s->with_clause);
  out->table = TransformRangeVar(s->relation);
  if (s->relation->alias) out->alias = s->relation->alias->aliasname;
  for (size_t i = 0; i < s->n_using_clause; i++) out->using_tables.push_back(TransformTableRef(s->using_clause[i]));
  if (s->where_clause) out->where = TransformExpr(s->where_clause);
  out->returning = TransformTargets(s->returning_list, s->n_returning_list);
  return out;
}

namespace {

void ApplyColumnConstraint(ast::ColumnDef& col, const PgQuery__Constraint* c, const std::string& table) {
  switch (c->contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_NULL: col.explicit_null = true; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL: col.not_null = true; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT: col.default_value = TransformExpr(c->raw_expr); break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
      col.primary_key = true;
      col.constraints.push_back(TransformConstraint(c));
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      col.unique = true;
      col.constraints.push_back(TransformConstraint(c));
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: col.constraints.push_back(TransformConstraint(c)); break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN: col.constraints.push_back(TransformConstraint(c)); break;
    // [NOT] DEFERRABLE / INITIALLY ... qualify the constraint before them (CheckColumnClauses
    // allows them only after a foreign key).
    case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE: col.constraints.back().deferrable = true; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE: col.constraints.back().deferrable = false; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
      col.constraints.back().initially_deferred = col.constraints.back().deferrable = true;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE: col.constraints.back().initially_deferred = false; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY: TransformIdentityConstraint(c, &col, table); break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
      // GENERATED ALWAYS AS (expr) STORED (the grammar allows nothing else in PostgreSQL 15)
      if (col.generated) {
        throw At(Error(sqlstate::kSyntaxError, "multiple generation clauses specified for column \"" + col.name +
                                                   "\" of table \"" + table + "\""),
                 c->location);
      }
      if (!c->generated_when || c->generated_when[0] != 'a') {
        throw At(Error(sqlstate::kSyntaxError, "for a generated column, GENERATED ALWAYS must be specified"), c->location);
      }
      col.generated = TransformExpr(c->raw_expr);
      col.generated_location = c->location;
      break;
    default: break;
  }
}

}  // namespace

namespace {
char ActionCode(const char* action) { return action && *action ? *action : 'a'; }

void TransformForeignKey(const PgQuery__Constraint* c, ast::TableConstraint* tc) {
  tc->columns = Names(c->fk_attrs, c->n_fk_attrs);
  tc->ref_table = TransformRangeVar(c->pktable);
  tc->ref_columns = Names(c->pk_attrs, c->n_pk_attrs);
  tc->match = c->fk_matchtype && *c->fk_matchtype ? *c->fk_matchtype : 's';
  if (tc->match == 'p') {
    throw Error(sqlstate::kFeatureNotSupported, "MATCH PARTIAL not yet implemented").WithPosition(c->location + 1);
  }
  tc->on_update = ActionCode(c->fk_upd_action);
  tc->on_delete = ActionCode(c->fk_del_action);
  tc->delete_set_columns = Names(c->fk_del_set_cols, c->n_fk_del_set_cols);
  tc->deferrable = c->deferrable || c->initdeferred;
  tc->initially_deferred = c->initdeferred;
  if (c->n_including) Unsupported("INCLUDE", c->location);
}
}  // namespace

ast::TableConstraint TransformConstraint(const PgQuery__Constraint* c) {
  ast::TableConstraint tc;
  tc.location = c->location;
  if (c->conname) tc.name = c->conname;
  switch (c->contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY: tc.type = ast::TableConstraint::Type::kPrimaryKey; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE: tc.type = ast::TableConstraint::Type::kUnique; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
      tc.type = ast::TableConstraint::Type::kCheck;
      tc.check = TransformExpr(c->raw_expr);
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN: tc.type = ast::TableConstraint::Type::kForeignKey; break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION: Unsupported("EXCLUDE constraints", c->location);
    default: Unsupported("this table constraint", c->location);
  }
  if (tc.type == ast::TableConstraint::Type::kPrimaryKey || tc.type == ast::TableConstraint::Type::kUnique) {
    CheckIndexConstraint(c);
    if (c->indexname && *c->indexname) Unsupported("constraints USING INDEX", c->location);
  }
  tc.columns = Names(c->keys, c->n_keys);
  if (tc.type == ast::TableConstraint::Type::kForeignKey) TransformForeignKey(c, &tc);
  tc.not_valid = c->skip_validation;
  tc.no_inherit = c->is_no_inherit;
  tc.nulls_not_distinct = c->nulls_not_distinct;
  return tc;
}

ast::ColumnDef TransformColumnDef(const PgQuery__ColumnDef* d, const std::string& table) {
  CheckColumnClauses(d);
  ast::ColumnDef col;
  col.name = d->colname;
  col.location = d->location;
  col.type = TransformTypeName(d->type_name);
  // serial types are written unqualified (pg_catalog.serial is not a type)
  std::string tname = col.type.names.size() == 1 ? col.type.names.back() : "";
  if (tname == "serial" || tname == "serial4" || tname == "bigserial" || tname == "serial8" ||
      tname == "smallserial" || tname == "serial2") {
    if (col.type.array) Unsupported("array of serial", d->location);
    col.serial = true;
    col.type.names = {tname == "bigserial" || tname == "serial8"     ? "int8"
                      : tname == "smallserial" || tname == "serial2" ? "int2"
                                                                     : "int4"};
  }
  col.not_null = d->is_not_null;
  if (d->raw_default) col.default_value = TransformExpr(d->raw_default);
  for (size_t k = 0; k < d->n_constraints; k++) ApplyColumnConstraint(col, d->constraints[k]->constraint, table);
  return col;
}

namespace {

ast::StatementPtr TransformCreate(const PgQuery__CreateStmt* s) {
  auto out = std::make_unique<ast::CreateTableStmt>();
  out->table = TransformRangeVar(s->relation);
  out->if_not_exists = s->if_not_exists;
  out->temporary = s->relation->relpersistence && s->relation->relpersistence[0] == 't';
  out->on_commit = CheckNewRelation(s->relation, s->options, s->n_options, s->oncommit, s->tablespacename, s->access_method);
  if (s->partbound) Unsupported("PARTITION OF", s->relation->location);
  if (s->of_typename) Unsupported("CREATE TABLE ... OF type", s->relation->location);
  if (s->n_inh_relations) Unsupported("table inheritance");
  if (s->partspec) Unsupported("partitioned tables");
  for (size_t i = 0; i < s->n_table_elts; i++) {
    const Node* e = s->table_elts[i];
    if (e->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
      out->columns.push_back(TransformColumnDef(e->column_def, out->table.name));
    } else if (e->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      out->constraints.push_back(TransformConstraint(e->constraint));
    } else if (e->node_case == PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE) {
      const PgQuery__TableLikeClause* like = e->table_like_clause;
      ast::TableLikeClause clause;
      clause.source = TransformRangeVar(like->relation);
      clause.options = like->options;
      clause.position = out->columns.size();
      clause.location = like->relation->location;
      out->likes.push_back(std::move(clause));
    } else {
      Unsupported("this CREATE TABLE element");
    }
  }
  return out;
}

ast::StatementPtr TransformIndex(const PgQuery__IndexStmt* s) {
  CheckIndexClauses(s);
  auto out = std::make_unique<ast::CreateIndexStmt>();
  if (s->idxname) out->name = s->idxname;
  out->table = TransformRangeVar(s->relation);
  out->unique = s->unique;
  out->nulls_not_distinct = s->nulls_not_distinct;
  out->if_not_exists = s->if_not_exists;
  out->concurrently = s->concurrent;
  out->method = s->access_method ? s->access_method : "btree";
  for (size_t i = 0; i < s->n_index_params; i++) {
    out->columns.push_back(TransformIndexElem(s->index_params[i]->index_elem));
  }
  for (size_t i = 0; i < s->n_index_including_params; i++) {
    out->include.push_back(s->index_including_params[i]->index_elem->name);
  }
  if (s->where_clause) out->where = TransformExpr(s->where_clause);
  return out;
}

ast::StatementPtr TransformDrop(const PgQuery__DropStmt* s) {
  auto out = std::make_unique<ast::DropStmt>();
  using O = ast::DropStmt::ObjectType;
  switch (s->remove_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: out->object_type = O::kTable; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: out->object_type = O::kIndex; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: out->object_type = O::kSchema; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW: out->object_type = O::kView; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: out->object_type = O::kSequence; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE: out->object_type = O::kType; break;
    default: Unsupported("DROP of this object type");
  }
  out->if_exists = s->missing_ok;
  out->cascade = s->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < s->n_objects; i++) {
    const Node* o = s->objects[i];
    ast::RangeVar rv;
    if (o->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {  // DROP TYPE
      ast::TypeName t = TransformTypeName(o->type_name);
      if (t.array) Unsupported("DROP TYPE of an array type", o->type_name->location);
      rv.name = t.names.back();
      if (t.names.size() >= 2) rv.schema = t.names[t.names.size() - 2];
      if (t.names.size() >= 3) rv.catalog = t.names[0];
      rv.location = o->type_name->location;
    } else if (o->node_case == PG_QUERY__NODE__NODE_LIST) {
      auto names = Names(o->list->items, o->list->n_items);
      rv.name = names.back();
      if (names.size() >= 2) rv.schema = names[names.size() - 2];
      if (names.size() >= 3) rv.catalog = names[0];
    } else {
      rv.name = StringValue(o);
    }
    out->objects.push_back(std::move(rv));
  }
  return out;
}

ast::StatementPtr TransformCopy(const PgQuery__CopyStmt* s) {
  auto out = std::make_unique<ast::CopyStmt>();
  if (s->relation) out->table = TransformRangeVar(s->relation);
  if (s->query) {
    if (s->query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) Unsupported("COPY of this statement");
    out->query = TransformSelect(s->query->select_stmt);
  }
  out->columns = Names(s->attlist, s->n_attlist);
  out->from = s->is_from;
  out->program = s->is_program;
  if (s->filename) out->filename = s->filename;
  out->has_where = s->where_clause != nullptr;
  for (size_t i = 0; i < s->n_options; i++) {
    const PgQuery__DefElem* d = s->options[i]->def_elem;
    std::string name = d->defname;
    std::string v = d->arg ? ConstText(d->arg) : "true";
    bool on = v != "false" && v != "off" && v != "0";
    if (name == "format") out->format = v;
    else if (name == "delimiter") out->delimiter = v;
    else if (name == "null") {
      out->null_string = v;
      out->null_given = true;
    } else if (name == "header") {
      if (v == "match") Unsupported("COPY HEADER MATCH", d->location);
      out->header = on;
    }
    else if (name == "quote") out->quote = v;
    else if (name == "escape") out->escape = v;
    else if (name == "freeze") {
      // FREEZE is a loading speed-up in PostgreSQL (rows written as already frozen) that promises
      // no answer of its own; pgbench -i sends it. Into a table created or truncated in the same
      // transaction Kanto ingests the rows as SST files (access/bulk_insert.hpp), with PostgreSQL's
      // documented MVCC exception (older snapshots of other sessions may see them once committed);
      // elsewhere they are ordinary rows. Its 55000 check (table created or truncated in this
      // subtransaction) is not made.
      out->freeze = on;
    }
    else Unsupported("COPY option " + name);
  }
  return out;
}

// EXPLAIN's options as PostgreSQL 15 reads them: each option once per name in any order, booleans
// as true/false/on/off/1/0, then the checks between options (WAL and TIMING need ANALYZE). BUFFERS,
// WAL and SETTINGS report figures Kanto does not keep, so turning them on gives 0A000.
ast::StatementPtr TransformExplain(const PgQuery__ExplainStmt* s) {
  auto out = std::make_unique<ast::ExplainStmt>();
  bool timing_given = false;
  int summary_given = -1;
  bool wal = false;
  const PgQuery__DefElem* unsupported = nullptr;  // the first of BUFFERS, WAL, SETTINGS turned on
  for (size_t i = 0; i < s->n_options; i++) {
    const PgQuery__DefElem* d = s->options[i]->def_elem;
    std::string name = d->defname;
    std::string v = d->arg ? ConstText(d->arg) : "true";
    if (name == "format") {
      if (v != "text" && v != "json" && v != "yaml" && v != "xml") {
        Error e(sqlstate::kInvalidParameterValue,
                "unrecognized value for EXPLAIN option \"format\": \"" + ConstText(d->arg) + "\"");
        throw e.WithPosition(d->location + 1);
      }
      out->format = v;
      continue;
    }
    for (auto& ch : v) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    bool on = v == "true" || v == "on" || v == "1";
    if (!on && v != "false" && v != "off" && v != "0") {
      Error e(sqlstate::kSyntaxError, name + " requires a Boolean value");
      throw e.WithPosition(d->location + 1);
    }
    if (name == "analyze") out->analyze = on;
    else if (name == "verbose") out->verbose = on;
    else if (name == "costs") out->costs = on;
    else if (name == "timing") {
      out->timing = on;
      timing_given = true;
    } else if (name == "summary") {
      summary_given = on ? 1 : 0;
    } else if (name == "buffers" || name == "settings" || name == "wal") {
      if (name == "wal") wal = on;
      if (on && !unsupported) unsupported = d;
    } else {
      Error e(sqlstate::kSyntaxError, "unrecognized EXPLAIN option \"" + name + "\"");
      throw e.WithPosition(d->location + 1);
    }
  }
  if (wal && !out->analyze) throw Error(sqlstate::kInvalidParameterValue, "EXPLAIN option WAL requires ANALYZE");
  if (timing_given && out->timing && !out->analyze) {
    throw Error(sqlstate::kInvalidParameterValue, "EXPLAIN option TIMING requires ANALYZE");
  }
  if (unsupported) {
    std::string upper = unsupported->defname;
    for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    Unsupported("EXPLAIN (" + upper + ")", unsupported->location);
  }
  if (out->verbose) Unsupported("EXPLAIN (VERBOSE)");
  out->summary = summary_given < 0 ? out->analyze : summary_given == 1;
  if (out->format.empty()) out->format = "text";
  out->stmt = TransformStatement(s->query);
  return out;
}

}  // namespace

namespace {

bool IsSetOperation(const PgQuery__SelectStmt* s) {
  return s && (s->op == PG_QUERY__SET_OPERATION__SETOP_UNION || s->op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT ||
              s->op == PG_QUERY__SET_OPERATION__SETOP_EXCEPT);
}

// Everything of a SELECT but its WITH clause and set operation.
void TransformSelectClauses(const PgQuery__SelectStmt* s, ast::SelectStmt* out);

}  // namespace

std::unique_ptr<ast::SelectStmt> TransformSelect(const PgQuery__SelectStmt* s) {
  CheckStackDepth();
  // a UNION b UNION c ... nests through larg; that spine is walked in a loop, so a long chain
  // costs no stack here.
  std::vector<const PgQuery__SelectStmt*> spine{s};
  while (IsSetOperation(spine.back()) && IsSetOperation(spine.back()->larg)) spine.push_back(spine.back()->larg);
  std::unique_ptr<ast::SelectStmt> acc;
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    const PgQuery__SelectStmt* node = *it;
    auto out = std::make_unique<ast::SelectStmt>();
    out->with = TransformWith(node->with_clause);
    switch (node->op) {
      case PG_QUERY__SET_OPERATION__SETOP_UNION: out->set_op = ast::SelectStmt::SetOp::kUnion; break;
      case PG_QUERY__SET_OPERATION__SETOP_INTERSECT: out->set_op = ast::SelectStmt::SetOp::kIntersect; break;
      case PG_QUERY__SET_OPERATION__SETOP_EXCEPT: out->set_op = ast::SelectStmt::SetOp::kExcept; break;
      default: break;
    }
    if (out->set_op != ast::SelectStmt::SetOp::kNone) {
      out->set_all = node->all;
      out->larg = acc ? std::move(acc) : TransformSelect(node->larg);
      out->rarg = TransformSelect(node->rarg);
    }
    TransformSelectClauses(node, out.get());
    acc = std::move(out);
  }
  return acc;
}

namespace {

void TransformSelectClauses(const PgQuery__SelectStmt* s, ast::SelectStmt* out) {
  out->targets = TransformTargets(s->target_list, s->n_target_list);
  for (size_t i = 0; i < s->n_from_clause; i++) out->from.push_back(TransformTableRef(s->from_clause[i]));
  if (s->where_clause) out->where = TransformExpr(s->where_clause);
  out->group_by = TransformExprList(s->group_clause, s->n_group_clause);
  out->group_by_distinct = s->group_distinct;
  if (s->having_clause) out->having = TransformExpr(s->having_clause);
  if (s->n_distinct_clause > 0) {
    out->distinct = true;
    // DISTINCT is a list with one NULL entry; DISTINCT ON (...) lists expressions.
    if (!(s->n_distinct_clause == 1 && s->distinct_clause[0]->node_case == PG_QUERY__NODE__NODE__NOT_SET)) {
      for (size_t i = 0; i < s->n_distinct_clause; i++) {
        if (s->distinct_clause[i]->node_case != PG_QUERY__NODE__NODE__NOT_SET) {
          out->distinct_on.push_back(TransformExpr(s->distinct_clause[i]));
        }
      }
    }
  }
  for (size_t i = 0; i < s->n_values_lists; i++) {
    const Node* row = s->values_lists[i];
    out->values.push_back(TransformExprList(row->list->items, row->list->n_items));
  }
  for (size_t i = 0; i < s->n_window_clause; i++) {
    out->windows.push_back(std::move(*TransformWindow(s->window_clause[i]->window_def)));
  }
  out->order_by = TransformSortList(s->sort_clause, s->n_sort_clause);
  auto is_null_const = [](const Node* n) {
    return n->node_case == PG_QUERY__NODE__NODE_A_CONST && n->a_const->isnull;
  };
  if (s->limit_count && !is_null_const(s->limit_count)) out->limit = TransformExpr(s->limit_count);
  if (s->limit_offset) out->offset = TransformExpr(s->limit_offset);
  out->limit_with_ties = s->limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES;
  for (size_t i = 0; i < s->n_locking_clause; i++) {
    const PgQuery__LockingClause* lc = s->locking_clause[i]->locking_clause;
    ast::SelectStmt::LockingClause clause;
    using S = ast::SelectStmt::LockingClause::Strength;
    using W = ast::SelectStmt::LockingClause::Wait;
    switch (lc->strength) {
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORKEYSHARE: clause.strength = S::kKeyShare; break;
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORSHARE: clause.strength = S::kShare; break;
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORNOKEYUPDATE: clause.strength = S::kNoKeyUpdate; break;
      default: clause.strength = S::kUpdate; break;
    }
    clause.wait = lc->wait_policy == PG_QUERY__LOCK_WAIT_POLICY__LockWaitSkip    ? W::kSkipLocked
                  : lc->wait_policy == PG_QUERY__LOCK_WAIT_POLICY__LockWaitError ? W::kNowait
                                                                                 : W::kBlock;
    for (size_t j = 0; j < lc->n_locked_rels; j++) {
      const PgQuery__RangeVar* rv = lc->locked_rels[j]->range_var;
      if (rv->schemaname && *rv->schemaname) {
        throw Error(sqlstate::kSyntaxError, "FOR UPDATE must specify unqualified relation names").WithPosition(rv->location + 1);
      }
      clause.of.push_back(rv->relname);
    }
    out->locking.push_back(std::move(clause));
  }
}

}  // namespace

// CREATE TABLE t [(cols)] AS query / SELECT ... INTO t: the query twice, once to find the columns and
// once as INSERT INTO t SELECT ....
ast::StatementPtr TransformCreateTableAs(const Node* query, const PgQuery__IntoClause* into, bool if_not_exists) {
  if (query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) Unsupported("CREATE TABLE AS with this statement");
  auto out = std::make_unique<ast::CreateTableStmt>();
  out->table = TransformRangeVar(into->rel);
  if (into->rel->relpersistence && std::string(into->rel->relpersistence) == "t") out->temporary = true;
  out->on_commit = CheckNewRelation(into->rel, into->options, into->n_options, into->on_commit, into->table_space_name, into->access_method);
  out->if_not_exists = if_not_exists;
  out->as_columns = Names(into->col_names, into->n_col_names);
  out->with_no_data = into->skip_data;
  out->as_select = TransformSelect(query->select_stmt);
  auto insert = std::make_unique<ast::InsertStmt>();
  insert->table = out->table;
  insert->select = TransformSelect(query->select_stmt);
  out->as_insert = std::move(insert);
  return out;
}

std::string StatementName(const Node* n) {
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: return "ALTER TABLE";
    case PG_QUERY__NODE__NODE_VIEW_STMT: return "CREATE VIEW";
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT: return "CREATE SEQUENCE";
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT: return "ALTER SEQUENCE";
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT: return "CREATE FUNCTION";
    case PG_QUERY__NODE__NODE_COPY_STMT: return "COPY";
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT: return "TRUNCATE TABLE";
    case PG_QUERY__NODE__NODE_VACUUM_STMT: return "VACUUM";
    case PG_QUERY__NODE__NODE_GRANT_STMT: return "GRANT";
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT: return "GRANT ROLE";
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT: return "CREATE ROLE";
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT: return "ALTER ROLE";
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT: return "DROP ROLE";
    case PG_QUERY__NODE__NODE_PREPARE_STMT: return "PREPARE";
    case PG_QUERY__NODE__NODE_EXECUTE_STMT: return "EXECUTE";
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT: return "DEALLOCATE";
    case PG_QUERY__NODE__NODE_DISCARD_STMT: return "DISCARD";
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: return "CREATE TABLE AS";
    case PG_QUERY__NODE__NODE_RENAME_STMT: return "ALTER ... RENAME";
    case PG_QUERY__NODE__NODE_COMMENT_STMT: return "COMMENT";
    case PG_QUERY__NODE__NODE_LOCK_STMT: return "LOCK TABLE";
    case PG_QUERY__NODE__NODE_DO_STMT: return "DO";
    case PG_QUERY__NODE__NODE_CREATEDB_STMT: return "CREATE DATABASE";
    case PG_QUERY__NODE__NODE_DROPDB_STMT: return "DROP DATABASE";
    case PG_QUERY__NODE__NODE_LISTEN_STMT: return "LISTEN";
    case PG_QUERY__NODE__NODE_NOTIFY_STMT: return "NOTIFY";
    case PG_QUERY__NODE__NODE_UNLISTEN_STMT: return "UNLISTEN";
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT: return "DECLARE CURSOR";
    case PG_QUERY__NODE__NODE_FETCH_STMT: return "FETCH";
    case PG_QUERY__NODE__NODE_CLOSE_PORTAL_STMT: return "CLOSE CURSOR";
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT: return "CREATE TRIGGER";
    case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT: return "CREATE EXTENSION";
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT: return "CREATE TYPE";
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT: return "ALTER TYPE";
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT: return "CREATE TYPE";
    case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT: return "CREATE DOMAIN";
    case PG_QUERY__NODE__NODE_REINDEX_STMT: return "REINDEX";
    case PG_QUERY__NODE__NODE_CLUSTER_STMT: return "CLUSTER";
    case PG_QUERY__NODE__NODE_CHECK_POINT_STMT: return "CHECKPOINT";
    case PG_QUERY__NODE__NODE_MERGE_STMT: return "MERGE";
    case PG_QUERY__NODE__NODE_CALL_STMT: return "CALL";
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT: return "REFRESH MATERIALIZED VIEW";
    default: return "this statement";
  }
}

ast::StatementPtr TransformStatement(const Node* n) {
  CheckStackDepth();
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT:
      if (n->select_stmt->into_clause) return TransformCreateTableAs(n, n->select_stmt->into_clause, false);
      return TransformSelect(n->select_stmt);
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: {
      const auto* c = n->create_table_as_stmt;
      if (c->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) Unsupported("CREATE MATERIALIZED VIEW");
      return TransformCreateTableAs(c->query, c->into, c->if_not_exists);
    }
    case PG_QUERY__NODE__NODE_INSERT_STMT: return TransformInsert(n->insert_stmt);
    case PG_QUERY__NODE__NODE_UPDATE_STMT: return TransformUpdate(n->update_stmt);
    case PG_QUERY__NODE__NODE_DELETE_STMT: return TransformDelete(n->delete_stmt);
    case PG_QUERY__NODE__NODE_MERGE_STMT: return TransformMerge(n->merge_stmt);
    case PG_QUERY__NODE__NODE_CREATE_STMT: return TransformCreate(n->create_stmt);
    case PG_QUERY__NODE__NODE_INDEX_STMT: return TransformIndex(n->index_stmt);
    case PG_QUERY__NODE__NODE_DROP_STMT: return TransformDrop(n->drop_stmt);
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT: {
      if (n->create_schema_stmt->n_schema_elts) Unsupported("CREATE SCHEMA with schema elements");
      auto out = std::make_unique<ast::CreateSchemaStmt>();
      out->name = n->create_schema_stmt->schemaname ? n->create_schema_stmt->schemaname : "";
      if (n->create_schema_stmt->authrole) {
        out->has_authorization = true;
        out->authorization = TransformRoleName(n->create_schema_stmt->authrole, "AUTHORIZATION");
      }
      out->if_not_exists = n->create_schema_stmt->if_not_exists;
      return out;
    }
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT: return TransformRoleStmt(n);
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
    case PG_QUERY__NODE__NODE_DROPDB_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_SET_STMT: return TransformDatabaseStmt(n);
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
      if (n->alter_owner_stmt->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE) return TransformDatabaseStmt(n);
      return TransformAlterOwner(n->alter_owner_stmt);
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT:
    case PG_QUERY__NODE__NODE_FETCH_STMT:
    case PG_QUERY__NODE__NODE_CLOSE_PORTAL_STMT: return TransformCursorStmt(n);
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT: return TransformTransaction(n->transaction_stmt);
    case PG_QUERY__NODE__NODE_LISTEN_STMT:
    case PG_QUERY__NODE__NODE_UNLISTEN_STMT:
    case PG_QUERY__NODE__NODE_NOTIFY_STMT: return TransformNotify(n);
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT: return TransformExplain(n->explain_stmt);
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT: return TransformSet(n->variable_set_stmt);
    case PG_QUERY__NODE__NODE_VIEW_STMT: {
      const PgQuery__ViewStmt* v = n->view_stmt;
      if (v->with_check_option != PG_QUERY__VIEW_CHECK_OPTION__NO_CHECK_OPTION &&
          v->with_check_option != PG_QUERY__VIEW_CHECK_OPTION__VIEW_CHECK_OPTION_UNDEFINED) {
        Unsupported("WITH CHECK OPTION");
      }
      CheckViewOptions(v->options, v->n_options);
      auto out = std::make_unique<ast::CreateViewStmt>();
      out->temporary = v->view->relpersistence && v->view->relpersistence[0] == 't';
      out->view = TransformRangeVar(v->view);
      out->columns = Names(v->aliases, v->n_aliases);
      out->replace = v->replace;
      if (!v->query || v->query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) Unsupported("this view query");
      out->query = TransformSelect(v->query->select_stmt);
      return out;
    }
    case PG_QUERY__NODE__NODE_COPY_STMT: return TransformCopy(n->copy_stmt);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: return TransformAlterTable(n->alter_table_stmt);
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT: return TransformTruncate(n->truncate_stmt);
    case PG_QUERY__NODE__NODE_LOCK_STMT: {
      auto out = std::make_unique<ast::LockStmt>();
      for (size_t i = 0; i < n->lock_stmt->n_relations; i++) {
        out->tables.push_back(TransformRangeVar(n->lock_stmt->relations[i]->range_var));
      }
      out->mode = n->lock_stmt->mode;
      out->nowait = n->lock_stmt->nowait;
      return out;
    }
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT: return TransformCreateSequence(n->create_seq_stmt);
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT: return TransformAlterSequence(n->alter_seq_stmt);
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      if (n->rename_stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE) return TransformDatabaseStmt(n);
      return TransformRename(n->rename_stmt);
    case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT: return TransformAlterObjectSchema(n->alter_object_schema_stmt);
    case PG_QUERY__NODE__NODE_COMMENT_STMT: return TransformComment(n->comment_stmt);
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT: return TransformTypeStmt(n);
    case PG_QUERY__NODE__NODE_GRANT_STMT: return TransformGrant(n->grant_stmt);
    case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
      return TransformAlterDefaultPrivileges(n->alter_default_privileges_stmt);
    case PG_QUERY__NODE__NODE_VACUUM_STMT: {
      CheckVacuumOptions(n->vacuum_stmt);
      auto out = std::make_unique<ast::VacuumStmt>();
      out->vacuum = n->vacuum_stmt->is_vacuumcmd;
      for (size_t i = 0; i < n->vacuum_stmt->n_rels; i++) {
        const auto* rel = n->vacuum_stmt->rels[i]->vacuum_relation;
        if (rel->relation) out->tables.push_back(TransformRangeVar(rel->relation));
      }
      return out;
    }
    case PG_QUERY__NODE__NODE_PREPARE_STMT: {
      const auto* p = n->prepare_stmt;
      auto out = std::make_unique<ast::PrepareStmt>();
      out->name = p->name;
      for (size_t i = 0; i < p->n_argtypes; i++) out->types.push_back(TransformTypeName(p->argtypes[i]->type_name));
      out->query = std::shared_ptr<ast::Statement>(TransformStatement(p->query).release());
      return out;
    }
    case PG_QUERY__NODE__NODE_EXECUTE_STMT: {
      auto out = std::make_unique<ast::ExecuteStmt>();
      out->name = n->execute_stmt->name;
      out->params = TransformExprList(n->execute_stmt->params, n->execute_stmt->n_params);
      return out;
    }
    case PG_QUERY__NODE__NODE_CONSTRAINTS_SET_STMT: {
      auto out = std::make_unique<ast::SetConstraintsStmt>();
      const auto* s = n->constraints_set_stmt;
      for (size_t i = 0; i < s->n_constraints; i++) {
        if (s->constraints[i]->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) Unsupported("SET CONSTRAINTS with this name");
        out->names.push_back(TransformRangeVar(s->constraints[i]->range_var));
      }
      out->deferred = s->deferred;
      return out;
    }
    case PG_QUERY__NODE__NODE_DISCARD_STMT: {
      auto out = std::make_unique<ast::DiscardStmt>();
      out->all = n->discard_stmt->target == PG_QUERY__DISCARD_MODE__DISCARD_ALL;
      out->sequences = n->discard_stmt->target == PG_QUERY__DISCARD_MODE__DISCARD_SEQUENCES;
      out->temp = n->discard_stmt->target == PG_QUERY__DISCARD_MODE__DISCARD_TEMP;
      return out;
    }
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT: {
      auto out = std::make_unique<ast::DeallocateStmt>();
      if (n->deallocate_stmt->name) out->name = n->deallocate_stmt->name;
      return out;
    }
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT: {
      auto out = std::make_unique<ast::ShowStmt>();
      std::string name = n->variable_show_stmt->name;
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out->name = name;
      return out;
    }
    default:
      Unsupported(StatementName(n));
  }
}

}  // namespace kanto::parser
