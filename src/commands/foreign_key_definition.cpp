#include "commands/foreign_key_definition.hpp"

#include <algorithm>

#include "access/foreign_key.hpp"
#include "commands/check_constraint.hpp"
#include "commands/command_context.hpp"
#include "common/sql_text.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

namespace {
std::vector<uint32_t> ColumnPositions(const TableEntry& table, const std::vector<std::string>& names, int location) {
  std::vector<uint32_t> out;
  for (const auto& name : names) {
    int c = table.FindColumn(name);
    if (c < 0) {
      throw At(Error(sqlstate::kUndefinedColumn, "column \"" + name + "\" referenced in foreign key constraint does not exist"),
               location);
    }
    out.push_back(static_cast<uint32_t>(c));
  }
  return out;
}

// PostgreSQL accepts referencing columns whose type converts implicitly to the referenced one's
// (its equality operator then compares them).
bool Comparable(const LogicalType& referencing, const LogicalType& referenced) {
  if (referencing.id == referenced.id) return true;
  if (referencing.IsInteger() && referenced.IsInteger()) return true;
  return CanCast(referencing, referenced, CastContext::kImplicit);
}

const TableEntry& ReferencedTable(const Catalog& catalog, const TableEntry& table, const ast::RangeVar& rv) {
  bool same_schema = rv.schema.empty() || (catalog.FindSchema(rv.schema) && catalog.FindSchema(rv.schema)->id == table.schema_id);
  // A table referencing itself: as this statement leaves it (CREATE TABLE: not in the catalog yet).
  if (same_schema && rv.name == table.name) return table;
  BinderEnv env;
  env.catalog = &catalog;
  Binder binder(env);
  const TableEntry* t = binder.ResolveTable(rv);
  if (t->is_view()) throw At(Error(sqlstate::kWrongObjectType, "referenced relation \"" + t->name + "\" is not a table"), rv.location);
  return *t;
}
}  // namespace

ForeignKeyEntry DefineForeignKey(const Catalog& catalog, const TableEntry& table, const ast::TableConstraint& con,
                                 int column, uint32_t id, const std::vector<ForeignKeyEntry>& others,
                                 const std::string& user) {
  ForeignKeyEntry fk;
  fk.id = id;
  fk.columns = column >= 0 ? std::vector<uint32_t>{static_cast<uint32_t>(column)}
                           : ColumnPositions(table, con.columns, con.location);
  const TableEntry& ref = ReferencedTable(catalog, table, con.ref_table);
  fk.ref_table = ref.id;
  const IndexEntry* index = nullptr;
  if (con.ref_columns.empty()) {
    index = ref.primary_key();
    if (!index) {
      throw At(Error(sqlstate::kUndefinedObject, "there is no primary key for referenced table \"" + ref.name + "\""),
               con.location);
    }
    fk.ref_columns = index->columns;
  } else {
    fk.ref_columns = ColumnPositions(ref, con.ref_columns, con.location);
  }
  if (ref.id != table.id) CheckRelationPermissions(catalog, user, {RelationPermission{ref.id, kAclReferences, 0}});
  if (fk.columns.size() != fk.ref_columns.size()) {
    throw At(Error(sqlstate::kInvalidForeignKey, "number of referencing and referenced columns for foreign key disagree"),
             con.location);
  }
  if (!index) {
    std::vector<uint32_t> want = fk.ref_columns;
    std::sort(want.begin(), want.end());
    for (const auto& idx : ref.indexes) {
      std::vector<uint32_t> have = idx.columns;
      std::sort(have.begin(), have.end());
      // Partial and expression indexes do not qualify (PostgreSQL neither).
      if (idx.unique && !idx.computed() && have == want && std::adjacent_find(want.begin(), want.end()) == want.end()) {
        index = &idx;
        if (idx.primary) break;
      }
    }
    if (!index) {
      // No position, as in PostgreSQL.
      throw Error(sqlstate::kInvalidForeignKey,
                  "there is no unique constraint matching given keys for referenced table \"" + ref.name + "\"");
    }
  }
  fk.ref_index = index->id;
  // The name first: the type error names the constraint.
  if (!con.name.empty()) {
    for (const auto& o : others) {
      if (o.name == con.name) {
        throw Error(sqlstate::kDuplicateObject,
                    "constraint \"" + con.name + "\" for relation \"" + table.name + "\" already exists");
      }
    }
    if (table.HasConstraint(con.name)) {
      throw Error(sqlstate::kDuplicateObject,
                  "constraint \"" + con.name + "\" for relation \"" + table.name + "\" already exists");
    }
    fk.name = con.name;
  } else {
    std::string base = table.name;
    for (uint32_t c : fk.columns) base += "_" + table.columns[c].name;
    base += "_fkey";
    fk.name = base;
    auto taken = [&](const std::string& name) {
      if (ConstraintNameExists(catalog, table.schema_id, name) || table.HasConstraint(name)) return true;
      for (const auto& o : others) {
        if (o.name == name) return true;
      }
      return false;
    };
    for (int n = 1; taken(fk.name); n++) fk.name = base + std::to_string(n);
  }
  CheckForeignKeyTypes(table, ref, fk);
  fk.on_update = con.on_update;
  fk.on_delete = con.on_delete;
  // An action would write a generated column.
  for (uint32_t c : fk.columns) {
    if (!table.columns[c].generated) continue;
    if (fk.on_update == ForeignKeyEntry::kCascade || fk.on_update == ForeignKeyEntry::kSetNull ||
        fk.on_update == ForeignKeyEntry::kSetDefault) {
      throw Error(sqlstate::kSyntaxError, "invalid ON UPDATE action for foreign key constraint containing generated column");
    }
    if (fk.on_delete == ForeignKeyEntry::kSetNull || fk.on_delete == ForeignKeyEntry::kSetDefault) {
      throw Error(sqlstate::kSyntaxError, "invalid ON DELETE action for foreign key constraint containing generated column");
    }
  }
  if (!con.delete_set_columns.empty()) {
    for (uint32_t c : ColumnPositions(table, con.delete_set_columns, con.location)) {
      if (std::find(fk.columns.begin(), fk.columns.end(), c) == fk.columns.end()) {
        throw Error(sqlstate::kInvalidColumnReference, "column \"" + table.columns[c].name +
                                                      "\" referenced in ON DELETE SET action must be part of foreign key");
      }
      fk.delete_set_columns.push_back(c);
    }
  }
  fk.match = con.match;
  fk.deferrable = con.deferrable;
  fk.initially_deferred = con.initially_deferred;
  fk.validated = true;
  return fk;
}

