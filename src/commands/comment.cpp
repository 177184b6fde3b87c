// COMMENT ON {TABLE | VIEW | SEQUENCE | INDEX | COLUMN | SCHEMA | CONSTRAINT c ON t | ROLE} name
// IS 'text' | NULL: the comment is kept in the catalog (pg_description, pg_shdescription for
// roles), changed in the statement's transaction; '' removes it as NULL does. Only a superuser or
// the object's owner may comment on it (42501).
#include "catalog/search_path.hpp"
#include "commands/commands.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {

using O = ast::CommentStmt::ObjectType;

void RequireOwner(const CatalogChange& change, uint32_t owner, const std::string& what) {
  if (!change->HasPrivilegesOf(change.current_role_id(), owner)) {  // superusers have every role's
    throw Error(sqlstate::kInsufficientPrivilege, "must be owner of " + what);
  }
}

// The relation [schema.]name (names without the last `drop` parts).
RelationRef Relation(const CatalogChange& change, const std::vector<std::string>& names) {
  if (names.size() > 2) {
    throw Error(sqlstate::kFeatureNotSupported, "cross-database references are not implemented: " + names[0] + "." +
                                                    names[1] + "." + names[2]);
  }
  std::string schema = names.size() == 2 ? names[0] : "";
  RelationRef rel = LookupRelation(change.catalog(), change.path(), schema, names.back(), -1);
  if (!rel.found()) throw Error(sqlstate::kUndefinedTable, "relation \"" + names.back() + "\" does not exist");
  return rel;
}

[[noreturn]] void NotA(const std::string& name, const char* kind) {
  throw Error(sqlstate::kWrongObjectType, "\"" + name + "\" is not a" + (kind[0] == 'i' ? "n " : " ") + kind);
}

ObjectAddress RelationComment(const CatalogChange& change, const ast::CommentStmt& stmt) {
  RelationRef rel = Relation(change, stmt.names);
  const std::string& name = stmt.names.back();
  const TableEntry* table = rel.index ? nullptr : rel.table;
  switch (stmt.object_type) {
    case O::kTable:
      if (!table || table->is_view()) NotA(name, "table");
      RequireOwner(change, table->owner, "table " + table->name);
      return ObjectAddress::Relation(table->id);
    case O::kView:
      if (!table || !table->is_view()) NotA(name, "view");
      RequireOwner(change, table->owner, "view " + table->name);
      return ObjectAddress::Relation(table->id);
    case O::kSequence:
      if (!rel.sequence) NotA(name, "sequence");
      RequireOwner(change, rel.sequence->owner, "sequence " + rel.sequence->name);
      return ObjectAddress::Relation(rel.sequence->id);
    default:
      if (!rel.index) NotA(name, "index");
      RequireOwner(change, rel.table->owner, "index " + rel.index->name);
      return ObjectAddress::Relation(rel.index->id);
  }
}

ObjectAddress ColumnComment(const CatalogChange& change, const ast::CommentStmt& stmt) {
  if (stmt.names.size() < 2) throw Error(sqlstate::kSyntaxError, "column name must be qualified");
  std::vector<std::string> relation(stmt.names.begin(), stmt.names.end() - 1);
  RelationRef rel = Relation(change, relation);
  const std::string& column = stmt.names.back();
  if (rel.sequence || rel.index) {
    // A sequence's or index's columns are not Kanto catalog columns.
    throw Error(sqlstate::kFeatureNotSupported, "COMMENT ON COLUMN of a sequence or index is not supported");
  }
  int c = rel.table->FindColumn(column);
  if (c < 0) {
    throw Error(sqlstate::kUndefinedColumn,
                "column \"" + column + "\" of relation \"" + rel.table->name + "\" does not exist");
  }
  RequireOwner(change, rel.table->owner, "relation " + rel.table->name);
  return ObjectAddress::Column(rel.table->id, static_cast<uint32_t>(c));
}

ObjectAddress ConstraintComment(const CatalogChange& change, const ast::CommentStmt& stmt) {
  RelationRef rel = Relation(change, stmt.names);
  const TableEntry* table = rel.index ? nullptr : rel.table;
  uint32_t id = 0;
  if (table) {
    if (const CheckEntry* c = table->FindCheck(stmt.constraint)) id = c->id;
    if (const ForeignKeyEntry* fk = table->FindForeignKey(stmt.constraint)) id = fk->id;
    if (const IndexEntry* idx = table->FindConstraintIndex(stmt.constraint)) id = idx->id;
  }
  if (id == 0) {
    throw Error(sqlstate::kUndefinedObject,
                "constraint \"" + stmt.constraint + "\" for table \"" + stmt.names.back() + "\" does not exist");
  }
  RequireOwner(change, table->owner, "relation " + table->name);
  return ObjectAddress::Constraint(id);
}

ObjectAddress SchemaComment(const CatalogChange& change, const ast::CommentStmt& stmt) {
  const std::string& name = stmt.names.back();
  const SchemaEntry* schema = change->FindSchema(name);
  if (!schema) throw Error(sqlstate::kInvalidSchemaName, "schema \"" + name + "\" does not exist");
  const RoleEntry* owner = change->FindRole(schema->owner);
  RequireOwner(change, owner ? owner->id : 0, "schema " + name);
  return ObjectAddress::Schema(schema->id);
}

ObjectAddress RoleComment(const CatalogChange& change, const ast::CommentStmt& stmt) {
  const std::string& name = stmt.names.back();
  const RoleEntry* role = change->FindRole(name);
  if (!role) throw Error(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
  const RoleEntry* me = change->GetRole(change.current_role_id());
  bool superuser = me && me->superuser;
  if (role->superuser && !superuser) throw Error(sqlstate::kInsufficientPrivilege, "must be superuser");
  if (!superuser && !(me && me->createrole)) throw Error(sqlstate::kInsufficientPrivilege, "must have CREATEROLE privilege");
  return {kPgAuthidOid, role->id, 0};
}

}  // namespace

CommandResult Execute(const ast::CommentStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  ObjectAddress object;
  switch (stmt.object_type) {
    case O::kTable:
    case O::kView:
    case O::kSequence:
    case O::kIndex: object = RelationComment(change, stmt); break;
    case O::kColumn: object = ColumnComment(change, stmt); break;
    case O::kConstraint: object = ConstraintComment(change, stmt); break;
    case O::kSchema: object = SchemaComment(change, stmt); break;
    case O::kRole: object = RoleComment(change, stmt); break;
  }
  change.SetComment(object, stmt.comment);
  change.Publish();
  return {"COMMENT"};
}

}  // namespace kanto::commands
