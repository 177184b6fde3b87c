// COMMENT ON: the object kinds Kanto keeps comments for (relations, columns, schemas, table
// constraints, roles); other kinds are refused with 0A000 naming them.
#include "parser/transformer.hpp"

namespace kanto::parser {

namespace {

std::vector<std::string> Names(const Node* n) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n->node_case == PG_QUERY__NODE__NODE_LIST) {
    for (size_t i = 0; i < n->list->n_items; i++) out.push_back(StringValue(n->list->items[i]));
  } else {
    out.push_back(StringValue(n));
  }
  return out;
}

const char* KindName(PgQuery__ObjectType t) {
  switch (t) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION: return "FUNCTION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE: return "PROCEDURE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE: return "AGGREGATE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE: return "TYPE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: return "DOMAIN";
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMCONSTRAINT: return "CONSTRAINT ... ON DOMAIN";
    case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE: return "DATABASE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION: return "EXTENSION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER: return "TRIGGER";
    case PG_QUERY__OBJECT_TYPE__OBJECT_RULE: return "RULE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY: return "POLICY";
    case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW: return "MATERIALIZED VIEW";
    case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE: return "FOREIGN TABLE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR: return "OPERATOR";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLESPACE: return "TABLESPACE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION: return "COLLATION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_CONVERSION: return "CONVERSION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_LANGUAGE: return "LANGUAGE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_LARGEOBJECT: return "LARGE OBJECT";
    case PG_QUERY__OBJECT_TYPE__OBJECT_STATISTIC_EXT: return "STATISTICS";
    case PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION: return "PUBLICATION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_SUBSCRIPTION: return "SUBSCRIPTION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_EVENT_TRIGGER: return "EVENT TRIGGER";
    case PG_QUERY__OBJECT_TYPE__OBJECT_CAST: return "CAST";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TRANSFORM: return "TRANSFORM";
    case PG_QUERY__OBJECT_TYPE__OBJECT_ACCESS_METHOD: return "ACCESS METHOD";
    case PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS: return "OPERATOR CLASS";
    case PG_QUERY__OBJECT_TYPE__OBJECT_OPFAMILY: return "OPERATOR FAMILY";
    case PG_QUERY__OBJECT_TYPE__OBJECT_FDW: return "FOREIGN DATA WRAPPER";
    case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER: return "SERVER";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TSCONFIGURATION: return "TEXT SEARCH CONFIGURATION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY: return "TEXT SEARCH DICTIONARY";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TSPARSER: return "TEXT SEARCH PARSER";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TSTEMPLATE: return "TEXT SEARCH TEMPLATE";
    default: return "this object type";
  }
}

}  // namespace

ast::StatementPtr TransformComment(const PgQuery__CommentStmt* s) {
  using O = ast::CommentStmt::ObjectType;
  auto out = std::make_unique<ast::CommentStmt>();
  switch (s->objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: out->object_type = O::kTable; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW: out->object_type = O::kView; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: out->object_type = O::kSequence; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX: out->object_type = O::kIndex; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: out->object_type = O::kColumn; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: out->object_type = O::kSchema; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT: out->object_type = O::kConstraint; break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROLE: out->object_type = O::kRole; break;
    default: Unsupported(std::string("COMMENT ON ") + KindName(s->objtype));
  }
  out->names = Names(s->object);
  if (out->object_type == O::kConstraint) {
    // [schema.]table.constraint
    out->constraint = out->names.back();
    out->names.pop_back();
  }
  if (s->comment) out->comment = s->comment;
  return out;
}

}  // namespace kanto::parser
