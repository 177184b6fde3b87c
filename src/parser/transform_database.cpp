// CREATE / ALTER / DROP DATABASE, ALTER DATABASE ... RENAME TO / OWNER TO / SET / RESET. The options
// are checked when the statement runs (commands/database.cpp), as PostgreSQL checks them.
#include "parser/ast_database.hpp"
#include "parser/transformer.hpp"

namespace kanto::parser {

namespace {

std::vector<ast::DatabaseOption> Options(Node** options, size_t n) {
  std::vector<ast::DatabaseOption> out;
  for (size_t i = 0; i < n; i++) {
    const PgQuery__DefElem* d = options[i]->def_elem;
    ast::DatabaseOption o;
    o.name = d->defname;
    o.location = d->location;
    if (d->arg) {
      o.has_value = true;
      if (d->arg->node_case == PG_QUERY__NODE__NODE_FLOAT) {
        o.is_number = true;
        o.text = d->arg->float_->fval;
      } else {
        o.is_number = d->arg->node_case == PG_QUERY__NODE__NODE_INTEGER;
        o.text = ConstText(d->arg);
      }
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

ast::StatementPtr TransformDatabaseStmt(const Node* n) {
  auto out = std::make_unique<ast::DatabaseStmt>();
  using A = ast::DatabaseStmt::Action;
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
      out->action = A::kCreate;
      out->name = n->createdb_stmt->dbname;
      out->options = Options(n->createdb_stmt->options, n->createdb_stmt->n_options);
      break;
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_STMT:
      out->action = A::kAlter;
      out->name = n->alter_database_stmt->dbname;
      out->options = Options(n->alter_database_stmt->options, n->alter_database_stmt->n_options);
      break;
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_SET_STMT: {
      out->action = A::kSet;
      out->name = n->alter_database_set_stmt->dbname;
      ast::StatementPtr set = TransformSet(n->alter_database_set_stmt->setstmt);
      out->set.reset(static_cast<ast::SetStmt*>(set.release()));
      break;
    }
    case PG_QUERY__NODE__NODE_DROPDB_STMT: {
      const auto* d = n->dropdb_stmt;
      out->action = A::kDrop;
      out->name = d->dbname;
      out->if_exists = d->missing_ok;
      for (const auto& o : Options(d->options, d->n_options)) {
        if (o.name != "force") Unsupported("DROP DATABASE option " + o.name, o.location);
        out->force = true;
      }
      break;
    }
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      out->action = A::kRename;
      out->name = n->rename_stmt->subname ? n->rename_stmt->subname : "";
      out->new_name = n->rename_stmt->newname ? n->rename_stmt->newname : "";
      break;
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
      out->action = A::kOwner;
      out->name = StringValue(n->alter_owner_stmt->object);
      out->owner = TransformRoleName(n->alter_owner_stmt->newowner, "OWNER TO");
      break;
    default: Unsupported(StatementName(n));
  }
  return out;
}

}  // namespace kanto::parser
