// GRANT / REVOKE of privileges on tables (and views): ON [TABLE] names and ON ALL TABLES IN
// SCHEMA names. Other object kinds, column lists, GRANTED BY and role grants are 0A000.
#include "parser/ast_grant.hpp"
#include "parser/transformer.hpp"

namespace kanto::parser {

ast::StatementPtr TransformGrant(const PgQuery__GrantStmt* g) {
  auto out = std::make_unique<ast::GrantStmt>();
  out->is_grant = g->is_grant;
  if (g->targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_DEFAULTS) Unsupported("ALTER DEFAULT PRIVILEGES");
  switch (g->objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: Unsupported("GRANT on sequences");
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: Unsupported("GRANT on schemas");
    case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE: Unsupported("GRANT on databases");
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
    case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE: Unsupported("GRANT on functions");
    default: Unsupported("GRANT on this object type");
  }
  for (size_t i = 0; i < g->n_objects; i++) {
    const Node* o = g->objects[i];
    if (g->targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_ALL_IN_SCHEMA) {
      out->schemas.push_back(StringValue(o));
    } else {
      out->tables.push_back(TransformRangeVar(o->range_var));
    }
  }
  out->all_privileges = g->n_privileges == 0;  // (a NIL list is ALL PRIVILEGES)
  for (size_t i = 0; i < g->n_privileges; i++) {
    const PgQuery__AccessPriv* p = g->privileges[i]->access_priv;
    if (p->n_cols) Unsupported("column privileges");
    if (!p->priv_name) {
      out->all_privileges = true;  // ALL [PRIVILEGES] (col)
      out->privileges.clear();
      break;
    }
    out->privileges.push_back({p->priv_name, {}});
  }
  for (size_t i = 0; i < g->n_grantees; i++) {
    const PgQuery__RoleSpec* r = g->grantees[i]->role_spec;
    if (r->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC) {
      out->grantees.push_back(ast::RoleName{});
    } else {
      out->grantees.push_back(TransformRoleName(r, g->is_grant ? "GRANT" : "REVOKE"));
    }
  }
  out->grant_option = g->grant_option;
  if (g->grantor) Unsupported("GRANTED BY");
  out->cascade = g->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  return out;
}

}  // namespace kanto::parser
