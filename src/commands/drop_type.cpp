// DROP TYPE [IF EXISTS] name [, ...] [CASCADE | RESTRICT]: the type and its array type go; a column
// of the type refuses it without CASCADE (2BP01), as PostgreSQL's pg_depend does.
#include "catalog/search_path.hpp"
#include "commands/commands.hpp"
#include "commands/dependents.hpp"
#include "commands/type_names.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

CommandResult ExecuteDropType(const ast::DropStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  CommandResult result{"DROP TYPE"};
  std::vector<ObjectAddress> targets;
  for (const auto& rv : stmt.objects) {
    std::vector<std::string> names;
    if (!rv.schema.empty()) names.push_back(rv.schema);
    names.push_back(rv.name);
    const TypeEntry* type = nullptr;
    try {
      type = FindNamedType(change, names);
    } catch (const Error& e) {
      if (!stmt.if_exists || e.sqlstate() != std::string(sqlstate::kInvalidSchemaName)) throw;
      result.notices.push_back(Error(sqlstate::kSuccess, "schema \"" + rv.schema + "\" does not exist, skipping"));
      continue;
    }
    if (type) {
      targets.push_back(ObjectAddress::Type(type->id));
      continue;
    }
    std::string shown = rv.schema.empty() ? rv.name : rv.schema + "." + rv.name;
    RelationRef rel = LookupRelation(change.catalog(), change.path(), rv.schema, rv.name, rv.location);
    if (rel.table && !rel.index) {
      throw Error(sqlstate::kWrongObjectType, "\"" + shown + "\" is a " + (rel.table->is_view() ? "view" : "table") + "'s row type")
          .WithHint(std::string("Use DROP ") + (rel.table->is_view() ? "VIEW" : "TABLE") + " to remove a " +
                    (rel.table->is_view() ? "view." : "table."));
    }
    bool builtin = false;
    LogicalType t;
    try {
      ast::TypeName tn;
      tn.names = names;
      t = Binder::ResolveTypeName(tn);
      builtin = true;
    } catch (const Error&) {
    }
    if (builtin) {
      throw Error(sqlstate::kDependentObjectsStillExist,
                  "cannot drop type " + t.ToString() + " because it is required by the database system");
    }
    if (stmt.if_exists) {
      result.notices.push_back(Error(sqlstate::kSuccess, "type \"" + shown + "\" does not exist, skipping"));
      continue;
    }
    throw Error(sqlstate::kUndefinedObject, "type \"" + shown + "\" does not exist");
  }
  DropDependents(change, targets, stmt.cascade, &result.notices);
  for (const ObjectAddress& target : targets) {
    if (change->GetType(target.object_id)) change.RemoveType(target.object_id);
  }
  change.Publish();
  return result;
}

}  // namespace kanto::commands
