// CREATE SEQUENCE [IF NOT EXISTS] and ALTER SEQUENCE [IF EXISTS] with their options and OWNED BY.
// The definition is a catalog record (transactional); the value lives in the SequenceStore, and a
// RESTART (like nextval and setval) takes effect outside the transaction.
#include "catalog/sequence_session.hpp"
#include "commands/commands.hpp"
#include "commands/temp_schema.hpp"
#include "commands/relation_names.hpp"
#include "commands/sequence_definition.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {

namespace {

// OWNED BY table.column / NONE: sets the owner of `seq`.
void ApplyOwnedBy(const ast::SequenceOptions& o, const Catalog& catalog, const SearchPath& path, SequenceEntry* seq) {
  if (!o.owned_by_given) return;
  if (o.owned_by.empty()) {
    seq->owner_table = 0;
    seq->owner_column = 0;
    return;
  }
  if (o.owned_by.size() == 1) {
    throw Error(sqlstate::kSyntaxError, "invalid OWNED BY option")
        .WithHint("Specify OWNED BY table.column or OWNED BY NONE.");
  }
  if (o.owned_by.size() > 3) throw Error(sqlstate::kFeatureNotSupported, "cross-database references are not implemented");
  std::string schema = o.owned_by.size() == 3 ? o.owned_by[0] : "";
  const std::string& table_name = o.owned_by[o.owned_by.size() - 2];
  const std::string& column = o.owned_by.back();
  RelationRef rel = LookupRelation(catalog, path, schema, table_name);
  const TableEntry* t = rel.index ? nullptr : rel.table;
  if (!t) {
    if (rel.found()) {
      throw Error(sqlstate::kWrongObjectType, "sequence cannot be owned by relation \"" + table_name + "\"");
    }
    throw Error(sqlstate::kUndefinedTable, "relation \"" + (schema.empty() ? "" : schema + ".") + table_name + "\" does not exist");
  }
  if (t->is_view()) {
    throw Error(sqlstate::kWrongObjectType, "sequence cannot be owned by relation \"" + t->name + "\"")
        .WithDetail("This operation is not supported for views.");
  }
  if (t->schema_id != seq->schema_id) {
    throw Error(sqlstate::kObjectNotInPrerequisiteState, "sequence must be in same schema as table it is linked to");
  }
  int c = t->FindColumn(column);
  if (c < 0) throw Error(sqlstate::kUndefinedColumn, "column \"" + column + "\" of relation \"" + t->name + "\" does not exist");
  seq->owner_table = t->id;
  seq->owner_column = static_cast<uint32_t>(c);
}

}  // namespace

const SequenceEntry* FindSequence(const Catalog& catalog, const SearchPath& path, const ast::RangeVar& rv) {
  return LookupRelation(catalog, path, rv.schema, rv.name, rv.location).sequence;
}

CommandResult Execute(const ast::CreateSequenceStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  SequenceEntry seq;
  bool temporary = stmt.temporary;
  ast::RangeVar name = stmt.sequence;
  name.location = -1;  // (PostgreSQL's errors about the schema have no position here)
  seq.schema_id = CreationSchemaFor(change, ctx, name, &temporary);
  seq.owner = change.current_role_id();
  seq.name = stmt.sequence.name;
  if (change->RelationExists(seq.schema_id, seq.name)) {
    if (stmt.if_not_exists) return {"CREATE SEQUENCE"};  // NOTICE: relation already exists, skipping
    throw At(Error(sqlstate::kDuplicateTable, "relation \"" + seq.name + "\" already exists"), stmt.sequence.location);
  }
  std::optional<int64_t> restart;
  ApplySequenceOptions(stmt.options, true, &seq, &restart);
  ApplyOwnedBy(stmt.options, change.catalog(), change.path(), &seq);
  seq.id = change.AllocateId();
  seq.instance = NewSequenceInstance();
  ctx.sequences->store().Reset(seq);
  change.PutSequence(std::move(seq));
  change.Publish();
  return {"CREATE SEQUENCE"};
}

CommandResult Execute(const ast::AlterSequenceStmt& stmt, CommandContext& ctx) {
  CatalogChange change(ctx);
  const SequenceEntry* existing = FindSequence(change.catalog(), change.path(), stmt.sequence);
  if (!existing) {
    if (stmt.missing_ok) return {"ALTER SEQUENCE"};  // NOTICE: relation does not exist, skipping
    if (LookupRelation(change.catalog(), change.path(), stmt.sequence.schema, stmt.sequence.name).found()) {
      throw At(Error(sqlstate::kWrongObjectType, "\"" + stmt.sequence.name + "\" is not a sequence"), stmt.sequence.location);
    }
    throw At(Error(sqlstate::kUndefinedTable, "relation \"" + stmt.sequence.name + "\" does not exist"),
             stmt.sequence.location);
  }
  SequenceEntry seq = *existing;
  std::optional<int64_t> restart;
  ApplySequenceOptions(stmt.options, false, &seq, &restart);
  if (stmt.options.owned_by_given && seq.identity) {
    throw Error(sqlstate::kFeatureNotSupported, "cannot change ownership of identity sequence")
        .WithDetail("Sequence \"" + seq.name + "\" is linked to table \"" +
                    (change->GetTable(seq.owner_table) ? change->GetTable(seq.owner_table)->name : "?") + "\".");
  }
  ApplyOwnedBy(stmt.options, change.catalog(), change.path(), &seq);
  // The value logged ahead was computed with the old options: log again from the current value
  // (or from the RESTART value).
  SequenceStore::State state = ctx.sequences->store().Read(*existing);
  int64_t value = restart ? *restart : state.last_value;
  ctx.sequences->store().Set(seq, value, restart ? false : state.is_called);
  change.PutSequence(std::move(seq));
  change.Publish();
  return {"ALTER SEQUENCE"};
}

}  // namespace kanto::commands
