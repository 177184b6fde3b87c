// ALTER TABLE subcommands, RENAME, TRUNCATE, and the sequence statements with their options:
// libpg_query nodes -> ast::Statement.
#include <charconv>

#include "parser/transformer.hpp"

#include "common/sql_text.hpp"

namespace kanto::parser {

namespace {

std::vector<std::string> NameList(const Node* n) {
  std::vector<std::string> out;
  if (n && n->node_case == PG_QUERY__NODE__NODE_LIST) {
    for (size_t i = 0; i < n->list->n_items; i++) out.push_back(StringValue(n->list->items[i]));
  }
  return out;
}

// A sequence option's number: an Integer node, or a Float node for values beyond int4.
int64_t DefInt64(const PgQuery__DefElem* d) {
  std::string text = d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_FLOAT ? d->arg->float_->fval : ConstText(d->arg);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range) {
    throw Error(sqlstate::kNumericValueOutOfRange, "value \"" + text + "\" is out of range for type bigint");
  }
  if (text.empty() || ec != std::errc() || p != text.data() + text.size()) {
    throw Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bigint: \"" + text + "\"");
  }
  return v;
}

[[noreturn]] void ConflictingOptions(int location) {
  Error e(sqlstate::kSyntaxError, "conflicting or redundant options");
  if (location >= 0) e.WithPosition(location + 1);
  throw e;
}

ast::SequenceOptions TransformSequenceOptions(Node** items, size_t n) {
  ast::SequenceOptions out;
  std::vector<std::string> seen;
  for (size_t i = 0; i < n; i++) {
    const PgQuery__DefElem* d = items[i]->def_elem;
    std::string name = d->defname;
    for (const auto& s : seen) {
      if (s == name) ConflictingOptions(d->location);
    }
    seen.push_back(name);
    if (name == "as") {
      out.as_type = TransformTypeName(d->arg->type_name);
    } else if (name == "increment") {
      out.increment = DefInt64(d);
    } else if (name == "minvalue") {
      out.min_given = true;
      if (d->arg) out.min_value = DefInt64(d);
    } else if (name == "maxvalue") {
      out.max_given = true;
      if (d->arg) out.max_value = DefInt64(d);
    } else if (name == "start") {
      out.start = DefInt64(d);
    } else if (name == "restart") {
      out.restart = true;
      if (d->arg) out.restart_with = DefInt64(d);
    } else if (name == "cache") {
      out.cache = DefInt64(d);
    } else if (name == "cycle") {
      out.cycle = d->arg->boolean->boolval;
    } else if (name == "owned_by") {
      out.owned_by_given = true;
      out.owned_by = NameList(d->arg);
      if (out.owned_by.size() == 1 && out.owned_by[0] == "none") out.owned_by.clear();
    } else if (name == "sequence_name") {
      auto names = NameList(d->arg);
      if (!names.empty()) out.sequence_name = names.back();
      if (names.size() == 2) out.sequence_schema = names[0];
      if (names.size() > 2) Unsupported("SEQUENCE NAME with a database", d->location);
    } else {
      Unsupported("sequence option " + name, d->location);  // LOGGED / UNLOGGED
    }
  }
  return out;
}

}  // namespace

void TransformIdentityConstraint(const PgQuery__Constraint* c, ast::ColumnDef* col, const std::string& table) {
  if (col->identity) {
    throw At(Error(sqlstate::kSyntaxError,
                   "multiple identity specifications for column \"" + col->name + "\" of table \"" + table + "\""),
             c->location);
  }
  col->identity = c->generated_when && c->generated_when[0] == 'a' ? 'a' : 'd';
  col->identity_options = TransformSequenceOptions(c->options, c->n_options);
  col->identity_options.location = c->location;
}

