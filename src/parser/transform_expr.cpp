// Expressions: libpg_query nodes -> ast::Expr.
#include <cerrno>
#include <cstdlib>

#include "parser/transformer.hpp"

namespace kanto::parser {

void Unsupported(const std::string& what, int location) {
  Error e(sqlstate::kFeatureNotSupported, what + " is not supported");
  if (location >= 0) e.WithPosition(location + 1);
  throw e;
}

std::string StringValue(const Node* n) {
  if (n && n->node_case == PG_QUERY__NODE__NODE_STRING) return n->string->sval;
  if (n && n->node_case == PG_QUERY__NODE__NODE_A_STAR) return "*";
  throw Error(sqlstate::kSyntaxError, "expected a name");
}

namespace {

std::vector<std::string> Names(Node** items, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; i++) out.push_back(StringValue(items[i]));
  return out;
}

bool FitsInt64(const std::string& s, int64_t* out) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i >= s.size()) return false;
  for (size_t k = i; k < s.size(); k++) {
    if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
  }
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno == ERANGE) return false;
  *out = v;
  return true;
}

ast::ExprPtr TransformConst(const PgQuery__AConst* c) {
  auto out = std::make_unique<ast::Constant>();
  out->location = c->location;
  if (c->isnull) {
    out->type = ast::Constant::Type::kNull;
    return out;
  }
  switch (c->val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL:
      out->type = ast::Constant::Type::kInteger;
      out->ival = c->ival->ival;
      break;
    case PG_QUERY__A__CONST__VAL_FVAL: {
      std::string s = c->fval->fval;
      int64_t v;
      if (FitsInt64(s, &v)) {
        out->type = ast::Constant::Type::kInteger;
        out->ival = v;
      } else {
        out->type = ast::Constant::Type::kNumeric;
        out->str = s;
      }
      break;
    }
    case PG_QUERY__A__CONST__VAL_BOOLVAL:
      out->type = ast::Constant::Type::kBool;
      out->bval = c->boolval->boolval;
      break;
    case PG_QUERY__A__CONST__VAL_SVAL:
      out->type = ast::Constant::Type::kString;
      out->str = c->sval->sval;
      break;
    case PG_QUERY__A__CONST__VAL_BSVAL:
      out->type = ast::Constant::Type::kBitString;
      out->str = c->bsval->bsval;
      break;
    default:
      out->type = ast::Constant::Type::kNull;
  }
  return out;
}

std::string OperatorName(Node** names, size_t n, std::vector<std::string>* qualified) {
  if (n == 0) return "";
  if (n > 1) {
    for (size_t i = 0; i + 1 < n; i++) qualified->push_back(StringValue(names[i]));
  }
  return StringValue(names[n - 1]);
}

bool IsOperatorKind(const PgQuery__AExpr* a) {
  switch (a->kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR:
      return true;
    default:
      return false;
  }
}

bool IsOperatorCall(const Node* n) {
  return n && n->node_case == PG_QUERY__NODE__NODE_A_EXPR && IsOperatorKind(n->a_expr);
}

// a + b + c ... arrives nested through lexpr; its left spine is walked in a loop, so a long chain
// costs no stack here (the right operands recurse as usual).
ast::ExprPtr TransformOperatorChain(const PgQuery__AExpr* top) {
  std::vector<const PgQuery__AExpr*> spine{top};
  while (IsOperatorCall(spine.back()->lexpr)) spine.push_back(spine.back()->lexpr->a_expr);
  ast::ExprPtr acc = spine.back()->lexpr ? TransformExpr(spine.back()->lexpr) : nullptr;
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    const PgQuery__AExpr* a = *it;
    auto e = std::make_unique<ast::OpExpr>();
    e->location = a->location;
    e->op = OperatorName(a->name, a->n_name, &e->qualified_op);
    e->left = std::move(acc);
    e->right = TransformExpr(a->rexpr);
    acc = std::move(e);
  }
  return acc;
}