void DropDependentForeignKeys(CatalogChange& change, const TableEntry& table, const std::string& object,
                              const std::string& depends_on, const std::function<bool(const ForeignKeyEntry&)>& depends,
                              bool cascade, std::vector<Error>* notices) {
  std::vector<uint32_t> tables;
  for (const auto& ref : change->ReferencesTo(table.id)) {
    uint32_t id = ref.table->id;
    if (id == table.id || !depends(*ref.fk)) continue;
    if (!cascade) {
      throw Error(sqlstate::kDependentObjectsStillExist, "cannot drop " + object + " because other objects depend on it")
          .WithDetail("constraint " + ref.fk->name + " on table " + ref.table->name + " depends on " + depends_on)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    notices->push_back(Error(sqlstate::kSuccess, "drop cascades to constraint " + ref.fk->name + " on table " + ref.table->name));
    if (std::find(tables.begin(), tables.end(), id) == tables.end()) tables.push_back(id);
  }
  for (uint32_t id : tables) {
    TableEntry updated = *change->GetTable(id);
    std::erase_if(updated.foreign_keys,
                  [&](const ForeignKeyEntry& fk) { return fk.ref_table == table.id && depends(fk); });
    updated.schema_version++;
    change.PutTable(std::move(updated));
  }
}

void CheckForeignKeyTypes(const TableEntry& table, const TableEntry& ref, const ForeignKeyEntry& fk) {
  for (size_t i = 0; i < fk.columns.size(); i++) {
    const ColumnEntry& a = table.columns[fk.columns[i]];
    const ColumnEntry& b = ref.columns[fk.ref_columns[i]];
    if (!Comparable(a.type, b.type)) {
      throw Error(sqlstate::kDatatypeMismatch, "foreign key constraint \"" + fk.name + "\" cannot be implemented")
          .WithDetail("Key columns \"" + a.name + "\" and \"" + b.name + "\" are of incompatible types: " +
                      a.type.ToString() + " and " + b.type.ToString() + ".");
    }
  }
}

void ValidateForeignKeyRows(CommandContext& ctx, const Catalog& catalog, const TableEntry& table,
                            const ForeignKeyEntry& fk) {
  const TableEntry* ref = fk.ref_table == table.id ? &table : catalog.GetTable(fk.ref_table);
  ExecutionContext exec = ctx.MakeExecutionContext();
  exec.fn.catalog = &catalog;
  access::ValidateForeignKey(exec, table, fk, *ref);
}

}  // namespace kanto::commands
