// pg_proc, pg_operator and pg_cast: the built-in functions, aggregates, window functions and operators of
// Kanto's registries (function/routine_catalog), all in pg_catalog. proargtypes is an oidvector (from
// 0), proallargtypes an oid[], as in PostgreSQL.
#include "catalog/catalog.hpp"
#include "catalog/system_table_builder.hpp"
#include "function/cast.hpp"
#include "function/cast_catalog.hpp"
#include "function/routine_catalog.hpp"
#include "types/array.hpp"

namespace kanto::system_tables {

namespace {

constexpr int64_t kInternalLanguageOid = 12;

Value OidList(const std::vector<uint32_t>& oids) {
  std::vector<Value> items;
  for (uint32_t oid : oids) items.push_back(OidValue(oid));
  return MakeArrayValue(OidArray(), items);
}

Value OidVectorOf(const std::vector<uint32_t>& oids) {
  std::vector<Value> items;
  for (uint32_t oid : oids) items.push_back(OidValue(oid));
  return OidVectorValue(items);
}

}  // namespace

void PgProc(SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("proname", Name()).Column("pronamespace", Oid()).Column("proowner", Oid());
  b.Column("prolang", Oid()).Column("procost", Float4()).Column("prorows", Float4()).Column("provariadic", Oid());
  b.Column("prosupport", Regproc()).Column("prokind", Char()).Column("prosecdef", Bool()).Column("proleakproof", Bool());
  b.Column("proisstrict", Bool()).Column("proretset", Bool()).Column("provolatile", Char());
  b.Column("proparallel", Char()).Column("pronargs", Int2()).Column("pronargdefaults", Int2());
  b.Column("prorettype", Oid()).Column("proargtypes", OidVector()).Column("proallargtypes", OidArray());
  b.Column("proargmodes", LogicalType::ArrayOf(Char())).Column("proargnames", TextArray()).Column("proargdefaults", NodeTree());
  b.Column("protrftypes", OidArray()).Column("prosrc", Text()).Column("probin", Text()).Column("prosqlbody", NodeTree());
  b.Column("proconfig", TextArray()).Column("proacl", AclArray());
  for (const RoutineEntry& r : BuiltinRoutines()) {
    Value no_oids = Value::Null(OidArray());
    bool has_out = !r.all_arg_types.empty();
    std::vector<Value> modes, names;
    for (char m : r.arg_modes) modes.push_back(Value::FromString(Char(), std::string(1, m)));
    for (const std::string& n : r.arg_names) names.push_back(Value::Text(n));
    b.Row({OidValue(r.oid), Value::Text(r.name), OidValue(kPgCatalogSchemaId), OidValue(kKantoRoleOid),
           OidValue(kInternalLanguageOid), Value::Float4(1), Value::Float4(r.rows), OidValue(r.variadic_type), OidValue(0),
           Value::Text(std::string(1, r.kind)), Value::Bool(false), Value::Bool(false), Value::Bool(r.strict),
           Value::Bool(r.returns_set), Value::Text(std::string(1, r.volatility)), Value::Text(std::string(1, r.parallel)),
           Value::Int2(static_cast<int64_t>(r.arg_types.size())), Value::Int2(0), OidValue(r.return_type),
           OidVectorOf(r.arg_types), has_out ? OidList(r.all_arg_types) : no_oids,
           has_out ? MakeArrayValue(LogicalType::ArrayOf(Char()), modes) : Value::Null(LogicalType::ArrayOf(Char())),
           names.empty() ? Value::Null(TextArray()) : MakeArrayValue(TextArray(), names), NullText(), no_oids,
           Value::Text(r.source.empty() ? r.name : r.source), NullText(), NullText(), Value::Null(TextArray()),
           Value::Null(AclArray())});
  }
}

void PgOperator(SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("oprname", Name()).Column("oprnamespace", Oid()).Column("oprowner", Oid());
  b.Column("oprkind", Char()).Column("oprcanmerge", Bool()).Column("oprcanhash", Bool()).Column("oprleft", Oid());
  b.Column("oprright", Oid()).Column("oprresult", Oid()).Column("oprcom", Oid()).Column("oprnegate", Oid());
  b.Column("oprcode", Regproc()).Column("oprrest", Regproc()).Column("oprjoin", Regproc());
  for (const OperatorEntry& o : BuiltinOperators()) {
    // Only PostgreSQL's operators (those with its description), and Kanto's stand-ins for those
    // over pseudo-types it lacks (anyarray || anyelement for anycompatiblearray || anycompatible);
    // not the mixed-type ones Kanto registers where PostgreSQL casts (int2 % int4 is int4 % int4).
    if (!o.description && !PseudoTypeName(o.left) && !PseudoTypeName(o.right)) continue;
    bool equality = o.name == "=";
    b.Row({OidValue(o.oid), Value::Text(o.name), OidValue(kPgCatalogSchemaId), OidValue(kKantoRoleOid),
           Value::Text(std::string(1, o.kind)), Value::Bool(equality), Value::Bool(equality), OidValue(o.left),
           OidValue(o.right), OidValue(o.result), OidValue(o.commutator), OidValue(o.negator), OidValue(0), OidValue(0),
           OidValue(0)});
  }
}

// PostgreSQL's declared casts that Kanto performs, in the context Kanto allows each (its
// CanCast), with the functions pg_proc lists. OIDs from 11000, after the operators'.
void PgCast(SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("castsource", Oid()).Column("casttarget", Oid()).Column("castfunc", Oid());
  b.Column("castcontext", Char()).Column("castmethod", Char());
  int64_t oid = 11000;
  for (const CastCatalogEntry& c : DeclaredCasts()) {
    LogicalType source(c.source), target(c.target);
    char context = CanCast(source, target, CastContext::kImplicit)     ? 'i'
                   : CanCast(source, target, CastContext::kAssignment) ? 'a'
                   : CanCast(source, target, CastContext::kExplicit)   ? 'e'
                                                                       : 0;
    if (!context || IsUnsupportedLengthCoercion(c)) continue;
    uint32_t function = 0;
    if (c.method == 'f') {
      std::vector<uint32_t> args;
      for (TypeId t : c.arg_types) args.push_back(LogicalType(t).oid());
      const RoutineEntry* r = FindBuiltinRoutine(c.function, args);
      if (!r) continue;
      function = r->oid;
    }
    b.Row({OidValue(oid++), OidValue(source.oid()), OidValue(target.oid()), OidValue(function),
           Value::Text(std::string(1, context)), Value::Text(std::string(1, c.method))});
  }
}

}  // namespace kanto::system_tables
