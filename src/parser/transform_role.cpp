// Role statements: CREATE ROLE / CREATE USER, ALTER ROLE and DROP ROLE with the options Kanto keeps
// (LOGIN, SUPERUSER, CREATEDB, CREATEROLE, INHERIT, BYPASSRLS, CONNECTION LIMIT, VALID UNTIL,
// PASSWORD); others are refused with 0A000. GRANT / REVOKE of role membership.
#include "parser/transformer.hpp"

namespace kanto::parser {

namespace {

bool BoolArg(const PgQuery__DefElem* d) {
  const Node* a = d->arg;
  if (!a) return true;
  if (a->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return a->boolean->boolval;
  if (a->node_case == PG_QUERY__NODE__NODE_INTEGER) return a->integer->ival != 0;
  return true;
}

void ApplyOptions(Node** options, size_t n, ast::RoleStmt* out) {
  for (size_t i = 0; i < n; i++) {
    const PgQuery__DefElem* d = options[i]->def_elem;
    std::string name = d->defname;
    if (name == "password") {
      out->password_given = true;
      if (!d->arg) {
        out->password_null = true;
      } else {
        out->password = StringValue(d->arg);
      }
    } else if (name == "canlogin") {
      out->login = BoolArg(d);
    } else if (name == "superuser") {
      out->superuser = BoolArg(d);
    } else if (name == "createdb") {
      out->createdb = BoolArg(d);
    } else if (name == "createrole") {
      out->createrole = BoolArg(d);
    } else if (name == "inherit") {
      out->inherit = BoolArg(d);
    } else if (name == "bypassrls") {
      out->bypassrls = BoolArg(d);
    } else if (name == "connectionlimit") {
      out->connection_limit_given = true;
      out->connection_limit = d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_INTEGER ? d->arg->integer->ival : -1;
    } else if (name == "validUntil") {
      out->valid_until_given = true;
      out->valid_until = StringValue(d->arg);
    } else {
      Unsupported("role option " + name, d->location);
    }
  }
}

}  // namespace

ast::RoleName TransformRoleName(const PgQuery__RoleSpec* r, const char* clause) {
  ast::RoleName out;
  switch (r->roletype) {
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING: out.name = r->rolename; break;
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_USER:
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_ROLE: out.kind = ast::RoleName::Kind::kCurrentUser; break;
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER: out.kind = ast::RoleName::Kind::kSessionUser; break;
    // PUBLIC is no role: the statement fails as for a role of that name, which cannot be created.
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC: out.name = "public"; break;
    default: Unsupported(std::string(clause) + " of this role");
  }
  return out;
}

ast::StatementPtr TransformRoleStmt(const Node* n) {
  auto out = std::make_unique<ast::RoleStmt>();
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT: {
      const auto* s = n->create_role_stmt;
      if (s->stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_GROUP) Unsupported("CREATE GROUP");
      out->action = ast::RoleStmt::Action::kCreate;
      out->names.push_back(s->role);
      // CREATE USER is CREATE ROLE ... LOGIN
      if (s->stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_USER) out->login = 1;
      ApplyOptions(s->options, s->n_options, out.get());
      break;
    }
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT: {
      const auto* s = n->alter_role_stmt;
      if (!s->role || s->role->roletype != PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING) {
        Unsupported("ALTER ROLE CURRENT_USER / SESSION_USER");
      }
      out->action = ast::RoleStmt::Action::kAlter;
      out->names.push_back(s->role->rolename);
      ApplyOptions(s->options, s->n_options, out.get());
      break;
    }
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT: {
      const auto* s = n->drop_role_stmt;
      out->action = ast::RoleStmt::Action::kDrop;
      out->missing_ok = s->missing_ok;
      for (size_t i = 0; i < s->n_roles; i++) {
        const PgQuery__RoleSpec* r = s->roles[i]->role_spec;
        if (r->roletype != PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING) Unsupported("DROP ROLE CURRENT_USER");
        out->names.push_back(r->rolename);
      }
      break;
    }
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT: {
      const auto* s = n->grant_role_stmt;
      out->action = s->is_grant ? ast::RoleStmt::Action::kGrant : ast::RoleStmt::Action::kRevoke;
      for (size_t i = 0; i < s->n_granted_roles; i++) {
        // The grammar gives AccessPriv nodes (privilege name = the role's name).
        const Node* g = s->granted_roles[i];
        if (g->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV || !g->access_priv->priv_name) Unsupported("GRANT of this role");
        out->names.push_back(g->access_priv->priv_name);
      }
      for (size_t i = 0; i < s->n_grantee_roles; i++) {
        out->grantees.push_back(TransformRoleName(s->grantee_roles[i]->role_spec, "GRANT"));
      }
      out->admin_option = s->admin_opt;
      if (s->grantor) {
        out->has_grantor = true;
        out->grantor = TransformRoleName(s->grantor, "GRANTED BY");
      }
      out->cascade = s->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
      break;
    }
    default:
      Unsupported("this role statement");
  }
  return out;
}

}  // namespace kanto::parser