ast::StatementPtr TransformCreateSequence(const PgQuery__CreateSeqStmt* s) {
  if (s->sequence->relpersistence && s->sequence->relpersistence[0] == 'u') Unsupported("unlogged sequences");
  auto out = std::make_unique<ast::CreateSequenceStmt>();
  out->temporary = s->sequence->relpersistence && s->sequence->relpersistence[0] == 't';
  out->sequence = TransformRangeVar(s->sequence);
  out->options = TransformSequenceOptions(s->options, s->n_options);
  out->if_not_exists = s->if_not_exists;
  return out;
}

ast::StatementPtr TransformAlterSequence(const PgQuery__AlterSeqStmt* s) {
  auto out = std::make_unique<ast::AlterSequenceStmt>();
  out->sequence = TransformRangeVar(s->sequence);
  out->options = TransformSequenceOptions(s->options, s->n_options);
  out->missing_ok = s->missing_ok;
  return out;
}

ast::StatementPtr TransformRename(const PgQuery__RenameStmt* s) {
  using O = ast::RenameStmt::ObjectType;
  auto out = std::make_unique<ast::RenameStmt>();
  switch (s->rename_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: out->object_type = O::kTable; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: out->object_type = O::kSequence; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW: out->object_type = O::kView; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: out->object_type = O::kIndex; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
      if (s->relation_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) Unsupported("RENAME COLUMN of this relation kind");
      out->object_type = O::kColumn;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
      out->object_type = O::kConstraint;
      break;
    default: Unsupported("ALTER ... RENAME of this object type");
  }
  if (!s->relation) Unsupported("ALTER ... RENAME of this object type");
  out->relation = TransformRangeVar(s->relation);
  if (s->subname) out->column = s->subname;
  out->new_name = s->newname ? s->newname : "";
  out->missing_ok = s->missing_ok;
  return out;
}

