#include "commands/sequence_definition.hpp"

#include <chrono>
#include <mutex>
#include <random>

#include "catalog/nextval_default.hpp"
#include "catalog/sequence_session.hpp"
#include "commands/relation_names.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

namespace {

int64_t TypeMin(TypeId t) { return t == TypeId::kInt2 ? INT16_MIN : t == TypeId::kInt4 ? INT32_MIN : INT64_MIN; }
int64_t TypeMax(TypeId t) { return t == TypeId::kInt2 ? INT16_MAX : t == TypeId::kInt4 ? INT32_MAX : INT64_MAX; }

[[noreturn]] void Invalid(const std::string& message) { throw Error(sqlstate::kInvalidParameterValue, message); }

std::string N(int64_t v) { return std::to_string(v); }

}  // namespace

uint64_t NewSequenceInstance() {
  static std::mt19937_64 gen(std::random_device{}());
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  return gen() ^ static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
}

void ApplySequenceOptions(const ast::SequenceOptions& o, bool creating, SequenceEntry* seq,
                          std::optional<int64_t>* restart) {
  TypeId old_type = seq->type.id;
  bool reset_max = creating, reset_min = creating;
  if (o.as_type) {
    LogicalType t = Binder::ResolveTypeName(*o.as_type);
    if (t.id != TypeId::kInt2 && t.id != TypeId::kInt4 && t.id != TypeId::kInt8) {
      Invalid("sequence type must be smallint, integer, or bigint");
    }
    if (!creating && t.id != old_type) {
      // Bounds that were the old type's limits follow the new type.
      if (seq->max_value == TypeMax(old_type)) reset_max = true;
      if (seq->min_value == TypeMin(old_type)) reset_min = true;
    }
    seq->type = LogicalType(t.id);
  }
  if (o.increment) {
    if (*o.increment == 0) Invalid("INCREMENT must not be zero");
    seq->increment = *o.increment;
  }
  if (o.cycle) seq->cycle = *o.cycle;
  TypeId type = seq->type.id;
  if (o.max_given && o.max_value) {
    seq->max_value = *o.max_value;
  } else if (o.max_given || reset_max) {
    seq->max_value = seq->increment > 0 ? TypeMax(type) : -1;
  }
  if (seq->max_value < TypeMin(type) || seq->max_value > TypeMax(type)) {
    Invalid("MAXVALUE (" + N(seq->max_value) + ") is out of range for sequence data type " + seq->type.ToString());
  }
  if (o.min_given && o.min_value) {
    seq->min_value = *o.min_value;
  } else if (o.min_given || reset_min) {
    seq->min_value = seq->increment > 0 ? 1 : TypeMin(type);
  }
  if (seq->min_value < TypeMin(type) || seq->min_value > TypeMax(type)) {
    Invalid("MINVALUE (" + N(seq->min_value) + ") is out of range for sequence data type " + seq->type.ToString());
  }
  if (seq->min_value >= seq->max_value) {
    Invalid("MINVALUE (" + N(seq->min_value) + ") must be less than MAXVALUE (" + N(seq->max_value) + ")");
  }
  if (o.start) {
    seq->start = *o.start;
  } else if (creating) {
    seq->start = seq->increment > 0 ? seq->min_value : seq->max_value;
  }
  if (seq->start < seq->min_value) {
    Invalid("START value (" + N(seq->start) + ") cannot be less than MINVALUE (" + N(seq->min_value) + ")");
  }
  if (seq->start > seq->max_value) {
    Invalid("START value (" + N(seq->start) + ") cannot be greater than MAXVALUE (" + N(seq->max_value) + ")");
  }
  if (creating) *restart = seq->start;
  if (o.restart) *restart = o.restart_with ? *o.restart_with : seq->start;
  if (*restart && **restart < seq->min_value) {
    Invalid("RESTART value (" + N(**restart) + ") cannot be less than MINVALUE (" + N(seq->min_value) + ")");
  }
  if (*restart && **restart > seq->max_value) {
    Invalid("RESTART value (" + N(**restart) + ") cannot be greater than MAXVALUE (" + N(seq->max_value) + ")");
  }
  if (o.cache) {
    if (*o.cache <= 0) Invalid("CACHE (" + N(*o.cache) + ") must be greater than zero");
    seq->cache = *o.cache;
  }
}

uint32_t CreateOwnedSequence(CatalogChange& change, CommandContext& ctx, const TableEntry& table, uint32_t column,
                             const ast::SequenceOptions& options, bool identity) {
  SequenceEntry seq;
  seq.schema_id = table.schema_id;
  seq.owner = table.owner;
  seq.name = options.sequence_name.empty()
                 ? UniqueName(change.catalog(), table.schema_id, table.name + "_" + table.columns[column].name, "seq")
                 : options.sequence_name;
  if (!options.sequence_schema.empty()) {
    const SchemaEntry* schema = change->FindSchema(options.sequence_schema);
    if (!schema) throw Error(sqlstate::kInvalidSchemaName, "schema \"" + options.sequence_schema + "\" does not exist");
    seq.schema_id = schema->id;
  }
  if (change->RelationExists(seq.schema_id, seq.name)) {
    throw Error(sqlstate::kDuplicateTable, "relation \"" + seq.name + "\" already exists");
  }
  if (options.owned_by_given) {
    throw Error(sqlstate::kSyntaxError, "invalid sequence option OWNED BY for an identity column");
  }
  if (options.as_type) throw Error(sqlstate::kFeatureNotSupported, "AS type in identity sequence options is not supported");
  seq.type = LogicalType(table.columns[column].type.id);
  std::optional<int64_t> restart;
  ApplySequenceOptions(options, true, &seq, &restart);
  seq.id = change.AllocateId();
  seq.owner_table = table.id;
  seq.owner_column = column;
  seq.identity = identity;
  seq.instance = NewSequenceInstance();
  if (ctx.sequences) ctx.sequences->store().Reset(seq);
  uint32_t id = seq.id;
  change.PutSequence(std::move(seq));
  return id;
}

void FollowSequenceInDefaults(CatalogChange& change, const SequenceEntry& before, const SequenceEntry& after) {
  std::string to = NextvalDefault(change.catalog(), after);
  to = to.substr(0, to.find("::regclass"));  // nextval('new'
  for (const TableEntry* t : change->Tables()) {
    TableEntry updated = *t;
    bool changed = false;
    for (auto& c : updated.columns) {
      size_t length;
      size_t at = FindNextvalCall(c.default_sql, change.catalog(), before, &length);
      if (at == std::string::npos) continue;
      c.default_sql.replace(at, length, to);
      changed = true;
    }
    if (changed) change.PutTable(std::move(updated));
  }
}

}  // namespace kanto::commands
