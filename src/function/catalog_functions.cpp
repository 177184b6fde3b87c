// Catalog information functions used by psql and drivers: pg_get_userbyid, pg_table_is_visible,
// pg_type_is_visible, format_type, pg_encoding_to_char, obj_description, col_description. They read
// the statement's catalog snapshot (FunctionContext::catalog), so they are never constant-folded.
#include <cctype>

#include "catalog/catalog.hpp"
#include "kanto/error.hpp"
#include "function/function.hpp"
#include "function/function_context.hpp"
#include "function/kernel_util.hpp"

namespace kanto {

namespace {

constexpr int64_t kKantoRoleOid = 10;

// format_type(type_oid, typmod): the type's SQL spelling, NULL for an unknown type.
Value FormatType(const std::vector<Value>& a) {
  constexpr TypeId kTypes[] = {TypeId::kBool,    TypeId::kInt2,      TypeId::kInt4,        TypeId::kInt8,
                               TypeId::kFloat4,  TypeId::kFloat8,    TypeId::kNumeric,     TypeId::kText,
                               TypeId::kVarchar, TypeId::kChar,      TypeId::kBytea,       TypeId::kDate,
                               TypeId::kTimestamp, TypeId::kTimestampTz, TypeId::kInterval, TypeId::kUnknown};
  int64_t oid = a[0].int_value();
  for (TypeId id : kTypes) {
    LogicalType t(id);
    bool array = id != TypeId::kUnknown && LogicalType::ArrayOid(id) == oid;
    if (t.oid() != oid && !array) continue;
    int32_t typmod = a.size() > 1 && !a[1].is_null() ? static_cast<int32_t>(a[1].int_value()) : -1;
    if ((id == TypeId::kVarchar || id == TypeId::kChar) && typmod >= 4) t.mod1 = typmod - 4;
    if (id == TypeId::kNumeric && typmod >= 4) {
      t.mod1 = ((typmod - 4) >> 16) & 0xffff;
      t.mod2 = (typmod - 4) & 0xffff;
    }
    return Value::Text(array ? LogicalType::ArrayOf(t).ToString() : t.ToString());
  }
  return Value::Text("???");
}

}  // namespace

void RegisterCatalogFunctions(FunctionRegistry& r) {
  const LogicalType kOid = T(TypeId::kInt8), kText = T(TypeId::kText), kBool = T(TypeId::kBool), kInt4 = T(TypeId::kInt4);
  constexpr bool kStrict = true, kVolatile = true;
  AddRowFunction(r, "pg_get_userbyid", {kOid}, kText, [](const std::vector<Value>& a, FunctionContext& ctx) {
    int64_t oid = a[0].int_value();
    return Value::Text(oid == kKantoRoleOid ? ctx.current_user : "unknown (OID=" + std::to_string(oid) + ")");
  }, kStrict, kVolatile);
  // Visible: the relation's schema is on the search path (public, pg_catalog).
  AddRowFunction(r, "pg_table_is_visible", {kOid}, kBool, [](const std::vector<Value>& a, FunctionContext& ctx) {
    if (!ctx.catalog) return Value::Bool(false);
    auto id = static_cast<uint32_t>(a[0].int_value());
    for (const TableEntry* t : ctx.catalog->Tables()) {
      bool match = t->id == id;
      for (const auto& idx : t->indexes) match = match || idx.id == id;
      if (match) return Value::Bool(t->schema_id == kPublicSchemaId || t->schema_id == kPgCatalogSchemaId);
    }
    return Value::Null(T(TypeId::kBool));
  }, kStrict, kVolatile);
  AddRowFunction(r, "pg_type_is_visible", {kOid}, kBool,
                 [](const std::vector<Value>&, FunctionContext&) { return Value::Bool(true); }, kStrict, kVolatile);
  AddRowFunction(r, "format_type", {kOid, kInt4}, kText,
                 [](const std::vector<Value>& a, FunctionContext&) { return FormatType(a); }, false, kVolatile);
  AddRowFunction(r, "pg_encoding_to_char", {kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Text(a[0].int_value() == 6 ? "UTF8" : "");
  });
  // current_setting(name [, missing_ok]) and set_config(name, value, is_local): the session's
  // settings, as SHOW and SET see them.
  auto current_setting = [](const std::vector<Value>& a, FunctionContext& ctx) {
    std::string name = a[0].str_value();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value;
    if (ctx.settings && ctx.settings->Get(name, &value)) return Value::Text(value);
    if (a.size() > 1 && !a[1].is_null() && a[1].int_value()) return Value::Null(T(TypeId::kText));
    throw Error(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + a[0].str_value() + "\"");
  };
  AddRowFunction(r, "current_setting", {kText}, kText, current_setting, kStrict, kVolatile);
  AddRowFunction(r, "current_setting", {kText, kBool}, kText, current_setting, kStrict, kVolatile);
  AddRowFunction(r, "set_config", {kText, kText, kBool}, kText, [](const std::vector<Value>& a, FunctionContext& ctx) {
    if (!ctx.settings) throw Error(sqlstate::kFeatureNotSupported, "set_config is not available here");
    std::string name = a[0].str_value();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return Value::Text(ctx.settings->Set(name, a[1].str_value(), a[2].int_value() != 0));
  }, false, kVolatile);
  // Kanto stores no comments on objects.
  AddRowFunction(r, "obj_description", {kOid, kText}, kText,
                 [](const std::vector<Value>&, FunctionContext&) { return Value::Null(T(TypeId::kText)); }, kStrict, kVolatile);
  AddRowFunction(r, "col_description", {kOid, kInt4}, kText,
                 [](const std::vector<Value>&, FunctionContext&) { return Value::Null(T(TypeId::kText)); }, kStrict, kVolatile);
}

}  // namespace kanto
