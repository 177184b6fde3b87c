// The session's schemas: current_schema(), current_schemas(include_implicit), pg_my_temp_schema()
// and pg_is_other_temp_schema(oid), computed from the search path as PostgreSQL does.
#include "catalog/catalog.hpp"
#include "catalog/search_path.hpp"
#include "function/function.hpp"
#include "function/function_context.hpp"
#include "function/kernel_util.hpp"
#include "types/array.hpp"

namespace kanto {

namespace {
// The schemas of the active path (without the implicit ones: from the first listed on).
std::vector<const SchemaEntry*> PathSchemas(const FunctionContext& ctx, bool include_implicit) {
  std::vector<const SchemaEntry*> out;
  if (!ctx.catalog) return out;
  ActivePath active = ResolveSearchPath(*ctx.catalog, ctx.search_path);
  for (size_t i = include_implicit ? 0 : active.first_explicit; i < active.schemas.size(); i++) {
    if (const SchemaEntry* s = ctx.catalog->GetSchema(active.schemas[i])) out.push_back(s);
  }
  return out;
}
}  // namespace

void RegisterSchemaFunctions(FunctionRegistry& r) {
  const LogicalType kOid = T(TypeId::kOid), kBool = T(TypeId::kBool);
  constexpr bool kStrict = true, kVolatile = true;
  // current_schema is a name, current_schemas a name[], as in PostgreSQL.
  const LogicalType kName = T(TypeId::kName);
  AddRowFunction(r, "current_schema", {}, kName, [kName](const std::vector<Value>&, FunctionContext& ctx) {
    auto schemas = PathSchemas(ctx, false);
    return schemas.empty() ? Value::Null(kName) : Value::FromString(kName, schemas.front()->name);
  }, kStrict, kVolatile);
  AddRowFunction(r, "current_schemas", {kBool}, LogicalType::ArrayOf(kName),
                 [kName](const std::vector<Value>& a, FunctionContext& ctx) {
                   std::vector<Value> names;
                   for (const SchemaEntry* s : PathSchemas(ctx, a[0].bool_value())) {
                     names.push_back(Value::FromString(kName, s->name));
                   }
                   return MakeArrayValue(LogicalType::ArrayOf(kName), names);
                 }, kStrict, kVolatile);
  // 0 while the session has created no temporary object.
  AddRowFunction(r, "pg_my_temp_schema", {}, kOid, [](const std::vector<Value>&, FunctionContext& ctx) {
    return Value::FromInt(T(TypeId::kOid), ctx.search_path.temp_schema_id);
  }, kStrict, kVolatile);
  AddRowFunction(r, "pg_is_other_temp_schema", {kOid}, kBool, [](const std::vector<Value>& a, FunctionContext& ctx) {
    const SchemaEntry* s = ctx.catalog ? ctx.catalog->GetSchema(static_cast<uint32_t>(a[0].int_value())) : nullptr;
    return Value::Bool(s && IsTempSchemaName(s->name) && s->id != ctx.search_path.temp_schema_id);
  }, kStrict, kVolatile);
}

}  // namespace kanto
