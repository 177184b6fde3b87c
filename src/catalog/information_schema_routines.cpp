// information_schema.routines and information_schema.parameters as PostgreSQL 15 defines them,
// over the built-in routines (pg_proc): Kanto has no user-defined functions, so every routine is
// in pg_catalog, of language internal. Like PostgreSQL's views, the type columns other than
// data_type and the udt names (lengths, precisions, collations) are NULL for routines and
// parameters.
#include <string>

#include "catalog/catalog.hpp"
#include "catalog/system_table_builder.hpp"
#include "function/routine_catalog.hpp"

namespace kanto::system_tables {

namespace {

bool IsArrayOid(uint32_t oid) { return !PseudoTypeName(oid) && LogicalType::FromOid(oid).IsArray(); }

// data_type: ARRAY for an array, else format_type's spelling.
Value DataType(uint32_t oid) { return Value::Text(IsArrayOid(oid) ? "ARRAY" : TypeOidName(oid)); }

// udt_name: pg_type.typname.
Value UdtName(uint32_t oid) {
  if (const char* pseudo = PseudoTypeName(oid)) return Value::Text(pseudo);
  return Value::Text(TypeName(LogicalType::FromOid(oid)));
}

std::string SpecificName(const RoutineEntry& r) { return r.name + "_" + std::to_string(r.oid); }

}  // namespace

void InfoRoutines(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  for (const char* name : {"specific_catalog", "specific_schema", "specific_name", "routine_catalog", "routine_schema",
                           "routine_name"}) {
    b.Column(name, Name());
  }
  b.Column("routine_type", Text());
  for (const char* name : {"module_catalog", "module_schema", "module_name", "udt_catalog", "udt_schema", "udt_name"}) {
    b.Column(name, Name());
  }
  b.Column("data_type", Text()).Column("character_maximum_length", Int4()).Column("character_octet_length", Int4());
  for (const char* name : {"character_set_catalog", "character_set_schema", "character_set_name", "collation_catalog",
                           "collation_schema", "collation_name"}) {
    b.Column(name, Name());
  }
  b.Column("numeric_precision", Int4()).Column("numeric_precision_radix", Int4()).Column("numeric_scale", Int4());
  b.Column("datetime_precision", Int4()).Column("interval_type", Text()).Column("interval_precision", Int4());
  for (const char* name : {"type_udt_catalog", "type_udt_schema", "type_udt_name", "scope_catalog", "scope_schema",
                           "scope_name"}) {
    b.Column(name, Name());
  }
  b.Column("maximum_cardinality", Int4()).Column("dtd_identifier", Name());
  for (const char* name : {"routine_body", "routine_definition", "external_name", "external_language",
                           "parameter_style", "is_deterministic", "sql_data_access", "is_null_call", "sql_path",
                           "schema_level_routine"}) {
    b.Column(name, Text());
  }
  b.Column("max_dynamic_result_sets", Int4());
  for (const char* name : {"is_user_defined_cast", "is_implicitly_invocable", "security_type"}) b.Column(name, Text());
  for (const char* name : {"to_sql_specific_catalog", "to_sql_specific_schema", "to_sql_specific_name"}) {
    b.Column(name, Name());
  }
  b.Column("as_locator", Text());
  const LogicalType timestamptz(TypeId::kTimestampTz);
  b.Column("created", timestamptz).Column("last_altered", timestamptz);
  b.Column("new_savepoint_level", Text()).Column("is_udt_dependent", Text());
  b.Column("result_cast_from_data_type", Text()).Column("result_cast_as_locator", Text());
  b.Column("result_cast_char_max_length", Int4()).Column("result_cast_char_octet_length", Int4());
  for (const char* name : {"result_cast_char_set_catalog", "result_cast_char_set_schema", "result_cast_char_set_name",
                           "result_cast_collation_catalog", "result_cast_collation_schema",
                           "result_cast_collation_name"}) {
    b.Column(name, Name());
  }
  b.Column("result_cast_numeric_precision", Int4()).Column("result_cast_numeric_precision_radix", Int4());
  b.Column("result_cast_numeric_scale", Int4()).Column("result_cast_datetime_precision", Int4());
  b.Column("result_cast_interval_type", Text()).Column("result_cast_interval_precision", Int4());
  for (const char* name : {"result_cast_type_udt_catalog", "result_cast_type_udt_schema", "result_cast_type_udt_name",
                           "result_cast_scope_catalog", "result_cast_scope_schema", "result_cast_scope_name"}) {
    b.Column(name, Name());
  }
  b.Column("result_cast_maximum_cardinality", Int4()).Column("result_cast_dtd_identifier", Name());
  const Value db = Value::Text(catalog.database_name()), schema = Value::Text("pg_catalog");
  const Value null_int = Value::Null(Int4()), null_text = NullText();
  for (const RoutineEntry& r : BuiltinRoutines()) {
    std::vector<Value> row = {db, schema, Value::Text(SpecificName(r)), db, schema, Value::Text(r.name),
                              r.kind == 'f' ? Value::Text("FUNCTION") : null_text, null_text, null_text, null_text,
                              null_text, null_text, null_text, DataType(r.return_type)};
    row.insert(row.end(), {null_int, null_int});                                              // lengths
    row.insert(row.end(), 6, null_text);                                                      // character set, collation
    row.insert(row.end(), {null_int, null_int, null_int, null_int, null_text, null_int});     // precisions, interval
    row.insert(row.end(), {db, schema, UdtName(r.return_type), null_text, null_text, null_text});
    row.insert(row.end(), {null_int, Value::Text("0"), Value::Text("EXTERNAL"),
                           Value::Text(r.source.empty() ? r.name : r.source), null_text, Value::Text("INTERNAL"),
                           Value::Text("GENERAL"), Value::Text(r.volatility == 'i' ? "YES" : "NO"),
                           Value::Text("MODIFIES"), Value::Text(r.strict ? "YES" : "NO"), null_text, Value::Text("YES"),
                           Value::Int4(0), null_text, null_text, Value::Text("INVOKER"), null_text, null_text,
                           null_text, Value::Text("NO"), Value::Null(timestamptz), Value::Null(timestamptz), null_text,
                           Value::Text("NO")});
    row.insert(row.end(), 2, null_text);   // result_cast_from_data_type, result_cast_as_locator
    row.insert(row.end(), 2, null_int);    // result_cast lengths
    row.insert(row.end(), 6, null_text);   // result_cast character set, collation
    row.insert(row.end(), 4, null_int);    // result_cast precisions
    row.insert(row.end(), {null_text, null_int});
    row.insert(row.end(), 6, null_text);   // result_cast udt, scope
    row.insert(row.end(), {null_int, null_text});
    b.Row(std::move(row));
  }
}

void InfoParameters(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  for (const char* name : {"specific_catalog", "specific_schema", "specific_name"}) b.Column(name, Name());
  b.Column("ordinal_position", Int4()).Column("parameter_mode", Text()).Column("is_result", Text());
  b.Column("as_locator", Text()).Column("parameter_name", Name()).Column("data_type", Text());
  b.Column("character_maximum_length", Int4()).Column("character_octet_length", Int4());
  for (const char* name : {"character_set_catalog", "character_set_schema", "character_set_name", "collation_catalog",
                           "collation_schema", "collation_name"}) {
    b.Column(name, Name());
  }
  b.Column("numeric_precision", Int4()).Column("numeric_precision_radix", Int4()).Column("numeric_scale", Int4());
  b.Column("datetime_precision", Int4()).Column("interval_type", Text()).Column("interval_precision", Int4());
  for (const char* name : {"udt_catalog", "udt_schema", "udt_name", "scope_catalog", "scope_schema", "scope_name"}) {
    b.Column(name, Name());
  }
  b.Column("maximum_cardinality", Int4()).Column("dtd_identifier", Name()).Column("parameter_default", Text());
  const Value db = Value::Text(catalog.database_name()), schema = Value::Text("pg_catalog");
  const Value null_int = Value::Null(Int4()), null_text = NullText();
  for (const RoutineEntry& r : BuiltinRoutines()) {
    const std::vector<uint32_t>& types = r.all_arg_types.empty() ? r.arg_types : r.all_arg_types;
    for (size_t i = 0; i < types.size(); i++) {
      bool is_out = i < r.arg_modes.size() && r.arg_modes[i] == 'o';
      std::string name = i < r.arg_names.size() ? r.arg_names[i] : "";
      std::vector<Value> row = {db, schema, Value::Text(SpecificName(r)), Value::Int4(static_cast<int64_t>(i + 1)),
                                Value::Text(is_out ? "OUT" : "IN"), Value::Text("NO"), Value::Text("NO"),
                                name.empty() ? null_text : Value::Text(name), DataType(types[i]), null_int, null_int};
      row.insert(row.end(), 6, null_text);
      row.insert(row.end(), {null_int, null_int, null_int, null_int, null_text, null_int});
      row.insert(row.end(), {db, schema, UdtName(types[i]), null_text, null_text, null_text, null_int,
                             Value::Text(std::to_string(i + 1)), null_text});
      b.Row(std::move(row));
    }
  }
}

// The element types of array-typed columns (object_type TABLE, for tables and views) and of
// routines' array parameters and results (ROUTINE; the result's identifier is 0), each named by
// the dtd_identifier of what has it, as PostgreSQL's view joins them.
void InfoElementTypes(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  for (const char* name : {"object_catalog", "object_schema", "object_name"}) b.Column(name, Name());
  b.Column("object_type", Text()).Column("collection_type_identifier", Name()).Column("data_type", Text());
  b.Column("character_maximum_length", Int4()).Column("character_octet_length", Int4());
  for (const char* name : {"character_set_catalog", "character_set_schema", "character_set_name", "collation_catalog",
                           "collation_schema", "collation_name"}) {
    b.Column(name, Name());
  }
  b.Column("numeric_precision", Int4()).Column("numeric_precision_radix", Int4()).Column("numeric_scale", Int4());
  b.Column("datetime_precision", Int4()).Column("interval_type", Text()).Column("interval_precision", Int4());
  b.Column("domain_default", Text());
  for (const char* name : {"udt_catalog", "udt_schema", "udt_name", "scope_catalog", "scope_schema", "scope_name"}) {
    b.Column(name, Name());
  }
  b.Column("maximum_cardinality", Int4()).Column("dtd_identifier", Name());
  const Value db = Value::Text(catalog.database_name());
  const Value null_int = Value::Null(Int4()), null_text = NullText();
  auto row = [&](const std::string& schema, const std::string& object, const char* type, const std::string& id,
                 uint32_t element) {
    std::vector<Value> r = {db, Value::Text(schema), Value::Text(object), Value::Text(type), Value::Text(id),
                            Value::Text(TypeOidName(element)), null_int, null_int};
    r.insert(r.end(), 6, null_text);
    r.insert(r.end(), {null_int, null_int, null_int, null_int, null_text, null_int, null_text});
    r.insert(r.end(), {db, Value::Text("pg_catalog"), UdtName(element), null_text, null_text, null_text, null_int,
                       Value::Text("a" + id)});
    b.Row(std::move(r));
  };
  for (const TableEntry* t : catalog.Tables()) {
    for (size_t i = 0; i < t->columns.size(); i++) {
      const LogicalType& type = t->columns[i].type;
      if (type.IsArray()) {
        row(SchemaName(catalog, t->schema_id), t->name, "TABLE", std::to_string(i + 1), type.ElementType().oid());
      }
    }
  }
  for (const RoutineEntry& r : BuiltinRoutines()) {
    auto element = [](uint32_t oid) { return LogicalType::FromOid(oid).ElementType().oid(); };
    if (IsArrayOid(r.return_type)) row("pg_catalog", SpecificName(r), "ROUTINE", "0", element(r.return_type));
    const std::vector<uint32_t>& types = r.all_arg_types.empty() ? r.arg_types : r.all_arg_types;
    for (size_t i = 0; i < types.size(); i++) {
      if (IsArrayOid(types[i])) row("pg_catalog", SpecificName(r), "ROUTINE", std::to_string(i + 1), element(types[i]));
    }
  }
}

}  // namespace kanto::system_tables
