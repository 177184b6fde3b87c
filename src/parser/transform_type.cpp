// CREATE TYPE name AS ENUM (...) and ALTER TYPE name ADD VALUE / RENAME VALUE.
#include "parser/transformer.hpp"

namespace kanto::parser {

namespace {
std::vector<std::string> StringList(Node** items, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; i++) out.push_back(StringValue(items[i]));
  return out;
}
}  // namespace

ast::StatementPtr TransformTypeStmt(const Node* n) {
  if (n->node_case == PG_QUERY__NODE__NODE_CREATE_ENUM_STMT) {
    const PgQuery__CreateEnumStmt* s = n->create_enum_stmt;
    auto out = std::make_unique<ast::CreateTypeStmt>();
    out->names = StringList(s->type_name, s->n_type_name);
    out->labels = StringList(s->vals, s->n_vals);
    return out;
  }
  const PgQuery__AlterEnumStmt* s = n->alter_enum_stmt;
  auto out = std::make_unique<ast::AlterTypeStmt>();
  out->names = StringList(s->type_name, s->n_type_name);
  out->value = s->new_val ? s->new_val : "";
  if (s->old_val && *s->old_val) {
    out->action = ast::AlterTypeStmt::Action::kRenameValue;
    out->neighbor = s->old_val;
  } else {
    out->neighbor = s->new_val_neighbor ? s->new_val_neighbor : "";
    out->after = s->new_val_is_after;
    out->if_not_exists = s->skip_if_new_val_exists;
  }
  return out;
}

}  // namespace kanto::parser