ast::StatementPtr TransformAlterTable(const PgQuery__AlterTableStmt* a) {
  auto out = std::make_unique<ast::AlterTableStmt>();
  using O = ast::AlterTableStmt::ObjectType;
  switch (a->objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: out->object_type = O::kTable; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: out->object_type = O::kSequence; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW: out->object_type = O::kView; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: out->object_type = O::kIndex; break;
    default: Unsupported("ALTER of this object type");
  }
  if (out->object_type != O::kTable) {
    // Of the other relations' ALTER subcommands, Kanto has OWNER TO.
    for (size_t i = 0; i < a->n_cmds; i++) {
      if (a->cmds[i]->alter_table_cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner) continue;
      if (out->object_type == O::kSequence) Unsupported("ALTER SEQUENCE of this form");
      Unsupported("ALTER of this object type");
    }
  }
  out->table = TransformRangeVar(a->relation);
  out->missing_ok = a->missing_ok;
  // ONLY (no inheritance in Kanto: the same table)
  using T = ast::AlterTableCmd::Type;
  for (size_t i = 0; i < a->n_cmds; i++) {
    const auto* cmd = a->cmds[i]->alter_table_cmd;
    ast::AlterTableCmd out_cmd;
    if (cmd->name) out_cmd.name = cmd->name;
    out_cmd.missing_ok = cmd->missing_ok;
    out_cmd.cascade = cmd->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    switch (cmd->subtype) {
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraintRecurse: {
        const auto* c = cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT ? cmd->def->constraint : nullptr;
        if (!c) Unsupported("ALTER TABLE ... ADD of this kind");
        auto con = std::make_unique<ast::TableConstraint>(TransformConstraint(c));
        out_cmd.location = c->location;
        out_cmd.name = con->name;
        if (con->type == ast::TableConstraint::Type::kPrimaryKey) {
          out_cmd.type = T::kAddPrimaryKey;
          out_cmd.columns = con->columns;
        } else {
          out_cmd.type = T::kAddConstraint;
        }
        out_cmd.constraint = std::move(con);
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnRecurse: {
        auto col = std::make_unique<ast::ColumnDef>(TransformColumnDef(cmd->def->column_def, out->table.name));
        out_cmd.type = T::kAddColumn;
        out_cmd.name = col->name;
        out_cmd.location = col->location;
        out_cmd.column = std::move(col);
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumnRecurse: out_cmd.type = T::kDropColumn; break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
        out_cmd.type = T::kSetDefault;
        if (cmd->def) out_cmd.default_value = TransformExpr(cmd->def);
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull: out_cmd.type = T::kSetNotNull; break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropExpression: out_cmd.type = T::kDropExpression; break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull: out_cmd.type = T::kDropNotNull; break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType: {
        // def: a ColumnDef holding the type, the COLLATE clause and the USING expression
        const auto* d = cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF ? cmd->def->column_def : nullptr;
        if (!d || !d->type_name) Unsupported("ALTER TABLE ... ALTER COLUMN TYPE of this form");
        out_cmd.type = T::kAlterColumnType;
        out_cmd.type_name = TransformTypeName(d->type_name);
        out_cmd.location = d->location;
        if (d->coll_clause) {
          CheckCollation(d->coll_clause->collname, d->coll_clause->n_collname, d->coll_clause->location);
          out_cmd.collate = true;
        }
        if (d->raw_default) out_cmd.default_value = TransformExpr(d->raw_default);
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraintRecurse: out_cmd.type = T::kDropConstraint; break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraintRecurse: out_cmd.type = T::kValidateConstraint; break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
        out_cmd.type = T::kOwnerTo;
        out_cmd.owner = TransformRoleName(cmd->newowner, "OWNER TO");
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity: {
        const auto* c = cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT ? cmd->def->constraint : nullptr;
        if (!c) Unsupported("ALTER TABLE ... ADD of this kind");
        ast::ColumnDef col;
        col.name = out_cmd.name;
        TransformIdentityConstraint(c, &col, "");  // a fresh column: no second identity to report
        out_cmd.type = T::kAddIdentity;
        out_cmd.identity = col.identity;
        out_cmd.identity_options = std::move(col.identity_options);
        out_cmd.location = c->location;
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity: Unsupported("ALTER TABLE ... identity column changes");
      default: Unsupported("this ALTER TABLE subcommand");
    }
    out->cmds.push_back(std::move(out_cmd));
  }
  return out;
}

ast::StatementPtr TransformAlterObjectSchema(const PgQuery__AlterObjectSchemaStmt* s) {
  using O = ast::AlterObjectSchemaStmt::ObjectType;
  auto out = std::make_unique<ast::AlterObjectSchemaStmt>();
  switch (s->object_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: out->object_type = O::kTable; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: out->object_type = O::kSequence; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW: out->object_type = O::kView; break;
    default: Unsupported("ALTER ... SET SCHEMA of this object type");
  }
  if (!s->relation) Unsupported("ALTER ... SET SCHEMA of this object type");
  out->relation = TransformRangeVar(s->relation);
  out->new_schema = s->newschema ? s->newschema : "";
  out->missing_ok = s->missing_ok;
  return out;
}

ast::StatementPtr TransformAlterOwner(const PgQuery__AlterOwnerStmt* s) {
  if (s->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION) Unsupported("ALTER FUNCTION ... OWNER TO");
  if (s->object_type != PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) Unsupported("ALTER ... OWNER TO of this object type");
  auto out = std::make_unique<ast::AlterOwnerStmt>();
  out->schema = StringValue(s->object);
  out->owner = TransformRoleName(s->newowner, "OWNER TO");
  return out;
}

ast::StatementPtr TransformTruncate(const PgQuery__TruncateStmt* s) {
  auto out = std::make_unique<ast::TruncateStmt>();
  for (size_t i = 0; i < s->n_relations; i++) {
    out->tables.push_back(TransformRangeVar(s->relations[i]->range_var));  // ONLY: no inheritance, the same
  }
  out->restart_identity = s->restart_seqs;
  // CASCADE also truncates the tables with foreign keys to these (commands/truncate.cpp).
  out->cascade = s->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  return out;
}

}  // namespace kanto::parser
