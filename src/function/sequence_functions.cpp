// Sequence functions: nextval, currval, setval (2 and 3 arguments), lastval, pg_sequence_last_value
// and pg_get_serial_sequence. Values come from the session's SequenceSession (outside the
// transaction, as in PostgreSQL); all are volatile.
#include "catalog/catalog.hpp"
#include "catalog/object_acl.hpp"
#include "catalog/sequence_session.hpp"
#include "common/sql_text.hpp"
#include "function/function.hpp"
#include "function/kernel_util.hpp"
#include "function/object_names.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

SequenceSession& Session(FunctionContext& ctx) {
  if (!ctx.sequences) throw Error(sqlstate::kFeatureNotSupported, "sequence functions are not available here");
  return *ctx.sequences;
}

// The sequence with OID `oid`: 42809 for another kind of relation; 42501 unless the current user
// holds one of `any_of` on it (as PostgreSQL: nextval USAGE or UPDATE, currval SELECT or USAGE,
// setval UPDATE).
const SequenceEntry& SequenceOf(const Value& oid, FunctionContext& ctx, uint32_t any_of) {
  uint32_t id = static_cast<uint32_t>(oid.int_value());
  const SequenceEntry* seq = ctx.catalog ? ctx.catalog->GetSequence(id) : nullptr;
  if (seq) {
    CheckSequencePrivilege(*ctx.catalog, ctx.current_user, *seq, any_of);
    return *seq;
  }
  const IndexEntry* idx = nullptr;
  const TableEntry* t = ctx.catalog ? ctx.catalog->FindRelationById(id, &idx) : nullptr;
  if (t) throw Error(sqlstate::kWrongObjectType, "\"" + (idx ? idx->name : t->name) + "\" is not a sequence");
  throw Error(sqlstate::kInternalError, "could not open relation with OID " + std::to_string(id));
}

Value Int8(int64_t v) { return Value::FromInt(LogicalType(TypeId::kInt8), v); }

// pg_get_serial_sequence('table', 'column'): the sequence a serial or identity column draws from.
Value SerialSequence(const std::vector<Value>& a, FunctionContext& ctx) {
  int64_t oid = TextToOidType(a[0].str_value(), LogicalType(TypeId::kRegclass), ctx).int_value();
  const IndexEntry* idx = nullptr;
  const TableEntry* t = ctx.catalog ? ctx.catalog->FindRelationById(static_cast<uint32_t>(oid), &idx) : nullptr;
  if (!t || idx) return Value::Null(LogicalType(TypeId::kText));
  std::string column = a[1].str_value();
  int c = t->FindColumn(column);
  if (c < 0) {
    throw Error(sqlstate::kUndefinedColumn, "column \"" + column + "\" of relation \"" + t->name + "\" does not exist");
  }
  for (const SequenceEntry* seq : ctx.catalog->OwnedSequences(t->id)) {
    if (seq->owner_column != static_cast<uint32_t>(c)) continue;
    // The session's own temporary schema is spelled pg_temp, as PostgreSQL does.
    const SchemaEntry* s = ctx.catalog->GetSchema(seq->schema_id);
    std::string schema = seq->schema_id == ctx.search_path.temp_schema_id ? "pg_temp" : s ? s->name : "public";
    return Value::Text(QuoteIdent(schema) + "." + QuoteIdent(seq->name));
  }
  return Value::Null(LogicalType(TypeId::kText));
}

}  // namespace

void RegisterSequenceFunctions(FunctionRegistry& r) {
  const LogicalType kRegclass = T(TypeId::kRegclass), kInt8 = T(TypeId::kInt8), kBool = T(TypeId::kBool),
                    kText = T(TypeId::kText);
  constexpr bool kStrict = true, kVolatile = true;
  AddRowFunction(r, "nextval", {kRegclass}, kInt8, [](const std::vector<Value>& a, FunctionContext& ctx) {
    return Int8(Session(ctx).NextVal(SequenceOf(a[0], ctx, kAclUsage | kAclUpdate)));
  }, kStrict, kVolatile);
  AddRowFunction(r, "currval", {kRegclass}, kInt8, [](const std::vector<Value>& a, FunctionContext& ctx) {
    return Int8(Session(ctx).CurrVal(SequenceOf(a[0], ctx, kAclSelect | kAclUsage)));
  }, kStrict, kVolatile);
  AddRowFunction(r, "lastval", {}, kInt8, [](const std::vector<Value>&, FunctionContext& ctx) {
    if (!ctx.catalog) throw Error(sqlstate::kObjectNotInPrerequisiteState, "lastval is not yet defined in this session");
    int64_t value = Session(ctx).LastVal(*ctx.catalog);
    if (const SequenceEntry* seq = ctx.catalog->GetSequence(Session(ctx).last_used())) {
      CheckSequencePrivilege(*ctx.catalog, ctx.current_user, *seq, kAclSelect | kAclUsage);
    }
    return Int8(value);
  }, kStrict, kVolatile);
  AddRowFunction(r, "setval", {kRegclass, kInt8}, kInt8, [](const std::vector<Value>& a, FunctionContext& ctx) {
    return Int8(Session(ctx).SetVal(SequenceOf(a[0], ctx, kAclUpdate), a[1].int_value(), true));
  }, kStrict, kVolatile);
  AddRowFunction(r, "setval", {kRegclass, kInt8, kBool}, kInt8, [](const std::vector<Value>& a, FunctionContext& ctx) {
    return Int8(Session(ctx).SetVal(SequenceOf(a[0], ctx, kAclUpdate), a[1].int_value(), a[2].bool_value()));
  }, kStrict, kVolatile);
  // The last value handed out, NULL before the first nextval (pg_sequences.last_value).
  AddRowFunction(r, "pg_sequence_last_value", {kRegclass}, kInt8, [](const std::vector<Value>& a, FunctionContext& ctx) {
    SequenceStore::State s = Session(ctx).Read(SequenceOf(a[0], ctx, kAclSelect | kAclUsage));
    return s.is_called ? Int8(s.last_value) : Value::Null(LogicalType(TypeId::kInt8));
  }, kStrict, kVolatile);
  // SELECT * FROM seq: pg_sequence_state(seq, 'last_value' | 'log_cnt' | 'is_called') (Kanto's own).
  AddRowFunction(r, "pg_sequence_state", {kRegclass, kText}, kInt8, [](const std::vector<Value>& a, FunctionContext& ctx) {
    SequenceStore::State s = Session(ctx).Read(SequenceOf(a[0], ctx, kAclSelect));  // SELECT * FROM seq
    const std::string& field = a[1].str_value();
    return Int8(field == "last_value" ? s.last_value : field == "log_cnt" ? s.log_cnt : s.is_called ? 1 : 0);
  }, kStrict, kVolatile);
  AddRowFunction(r, "pg_get_serial_sequence", {kText, kText}, kText, SerialSequence, kStrict, kVolatile);
}

}  // namespace kanto
