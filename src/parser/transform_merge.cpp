// MERGE (PostgreSQL 15): libpg_query's MergeStmt -> ast::MergeStmt. The grammar already refuses
// what PostgreSQL 15 has not (RETURNING, WHEN NOT MATCHED BY SOURCE), with its syntax errors.
#include "parser/transformer.hpp"

namespace kanto::parser {

namespace {

ast::MergeWhenClause TransformWhenClause(const PgQuery__MergeWhenClause* w) {
  using Action = ast::MergeWhenClause::Action;
  ast::MergeWhenClause out;
  out.matched = w->matched;
  if (w->condition) out.condition = TransformExpr(w->condition);
  switch (w->command_type) {
    case PG_QUERY__CMD_TYPE__CMD_UPDATE:
      out.action = Action::kUpdate;
      out.set = TransformSetList(w->target_list, w->n_target_list);
      break;
    case PG_QUERY__CMD_TYPE__CMD_DELETE: out.action = Action::kDelete; break;
    case PG_QUERY__CMD_TYPE__CMD_INSERT:
      out.action = Action::kInsert;
      for (size_t i = 0; i < w->n_target_list; i++) {
        const PgQuery__ResTarget* r = w->target_list[i]->res_target;
        if (r->n_indirection) Unsupported("INSERT into subfields", r->location);
        out.columns.push_back(r->name);
      }
      out.values = TransformExprList(w->values, w->n_values);
      if (w->override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_SYSTEM_VALUE) {
        out.overriding = ast::InsertStmt::Overriding::kSystem;
      } else if (w->override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_USER_VALUE) {
        out.overriding = ast::InsertStmt::Overriding::kUser;
      }
      break;
    default: out.action = Action::kNothing; break;  // DO NOTHING
  }
  return out;
}

}  // namespace

ast::StatementPtr TransformMerge(const PgQuery__MergeStmt* s) {
  auto out = std::make_unique<ast::MergeStmt>();
  out->with = TransformWith(s->with_clause);
  out->table = TransformRangeVar(s->relation);
  if (s->relation->alias) out->alias = s->relation->alias->aliasname;
  out->source = TransformTableRef(s->source_relation);
  out->condition = TransformExpr(s->join_condition);
  for (size_t i = 0; i < s->n_merge_when_clauses; i++) {
    out->clauses.push_back(TransformWhenClause(s->merge_when_clauses[i]->merge_when_clause));
  }
  return out;
}

}  // namespace kanto::parser
