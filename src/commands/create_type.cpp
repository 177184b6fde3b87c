// CREATE TYPE name AS ENUM ('label', ...): a type of its own OID with an array type "_name", the
// labels numbered 1, 2, ... in declaration order (pg_enum.enumsortorder).
#include "catalog/search_path.hpp"
#include "catalog/type_lookup.hpp"
#include "commands/commands.hpp"
#include "commands/type_names.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

const TypeEntry* FindNamedType(const CatalogChange& change, const std::vector<std::string>& names) {
  std::string schema = names.size() >= 2 ? names[names.size() - 2] : "";
  return LookupType(change.catalog(), change.path(), schema, names.back());
}

const TypeEntry& GetNamedType(const CatalogChange& change, const std::vector<std::string>& names) {
  if (const TypeEntry* t = FindNamedType(change, names)) return *t;
  std::string shown;
  for (const std::string& n : names) shown += (shown.empty() ? "" : ".") + n;
  throw Error(sqlstate::kUndefinedObject, "type \"" + shown + "\" does not exist");
}

void CheckEnumLabel(const std::string& label) {
  if (label.size() > 63) {
    throw Error("42602", "invalid enum label \"" + label + "\"")
        .WithDetail("Labels must be 63 bytes or less.");
  }
}

CommandResult Execute(const ast::CreateTypeStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  std::string schema = stmt.names.size() >= 2 ? stmt.names[stmt.names.size() - 2] : "";
  const std::string& name = stmt.names.back();
  uint32_t schema_id = CreationSchemaId(change.catalog(), change.path(), schema, name, -1);
  if (change->FindType(schema_id, name)) throw Error(sqlstate::kDuplicateObject, "type \"" + name + "\" already exists");
  RelationRef rel = FindRelationInSchema(change.catalog(), schema_id, name);
  if (rel.table && !rel.index) {
    throw Error(sqlstate::kDuplicateObject, "type \"" + name + "\" already exists")
        .WithHint("A relation has an associated type of the same name, so you must use a name that doesn't conflict "
                  "with any existing type.");
  }
  TypeEntry type;
  type.id = change.AllocateId();
  type.array_id = change.AllocateId();
  type.schema_id = schema_id;
  type.name = name;
  type.owner = change.current_role_id();
  type.kind = TypeEntry::kEnum;
  for (const std::string& label : stmt.labels) {
    CheckEnumLabel(label);
    for (const EnumLabel& l : type.labels) {
      if (l.label == label) {
        throw Error(sqlstate::kUniqueViolation,
                    "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"")
            .WithDetail("Key (enumtypid, enumlabel)=(" + std::to_string(type.id) + ", " + label + ") already exists.");
      }
    }
    type.labels.push_back({change.AllocateId(), static_cast<double>(type.labels.size() + 1), label});
  }
  change.PutType(std::move(type));
  change.Publish();
  return {"CREATE TYPE"};
}

}  // namespace kanto::commands
