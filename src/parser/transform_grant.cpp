// GRANT / REVOKE of privileges: ON [TABLE] names, ON SEQUENCE names, ON ALL TABLES | SEQUENCES IN
// SCHEMA names, ON SCHEMA names, ON DATABASE names, with column lists; and ALTER DEFAULT PRIVILEGES [FOR ROLE r]
// [IN SCHEMA s] GRANT / REVOKE ... ON TABLES | SEQUENCES. Other object kinds are 0A000 naming them.
#include "parser/ast_grant.hpp"
#include "parser/transformer.hpp"

namespace kanto::parser {

namespace {

using Target = ast::GrantStmt::Target;

Target TargetOf(const PgQuery__GrantStmt* g, bool defaults) {
  switch (g->objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: return Target::kTable;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: return Target::kSequence;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: return Target::kSchema;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE: return Target::kDatabase;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
    case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
      Unsupported(defaults ? "ALTER DEFAULT PRIVILEGES ON FUNCTIONS" : "GRANT on functions");
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
      Unsupported(defaults ? "ALTER DEFAULT PRIVILEGES ON TYPES" : "GRANT on types");
    default: Unsupported("GRANT on this object type");
  }
}

void TransformRoles(PgQuery__Node** nodes, size_t n, const char* clause, std::vector<ast::RoleName>* out) {
  for (size_t i = 0; i < n; i++) {
    const PgQuery__RoleSpec* r = nodes[i]->role_spec;
    if (r->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC) {
      out->push_back(ast::RoleName{});
    } else {
      out->push_back(TransformRoleName(r, clause));
    }
  }
}

std::unique_ptr<ast::GrantStmt> TransformGrantAction(const PgQuery__GrantStmt* g, bool defaults) {
  auto out = std::make_unique<ast::GrantStmt>();
  out->is_grant = g->is_grant;
  out->defaults = defaults;
  out->target = TargetOf(g, defaults);
  for (size_t i = 0; i < g->n_objects; i++) {
    const Node* o = g->objects[i];
    if (g->targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_ALL_IN_SCHEMA) {
      out->schemas.push_back(StringValue(o));
    } else if (out->target == Target::kSchema || out->target == Target::kDatabase) {
      out->objects.push_back(StringValue(o));
    } else {
      out->tables.push_back(TransformRangeVar(o->range_var));
    }
  }
  out->all_privileges = g->n_privileges == 0;  // (a NIL list is ALL PRIVILEGES)
  for (size_t i = 0; i < g->n_privileges; i++) {
    const PgQuery__AccessPriv* p = g->privileges[i]->access_priv;
    std::vector<std::string> columns;
    for (size_t c = 0; c < p->n_cols; c++) columns.push_back(StringValue(p->cols[c]));
    if (!p->priv_name) {  // ALL [PRIVILEGES] (col, ...)
      out->all_privileges = true;
      out->all_columns = std::move(columns);
      out->privileges.clear();
      break;
    }
    out->privileges.push_back({p->priv_name, std::move(columns)});
  }
  TransformRoles(g->grantees, g->n_grantees, g->is_grant ? "GRANT" : "REVOKE", &out->grantees);
  out->grant_option = g->grant_option;
  if (g->grantor) {
    out->has_grantor = true;
    out->grantor = TransformRoleName(g->grantor, "GRANTED BY");
  }
  out->cascade = g->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  return out;
}

}  // namespace

ast::StatementPtr TransformGrant(const PgQuery__GrantStmt* g) { return TransformGrantAction(g, false); }

ast::StatementPtr TransformAlterDefaultPrivileges(const PgQuery__AlterDefaultPrivilegesStmt* s) {
  auto out = TransformGrantAction(s->action, true);
  for (size_t i = 0; i < s->n_options; i++) {
    const PgQuery__DefElem* d = s->options[i]->def_elem;
    const PgQuery__List* list = d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_LIST ? d->arg->list : nullptr;
    if (!list) continue;
    if (std::string(d->defname) == "schemas") {
      for (size_t k = 0; k < list->n_items; k++) out->in_schemas.push_back(StringValue(list->items[k]));
    } else if (std::string(d->defname) == "roles") {
      TransformRoles(list->items, list->n_items, "FOR ROLE", &out->for_roles);
    }
  }
  return out;
}

}  // namespace kanto::parser
