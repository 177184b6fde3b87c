#include "function/cast_catalog.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "function/cast.hpp"
#include "function/function.hpp"
#include "function/kernel_util.hpp"

namespace kanto {

const std::vector<CastCatalogEntry>& DeclaredCasts() {
  using T = TypeId;
  // SELECT castsource, casttarget, castmethod, proname, prosrc, proargtypes, prorettype,
  // provolatile FROM pg_cast LEFT JOIN pg_proc ON pg_proc.oid = castfunc, on PostgreSQL 15.
  static const std::vector<CastCatalogEntry>* casts = new std::vector<CastCatalogEntry>{
      {T::kBool, T::kChar, 'f', "text", "booltext", {T::kBool}, T::kText, 'i'},
      {T::kBool, T::kInt4, 'f', "int4", "bool_int4", {T::kBool}, T::kInt4, 'i'},
      {T::kBool, T::kText, 'f', "text", "booltext", {T::kBool}, T::kText, 'i'},
      {T::kBool, T::kVarchar, 'f', "text", "booltext", {T::kBool}, T::kText, 'i'},
      {T::kChar, T::kChar, 'f', "bpchar", "bpchar", {T::kChar, T::kInt4, T::kBool}, T::kChar, 'i'},
      {T::kChar, T::kName, 'f', "name", "bpchar_name", {T::kChar}, T::kName, 'i'},
      {T::kChar, T::kText, 'f', "text", "rtrim1", {T::kChar}, T::kText, 'i'},
      {T::kChar, T::kVarchar, 'f', "text", "rtrim1", {T::kChar}, T::kText, 'i'},
      {T::kDate, T::kTimestamp, 'f', "timestamp", "date_timestamp", {T::kDate}, T::kTimestamp, 'i'},
      {T::kDate, T::kTimestampTz, 'f', "timestamptz", "date_timestamptz", {T::kDate}, T::kTimestampTz, 's'},
      {T::kFloat4, T::kFloat8, 'f', "float8", "ftod", {T::kFloat4}, T::kFloat8, 'i'},
      {T::kFloat4, T::kInt2, 'f', "int2", "ftoi2", {T::kFloat4}, T::kInt2, 'i'},
      {T::kFloat4, T::kInt4, 'f', "int4", "ftoi4", {T::kFloat4}, T::kInt4, 'i'},
      {T::kFloat4, T::kInt8, 'f', "int8", "ftoi8", {T::kFloat4}, T::kInt8, 'i'},
      {T::kFloat4, T::kNumeric, 'f', "numeric", "float4_numeric", {T::kFloat4}, T::kNumeric, 'i'},
      {T::kFloat8, T::kFloat4, 'f', "float4", "dtof", {T::kFloat8}, T::kFloat4, 'i'},
      {T::kFloat8, T::kInt2, 'f', "int2", "dtoi2", {T::kFloat8}, T::kInt2, 'i'},
      {T::kFloat8, T::kInt4, 'f', "int4", "dtoi4", {T::kFloat8}, T::kInt4, 'i'},
      {T::kFloat8, T::kInt8, 'f', "int8", "dtoi8", {T::kFloat8}, T::kInt8, 'i'},
      {T::kFloat8, T::kNumeric, 'f', "numeric", "float8_numeric", {T::kFloat8}, T::kNumeric, 'i'},
      {T::kInt2, T::kFloat4, 'f', "float4", "i2tof", {T::kInt2}, T::kFloat4, 'i'},
      {T::kInt2, T::kFloat8, 'f', "float8", "i2tod", {T::kInt2}, T::kFloat8, 'i'},
      {T::kInt2, T::kInt4, 'f', "int4", "i2toi4", {T::kInt2}, T::kInt4, 'i'},
      {T::kInt2, T::kInt8, 'f', "int8", "int28", {T::kInt2}, T::kInt8, 'i'},
      {T::kInt2, T::kNumeric, 'f', "numeric", "int2_numeric", {T::kInt2}, T::kNumeric, 'i'},
      {T::kInt2, T::kOid, 'f', "int4", "i2toi4", {T::kInt2}, T::kInt4, 'i'},
      {T::kInt2, T::kRegclass, 'f', "int4", "i2toi4", {T::kInt2}, T::kInt4, 'i'},
      {T::kInt2, T::kRegnamespace, 'f', "int4", "i2toi4", {T::kInt2}, T::kInt4, 'i'},
      {T::kInt2, T::kRegproc, 'f', "int4", "i2toi4", {T::kInt2}, T::kInt4, 'i'},
      {T::kInt2, T::kRegtype, 'f', "int4", "i2toi4", {T::kInt2}, T::kInt4, 'i'},
      {T::kInt4, T::kBool, 'f', "bool", "int4_bool", {T::kInt4}, T::kBool, 'i'},
      {T::kInt4, T::kFloat4, 'f', "float4", "i4tof", {T::kInt4}, T::kFloat4, 'i'},
      {T::kInt4, T::kFloat8, 'f', "float8", "i4tod", {T::kInt4}, T::kFloat8, 'i'},
      {T::kInt4, T::kInt2, 'f', "int2", "i4toi2", {T::kInt4}, T::kInt2, 'i'},
      {T::kInt4, T::kInt8, 'f', "int8", "int48", {T::kInt4}, T::kInt8, 'i'},
      {T::kInt4, T::kNumeric, 'f', "numeric", "int4_numeric", {T::kInt4}, T::kNumeric, 'i'},
      {T::kInt4, T::kOid, 'b'},
      {T::kInt4, T::kRegclass, 'b'},
      {T::kInt4, T::kRegnamespace, 'b'},
      {T::kInt4, T::kRegproc, 'b'},
      {T::kInt4, T::kRegtype, 'b'},
      {T::kInt8, T::kFloat4, 'f', "float4", "i8tof", {T::kInt8}, T::kFloat4, 'i'},
      {T::kInt8, T::kFloat8, 'f', "float8", "i8tod", {T::kInt8}, T::kFloat8, 'i'},
      {T::kInt8, T::kInt2, 'f', "int2", "int82", {T::kInt8}, T::kInt2, 'i'},
      {T::kInt8, T::kInt4, 'f', "int4", "int84", {T::kInt8}, T::kInt4, 'i'},
      {T::kInt8, T::kNumeric, 'f', "numeric", "int8_numeric", {T::kInt8}, T::kNumeric, 'i'},
      {T::kInt8, T::kOid, 'f', "oid", "i8tooid", {T::kInt8}, T::kOid, 'i'},
      {T::kInt8, T::kRegclass, 'f', "oid", "i8tooid", {T::kInt8}, T::kOid, 'i'},
      {T::kInt8, T::kRegnamespace, 'f', "oid", "i8tooid", {T::kInt8}, T::kOid, 'i'},
      {T::kInt8, T::kRegproc, 'f', "oid", "i8tooid", {T::kInt8}, T::kOid, 'i'},
      {T::kInt8, T::kRegtype, 'f', "oid", "i8tooid", {T::kInt8}, T::kOid, 'i'},
      {T::kInterval, T::kInterval, 'f', "interval", "interval_scale", {T::kInterval, T::kInt4}, T::kInterval, 'i'},
      {T::kName, T::kChar, 'f', "bpchar", "name_bpchar", {T::kName}, T::kChar, 'i'},
      {T::kName, T::kText, 'f', "text", "name_text", {T::kName}, T::kText, 'i'},
      {T::kName, T::kVarchar, 'f', "varchar", "name_text", {T::kName}, T::kVarchar, 'i'},
      {T::kNumeric, T::kFloat4, 'f', "float4", "numeric_float4", {T::kNumeric}, T::kFloat4, 'i'},
      {T::kNumeric, T::kFloat8, 'f', "float8", "numeric_float8", {T::kNumeric}, T::kFloat8, 'i'},
      {T::kNumeric, T::kInt2, 'f', "int2", "numeric_int2", {T::kNumeric}, T::kInt2, 'i'},
      {T::kNumeric, T::kInt4, 'f', "int4", "numeric_int4", {T::kNumeric}, T::kInt4, 'i'},
      {T::kNumeric, T::kInt8, 'f', "int8", "numeric_int8", {T::kNumeric}, T::kInt8, 'i'},
      {T::kNumeric, T::kNumeric, 'f', "numeric", "numeric", {T::kNumeric, T::kInt4}, T::kNumeric, 'i'},
      {T::kOid, T::kInt4, 'b'},
      {T::kOid, T::kInt8, 'f', "int8", "oidtoi8", {T::kOid}, T::kInt8, 'i'},
      {T::kOid, T::kRegclass, 'b'},
      {T::kOid, T::kRegnamespace, 'b'},
      {T::kOid, T::kRegproc, 'b'},
      {T::kOid, T::kRegtype, 'b'},
      {T::kRegclass, T::kInt4, 'b'},
      {T::kRegclass, T::kInt8, 'f', "int8", "oidtoi8", {T::kOid}, T::kInt8, 'i'},
      {T::kRegclass, T::kOid, 'b'},
      {T::kRegnamespace, T::kInt4, 'b'},
      {T::kRegnamespace, T::kInt8, 'f', "int8", "oidtoi8", {T::kOid}, T::kInt8, 'i'},
      {T::kRegnamespace, T::kOid, 'b'},
      {T::kRegproc, T::kInt4, 'b'},
      {T::kRegproc, T::kInt8, 'f', "int8", "oidtoi8", {T::kOid}, T::kInt8, 'i'},
      {T::kRegproc, T::kOid, 'b'},
      {T::kRegtype, T::kInt4, 'b'},
      {T::kRegtype, T::kInt8, 'f', "int8", "oidtoi8", {T::kOid}, T::kInt8, 'i'},
      {T::kRegtype, T::kOid, 'b'},
      {T::kJsonb, T::kBool, 'f', "bool", "jsonb_bool", {T::kJsonb}, T::kBool, 'i'},
      {T::kJsonb, T::kFloat4, 'f', "float4", "jsonb_float4", {T::kJsonb}, T::kFloat4, 'i'},
      {T::kJsonb, T::kFloat8, 'f', "float8", "jsonb_float8", {T::kJsonb}, T::kFloat8, 'i'},
      {T::kJsonb, T::kInt2, 'f', "int2", "jsonb_int2", {T::kJsonb}, T::kInt2, 'i'},
      {T::kJsonb, T::kInt4, 'f', "int4", "jsonb_int4", {T::kJsonb}, T::kInt4, 'i'},
      {T::kJsonb, T::kInt8, 'f', "int8", "jsonb_int8", {T::kJsonb}, T::kInt8, 'i'},
      {T::kJsonb, T::kNumeric, 'f', "numeric", "jsonb_numeric", {T::kJsonb}, T::kNumeric, 'i'},
      {T::kText, T::kChar, 'b'},
      {T::kText, T::kName, 'f', "name", "text_name", {T::kText}, T::kName, 'i'},
      {T::kText, T::kRegclass, 'f', "regclass", "text_regclass", {T::kText}, T::kRegclass, 's'},
      {T::kText, T::kVarchar, 'b'},
      {T::kTimestamp, T::kDate, 'f', "date", "timestamp_date", {T::kTimestamp}, T::kDate, 'i'},
      {T::kTimestamp, T::kTimestamp, 'f', "timestamp", "timestamp_scale", {T::kTimestamp, T::kInt4}, T::kTimestamp, 'i'},
      {T::kTimestamp, T::kTimestampTz, 'f', "timestamptz", "timestamp_timestamptz", {T::kTimestamp}, T::kTimestampTz, 's'},
      {T::kTimestampTz, T::kDate, 'f', "date", "timestamptz_date", {T::kTimestampTz}, T::kDate, 's'},
      {T::kTimestampTz, T::kTimestamp, 'f', "timestamp", "timestamptz_timestamp", {T::kTimestampTz}, T::kTimestamp, 's'},
      {T::kTimestampTz, T::kTimestampTz, 'f', "timestamptz", "timestamptz_scale", {T::kTimestampTz, T::kInt4}, T::kTimestampTz, 'i'},
      {T::kTime, T::kInterval, 'f', "interval", "time_interval", {T::kTime}, T::kInterval, 'i'},
      {T::kTime, T::kTimeTz, 'f', "timetz", "time_timetz", {T::kTime}, T::kTimeTz, 's'},
      {T::kTimestamp, T::kTime, 'f', "time", "timestamp_time", {T::kTimestamp}, T::kTime, 'i'},
      {T::kTimestampTz, T::kTime, 'f', "time", "timestamptz_time", {T::kTimestampTz}, T::kTime, 's'},
      {T::kTimestampTz, T::kTimeTz, 'f', "timetz", "timestamptz_timetz", {T::kTimestampTz}, T::kTimeTz, 's'},
      {T::kInterval, T::kTime, 'f', "time", "interval_time", {T::kInterval}, T::kTime, 'i'},
      {T::kTimeTz, T::kTime, 'f', "time", "timetz_time", {T::kTimeTz}, T::kTime, 'i'},
      {T::kTime, T::kTime, 'f', "time", "time_scale", {T::kTime, T::kInt4}, T::kTime, 'i'},
      {T::kTimeTz, T::kTimeTz, 'f', "timetz", "timetz_scale", {T::kTimeTz, T::kInt4}, T::kTimeTz, 'i'},
      {T::kVarchar, T::kChar, 'b'},
      {T::kVarchar, T::kName, 'f', "name", "text_name", {T::kVarchar}, T::kName, 'i'},
      {T::kVarchar, T::kRegclass, 'f', "regclass", "text_regclass", {T::kText}, T::kRegclass, 's'},
      {T::kVarchar, T::kText, 'b'},
      {T::kVarchar, T::kVarchar, 'f', "varchar", "varchar", {T::kVarchar, T::kInt4, T::kBool}, T::kVarchar, 'i'},
  };
  return *casts;
}

bool IsUnsupportedLengthCoercion(const CastCatalogEntry& c) {
  return c.source == c.target && (c.source == TypeId::kInterval || c.source == TypeId::kTimestamp ||
                                  c.source == TypeId::kTimestampTz);
}

namespace {

// The type a length coercion's typmod argument names: character(n), character varying(n),
// numeric(p, s) (PostgreSQL's typmods: n + 4, ((p << 16) | s) + 4; -1 for none).
LogicalType WithTypmod(TypeId id, int64_t typmod) {
  if (id == TypeId::kTime || id == TypeId::kTimeTz) {  // the precision itself
    return typmod < 0 ? LogicalType(id) : LogicalType(id, static_cast<int32_t>(std::min<int64_t>(typmod, 6)));
  }
  if (typmod < 4) return LogicalType(id);
  int64_t mod = typmod - 4;
  if (id == TypeId::kNumeric) return LogicalType(id, static_cast<int32_t>(mod >> 16), static_cast<int32_t>(mod & 0xFFFF));
  return LogicalType(id, static_cast<int32_t>(mod));
}

}  // namespace

void RegisterCastFunctions(FunctionRegistry& r) {
  std::set<std::pair<std::string, std::vector<TypeId>>> added;
  for (const CastCatalogEntry& c : DeclaredCasts()) {
    if (c.method != 'f' || IsUnsupportedLengthCoercion(c) || !added.insert({c.function, c.arg_types}).second) continue;
    std::vector<LogicalType> args;
    for (TypeId t : c.arg_types) args.emplace_back(t);
    const TypeId target = c.return_type;
    RowFn fn;
    if (args.size() == 1) {
      fn = [target](const std::vector<Value>& a, FunctionContext& ctx) {
        return CastValue(a[0], LogicalType(target), CastContext::kExplicit, ctx);
      };
    } else {
      // bpchar / varchar (value, typmod, explicit) truncate when explicit, else reject a longer
      // value (22001); numeric (value, typmod) rounds and rejects an overflow (22003).
      fn = [target](const std::vector<Value>& a, FunctionContext& ctx) {
        bool is_explicit = a.size() > 2 && a[2].int_value() != 0;
        return CastValue(a[0], WithTypmod(target, a[1].int_value()),
                         is_explicit ? CastContext::kExplicit : CastContext::kAssignment, ctx);
      };
    }
    AddRowFunction(r, c.function, std::move(args), LogicalType(target), std::move(fn), true, c.volatility == 'v');
  }
}

}  // namespace kanto