ast::ExprPtr TransformAExpr(const PgQuery__AExpr* a) {
  if (IsOperatorKind(a)) return TransformOperatorChain(a);
  std::vector<std::string> qualified;
  std::string op = OperatorName(a->name, a->n_name, &qualified);
  switch (a->kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL: {
      auto e = std::make_unique<ast::AnyAllArray>();
      e->location = a->location;
      e->op = op;
      e->all = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL;
      e->left = TransformExpr(a->lexpr);
      e->right = TransformExpr(a->rexpr);
      return e;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT: {
      auto e = std::make_unique<ast::DistinctFrom>();
      e->location = a->location;
      e->is_not = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT;
      e->left = TransformExpr(a->lexpr);
      e->right = TransformExpr(a->rexpr);
      return e;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF: {
      auto e = std::make_unique<ast::NullIfExpr>();
      e->location = a->location;
      e->left = TransformExpr(a->lexpr);
      e->right = TransformExpr(a->rexpr);
      return e;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
      auto e = std::make_unique<ast::InList>();
      e->location = a->location;
      e->negated = op == "<>";
      e->arg = TransformExpr(a->lexpr);
      if (a->rexpr && a->rexpr->node_case == PG_QUERY__NODE__NODE_LIST) {
        e->list = TransformExprList(a->rexpr->list->items, a->rexpr->list->n_items);
      } else {
        e->list.push_back(TransformExpr(a->rexpr));
      }
      return e;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: {
      auto e = std::make_unique<ast::Between>();
      e->location = a->location;
      e->negated = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN ||
                   a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      e->symmetric = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM ||
                     a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      e->arg = TransformExpr(a->lexpr);
      const PgQuery__List* bounds = a->rexpr->list;
      if (bounds->n_items != 2) throw Error(sqlstate::kSyntaxError, "BETWEEN needs two bounds");
      e->low = TransformExpr(bounds->items[0]);
      e->high = TransformExpr(bounds->items[1]);
      return e;
    }
    default:
      Unsupported("this operator form", a->location);
  }
}

ast::ExprPtr TransformFuncCall(const PgQuery__FuncCall* f) {
  CheckFuncCallClauses(f);
  auto out = std::make_unique<ast::FuncCall>();
  out->location = f->location;
  out->name = Names(f->funcname, f->n_funcname);
  for (size_t i = 0; i < f->n_args; i++) {
    const Node* arg = f->args[i];
    if (arg->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
      out->arg_names.push_back(arg->named_arg_expr->name ? arg->named_arg_expr->name : "");
      out->args.push_back(TransformExpr(arg->named_arg_expr->arg));
    } else {
      out->arg_names.push_back("");
      out->args.push_back(TransformExpr(arg));
    }
  }
  out->star = f->agg_star;
  out->distinct = f->agg_distinct;
  out->variadic = f->func_variadic;
  out->within_group = f->agg_within_group;
  out->agg_order = TransformSortList(f->agg_order, f->n_agg_order);
  if (f->agg_filter) out->filter = TransformExpr(f->agg_filter);
  if (f->over) out->over = TransformWindow(f->over);
  return out;
}

ast::ExprPtr TransformSubLink(const PgQuery__SubLink* s) {
  auto out = std::make_unique<ast::SubqueryExpr>();
  out->location = s->location;
  switch (s->sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK: out->type = ast::SubqueryExpr::Type::kExists; break;
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK: out->type = ast::SubqueryExpr::Type::kAll; break;
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK: out->type = ast::SubqueryExpr::Type::kAny; break;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK: out->type = ast::SubqueryExpr::Type::kScalar; break;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK: out->type = ast::SubqueryExpr::Type::kArray; break;
    default: Unsupported("this kind of subquery", s->location);
  }
  if (s->testexpr) out->test = TransformExpr(s->testexpr);
  std::vector<std::string> q;
  out->op = s->n_oper_name ? OperatorName(s->oper_name, s->n_oper_name, &q) : "=";
  if (!s->subselect || s->subselect->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    Unsupported("this subquery", s->location);
  }
  out->query = TransformSelect(s->subselect->select_stmt);
  return out;
}

}  // namespace

ast::TypeName TransformTypeName(const PgQuery__TypeName* t) {
  ast::TypeName out;
  out.names = Names(t->names, t->n_names);
  out.location = t->location;
  out.array = t->n_array_bounds > 0;
  for (size_t i = 0; i < t->n_typmods; i++) {
    const Node* m = t->typmods[i];
    if (m->node_case == PG_QUERY__NODE__NODE_A_CONST && m->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
      out.mods.push_back(m->a_const->ival->ival);
    } else if (m->node_case == PG_QUERY__NODE__NODE_A_CONST && m->a_const->val_case == PG_QUERY__A__CONST__VAL_FVAL) {
      out.mods.push_back(std::atoi(m->a_const->fval->fval));
    } else if (m->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
      // INTERVAL fields, or a misspelt modifier: ignored for intervals.
      if (out.names.empty() || out.names.back() != "interval") {
        throw Error(sqlstate::kSyntaxError, "type modifiers must be simple constants or identifiers")
            .WithPosition(t->location + 1);
      }
    } else if (out.names.empty() || out.names.back() != "interval") {
      throw Error(sqlstate::kSyntaxError, "type modifiers must be simple constants or identifiers")
          .WithPosition(t->location + 1);
    }
  }
  // interval: mods[0] is the field mask (INTERVAL_MASK bits), mods[1] the seconds precision.
  return out;
}

ast::ExprList TransformExprList(Node** items, size_t n) {
  ast::ExprList out;
  for (size_t i = 0; i < n; i++) out.push_back(TransformExpr(items[i]));
  return out;
}

std::unique_ptr<ast::WindowDef> TransformWindow(const PgQuery__WindowDef* w) {
  auto out = std::make_unique<ast::WindowDef>();
  if (w->name) out->name = w->name;
  if (w->refname) out->ref_name = w->refname;
  out->partition_by = TransformExprList(w->partition_clause, w->n_partition_clause);
  out->order_by = TransformSortList(w->order_clause, w->n_order_clause);
  out->location = w->location;
  // PostgreSQL's FRAMEOPTION_* bits (nodes/parsenodes.h).
  enum : int32_t {
    kNonDefault = 0x1, kRows = 0x4, kGroups = 0x8,
    kStartUnboundedPreceding = 0x20, kEndUnboundedFollowing = 0x100, kStartCurrentRow = 0x200,
    kEndCurrentRow = 0x400, kStartOffsetPreceding = 0x800, kEndOffsetPreceding = 0x1000,
    kStartOffsetFollowing = 0x2000, kEndOffsetFollowing = 0x4000, kExcludeCurrentRow = 0x8000,
    kExcludeGroup = 0x10000, kExcludeTies = 0x20000,
  };
  int32_t opts = w->frame_options;
  using Frame = ast::WindowFrame;
  if (opts & kNonDefault) {
    Frame& f = out->frame;
    f.mode = (opts & kRows) ? Frame::Mode::kRows : (opts & kGroups) ? Frame::Mode::kGroups : Frame::Mode::kRange;
    f.start = (opts & kStartUnboundedPreceding) ? Frame::Bound::kUnboundedPreceding
              : (opts & kStartCurrentRow)       ? Frame::Bound::kCurrentRow
              : (opts & kStartOffsetPreceding)  ? Frame::Bound::kPreceding
              : (opts & kStartOffsetFollowing)  ? Frame::Bound::kFollowing
                                                : Frame::Bound::kUnboundedFollowing;
    f.end = (opts & kEndUnboundedFollowing) ? Frame::Bound::kUnboundedFollowing
            : (opts & kEndCurrentRow)       ? Frame::Bound::kCurrentRow
            : (opts & kEndOffsetPreceding)  ? Frame::Bound::kPreceding
            : (opts & kEndOffsetFollowing)  ? Frame::Bound::kFollowing
                                            : Frame::Bound::kUnboundedPreceding;
    f.exclude = (opts & kExcludeCurrentRow) ? Frame::Exclude::kCurrentRow
                : (opts & kExcludeGroup)    ? Frame::Exclude::kGroup
                : (opts & kExcludeTies)     ? Frame::Exclude::kTies
                                            : Frame::Exclude::kNoOthers;
    if (w->start_offset) f.start_offset = TransformExpr(w->start_offset);
    if (w->end_offset) f.end_offset = TransformExpr(w->end_offset);
  }
  return out;
}

std::vector<ast::OrderByItem> TransformSortList(Node** items, size_t n) {
  std::vector<ast::OrderByItem> out;
  for (size_t i = 0; i < n; i++) {
    const PgQuery__SortBy* s = items[i]->sort_by;
    ast::OrderByItem item;
    item.expr = TransformExpr(s->node);
    item.location = s->location;
    switch (s->sortby_dir) {
      case PG_QUERY__SORT_BY_DIR__SORTBY_ASC: item.dir = ast::OrderByItem::Dir::kAsc; break;
      case PG_QUERY__SORT_BY_DIR__SORTBY_DESC: item.dir = ast::OrderByItem::Dir::kDesc; break;
      case PG_QUERY__SORT_BY_DIR__SORTBY_USING: item.dir = ast::OrderByItem::Dir::kUsing; break;
      default: break;
    }
    switch (s->sortby_nulls) {
      case PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST: item.nulls = ast::OrderByItem::Nulls::kFirst; break;
      case PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST: item.nulls = ast::OrderByItem::Nulls::kLast; break;
      default: break;
    }
    out.push_back(std::move(item));
  }
  return out;
}

ast::ExprPtr TransformExpr(const Node* n) {
  CheckStackDepth();
  if (!n) throw Error(sqlstate::kInternalError, "missing expression");
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
      return TransformConst(n->a_const);
    case PG_QUERY__NODE__NODE_COLUMN_REF: {
      auto c = std::make_unique<ast::ColumnRef>();
      c->location = n->column_ref->location;
      for (size_t i = 0; i < n->column_ref->n_fields; i++) {
        const Node* f = n->column_ref->fields[i];
        if (f->node_case == PG_QUERY__NODE__NODE_A_STAR) {
          c->star = true;
        } else {
          c->names.push_back(StringValue(f));
        }
      }
      return c;
    }
    case PG_QUERY__NODE__NODE_PARAM_REF: {
      auto p = std::make_unique<ast::ParamRef>();
      p->number = n->param_ref->number;
      p->location = n->param_ref->location;
      return p;
    }
    case PG_QUERY__NODE__NODE_A_EXPR:
      return TransformAExpr(n->a_expr);
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return TransformFuncCall(n->func_call);
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
      auto c = std::make_unique<ast::CastExpr>();
      c->location = n->type_cast->location;
      c->arg = TransformExpr(n->type_cast->arg);
      c->type = TransformTypeName(n->type_cast->type_name);
      return c;
    }
    case PG_QUERY__NODE__NODE_CASE_EXPR: {
      const PgQuery__CaseExpr* ce = n->case_expr;
      auto c = std::make_unique<ast::CaseExpr>();
      c->location = ce->location;
      if (ce->arg) c->arg = TransformExpr(ce->arg);
      for (size_t i = 0; i < ce->n_args; i++) {
        const PgQuery__CaseWhen* w = ce->args[i]->case_when;
        c->whens.push_back({TransformExpr(w->expr), TransformExpr(w->result)});
      }
      if (ce->defresult) c->else_result = TransformExpr(ce->defresult);
      return c;
    }
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return TransformSubLink(n->sub_link);
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
      auto b = std::make_unique<ast::BoolExpr>();
      b->location = n->bool_expr->location;
      b->type = n->bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR  ? ast::BoolExpr::Type::kAnd
                : n->bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR ? ast::BoolExpr::Type::kOr
                                                                            : ast::BoolExpr::Type::kNot;
      b->args = TransformExprList(n->bool_expr->args, n->bool_expr->n_args);
      return b;
    }
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      auto t = std::make_unique<ast::NullTest>();
      t->location = n->null_test->location;
      t->arg = TransformExpr(n->null_test->arg);
      t->is_not = n->null_test->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL;
      return t;
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      auto t = std::make_unique<ast::BooleanTest>();
      t->location = n->boolean_test->location;
      t->arg = TransformExpr(n->boolean_test->arg);
      t->type = static_cast<ast::BooleanTest::Type>(static_cast<int>(n->boolean_test->booltesttype) - 1);
      return t;
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      auto c = std::make_unique<ast::CoalesceExpr>();
      c->location = n->coalesce_expr->location;
      c->args = TransformExprList(n->coalesce_expr->args, n->coalesce_expr->n_args);
      return c;
    }
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: {
      auto m = std::make_unique<ast::MinMaxExpr>();
      m->location = n->min_max_expr->location;
      m->greatest = n->min_max_expr->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST;
      m->args = TransformExprList(n->min_max_expr->args, n->min_max_expr->n_args);
      return m;
    }
    case PG_QUERY__NODE__NODE_ROW_EXPR: {
      auto r = std::make_unique<ast::RowExpr>();
      r->location = n->row_expr->location;
      r->args = TransformExprList(n->row_expr->args, n->row_expr->n_args);
      return r;
    }
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: {
      auto f = std::make_unique<ast::SqlValueFunction>();
      f->location = n->sqlvalue_function->location;
      using T = ast::SqlValueFunction::Type;
      switch (n->sqlvalue_function->op) {
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE: f->type = T::kCurrentDate; break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N: f->type = T::kCurrentTime; break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N: f->type = T::kCurrentTimestamp; break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N: f->type = T::kLocalTime; break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N: f->type = T::kLocalTimestamp; break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE: f->type = T::kCurrentRole; break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER: f->type = T::kCurrentUser; break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER: f->type = T::kUser; break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER: f->type = T::kSessionUser; break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG: f->type = T::kCurrentCatalog; break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA: f->type = T::kCurrentSchema; break;
        default: break;
      }
      f->precision = n->sqlvalue_function->typmod;
      return f;
    }
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: {
      auto a = std::make_unique<ast::ArrayExpr>();
      a->location = n->a_array_expr->location;
      a->elements = TransformExprList(n->a_array_expr->elements, n->a_array_expr->n_elements);
      return a;
    }
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: {
      auto c = std::make_unique<ast::CollateExpr>();
      c->location = n->collate_clause->location;
      c->arg = TransformExpr(n->collate_clause->arg);
      c->collation = Names(n->collate_clause->collname, n->collate_clause->n_collname);
      return c;
    }
    case PG_QUERY__NODE__NODE_GROUPING_FUNC: {  // GROUPING(a, b): a function call for the binder
      auto f = std::make_unique<ast::FuncCall>();
      f->location = n->grouping_func->location;
      f->name = {"grouping"};
      f->args = TransformExprList(n->grouping_func->args, n->grouping_func->n_args);
      f->arg_names.assign(f->args.size(), "");
      return f;
    }
    case PG_QUERY__NODE__NODE_GROUPING_SET: {
      auto g = std::make_unique<ast::GroupingSet>();
      g->location = n->grouping_set->location;
      switch (n->grouping_set->kind) {
        case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_EMPTY: g->type = ast::GroupingSet::Type::kEmpty; break;
        case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SIMPLE: g->type = ast::GroupingSet::Type::kSimple; break;
        case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_ROLLUP: g->type = ast::GroupingSet::Type::kRollup; break;
        case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_CUBE: g->type = ast::GroupingSet::Type::kCube; break;
        default: g->type = ast::GroupingSet::Type::kSets; break;
      }
      g->content = TransformExprList(n->grouping_set->content, n->grouping_set->n_content);
      return g;
    }
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT:
      return std::make_unique<ast::DefaultMarker>();
    case PG_QUERY__NODE__NODE_A_INDIRECTION: {
      const auto* ind = n->a_indirection;
      ast::ExprPtr out = TransformExpr(ind->arg);
      bool subscripted = false;
      for (size_t i = 0; i < ind->n_indirection; i++) {
        const PgQuery__Node* item = ind->indirection[i];
        if (item->node_case == PG_QUERY__NODE__NODE_STRING || item->node_case == PG_QUERY__NODE__NODE_A_STAR) {
          auto f = std::make_unique<ast::FieldSelect>();
          f->location = out->location;
          f->star = item->node_case == PG_QUERY__NODE__NODE_A_STAR;
          if (!f->star) f->field = item->string->sval;
          f->arg = std::move(out);
          out = std::move(f);
          subscripted = false;
          continue;
        }
        if (item->node_case != PG_QUERY__NODE__NODE_A_INDICES) Unsupported("this indirection");
        if (subscripted) Unsupported("multidimensional array subscripts");
        subscripted = true;
        const auto* idx = item->a_indices;
        auto s = std::make_unique<ast::Subscript>();
        s->location = out->location;
        s->slice = idx->is_slice;
        if (idx->lidx) s->lower = TransformExpr(idx->lidx);
        if (idx->uidx) s->upper = TransformExpr(idx->uidx);
        s->arg = std::move(out);
        out = std::move(s);
      }
      return out;
    }
    case PG_QUERY__NODE__NODE_LIST: {
      // (a, b) in some positions arrives as a list: treat as a row.
      auto r = std::make_unique<ast::RowExpr>();
      r->args = TransformExprList(n->list->items, n->list->n_items);
      return r;
    }
    case PG_QUERY__NODE__NODE_CURRENT_OF_EXPR:
      Unsupported("WHERE CURRENT OF");
    default:
      Unsupported("this expression");
  }
}

}  // namespace kanto::parser
