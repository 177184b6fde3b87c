// information_schema's tables (schemata, tables, columns, the constraint views, sequences) as
// PostgreSQL 15 defines them, computed from the catalog snapshot.
#include <string>

#include "catalog/catalog.hpp"
#include "catalog/foreign_key_text.hpp"
#include "catalog/search_path.hpp"
#include "catalog/system_table_builder.hpp"
#include "catalog/type_name_text.hpp"
#include "common/sql_text.hpp"

namespace kanto::system_tables {

// information_schema's data_type: the SQL-standard spelling without modifiers; ARRAY for arrays.
std::string StandardTypeName(const LogicalType& t) {
  switch (t.id) {
    case TypeId::kArray: return "ARRAY";
    case TypeId::kChar: return "character";
    case TypeId::kEnum: return "USER-DEFINED";
    default: return LogicalType(t.id).ToString();
  }
}

TypeDescription DescribeType(const LogicalType& type) {
  TypeDescription d;
  int32_t mod = type.typmod();
  switch (type.id) {
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kText:
      // UTF8: up to 4 bytes a character; no length: the largest value, 1 GB.
      if (mod >= 4) d.max_length = Value::Int4(mod - 4);
      d.octet_length = Value::Int4(mod >= 4 ? (mod - 4) * 4 : 1073741824);
      break;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
      d.precision = Value::Int4(type.id == TypeId::kInt2 ? 16 : type.id == TypeId::kInt4 ? 32 : 64);
      d.radix = Value::Int4(2);
      d.scale = Value::Int4(0);
      break;
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      d.precision = Value::Int4(type.id == TypeId::kFloat4 ? 24 : 53);
      d.radix = Value::Int4(2);
      break;
    case TypeId::kNumeric:
      d.radix = Value::Int4(10);
      if (mod >= 4) {
        d.precision = Value::Int4(((mod - 4) >> 16) & 0xffff);
        d.scale = Value::Int4((mod - 4) & 0xffff);
      }
      break;
    case TypeId::kDate: d.datetime_precision = Value::Int4(0); break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kTimeTz: d.datetime_precision = Value::Int4(mod < 0 ? 6 : mod); break;
    case TypeId::kInterval: {
      d.datetime_precision = Value::Int4(mod < 0 || (mod & 0xFFFF) == 0xFFFF ? 6 : mod & 0xFFFF);
      std::string spelled = type.ToString();  // "interval day to second"
      if (spelled.size() > 9) {
        std::string fields = spelled.substr(9);
        for (auto& ch : fields) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        d.interval_type = Value::Text(fields);
      }
      break;
    }
    default: break;
  }
  return d;
}

namespace {

// A stored expression's type names as the session's search_path sees them ('ok'::mood when the
// path finds mood, else 'ok'::s.mood), as PostgreSQL's views print them with pg_get_expr.
std::string StoredText(const Catalog& catalog, const SystemTable& out, const std::string& text) {
  return TypeNamesForSearchPath(text, catalog, out.search_path ? *out.search_path : SearchPath{});
}

// Kanto has no triggers: the view exists with PostgreSQL 15's columns and no rows.
void InfoTriggers(const Catalog&, SystemTable* out) {
  Builder b(out);
  for (const char* name : {"trigger_catalog", "trigger_schema", "trigger_name"}) b.Column(name, Name());
  b.Column("event_manipulation", Text());
  for (const char* name : {"event_object_catalog", "event_object_schema", "event_object_table"}) b.Column(name, Name());
  b.Column("action_order", Int4()).Column("action_condition", Text()).Column("action_statement", Text());
  b.Column("action_orientation", Text()).Column("action_timing", Text());
  for (const char* name : {"action_reference_old_table", "action_reference_new_table", "action_reference_old_row",
                           "action_reference_new_row"}) {
    b.Column(name, Name());
  }
  b.Column("created", LogicalType(TypeId::kTimestampTz));
}

void InfoSequences(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("sequence_catalog", Name()).Column("sequence_schema", Name()).Column("sequence_name", Name());
  b.Column("data_type", Text()).Column("numeric_precision", Int4()).Column("numeric_precision_radix", Int4());
  b.Column("numeric_scale", Int4()).Column("start_value", Text()).Column("minimum_value", Text());
  b.Column("maximum_value", Text()).Column("increment", Text()).Column("cycle_option", Text());
  for (const SequenceEntry* s : catalog.Sequences()) {
    if (s->identity) continue;  // as in PostgreSQL, identity columns' sequences are not listed
    TypeId t = s->type.id;
    b.Row({Value::Text(catalog.database_name()), Value::Text(SchemaName(catalog, s->schema_id)), Value::Text(s->name),
           Value::Text(t == TypeId::kInt2 ? "smallint" : t == TypeId::kInt4 ? "integer" : "bigint"),
           Value::Int4(t == TypeId::kInt2 ? 16 : t == TypeId::kInt4 ? 32 : 64), Value::Int4(2), Value::Int4(0),
           Value::Text(std::to_string(s->start)), Value::Text(std::to_string(s->min_value)),
           Value::Text(std::to_string(s->max_value)), Value::Text(std::to_string(s->increment)),
           Value::Text(s->cycle ? "YES" : "NO")});
  }
}

void InfoSchemata(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("catalog_name", Name()).Column("schema_name", Name()).Column("schema_owner", Name());
  b.Column("default_character_set_catalog", Name()).Column("default_character_set_schema", Name());
  b.Column("default_character_set_name", Name()).Column("sql_path", Text());
  auto row = [&](const std::string& name, const std::string& owner) {
    b.Row({Value::Text(catalog.database_name()), Value::Text(name), Value::Text(owner), NullText(), NullText(),
           NullText(), NullText()});
  };
  for (const SchemaEntry* s : catalog.Schemas()) row(s->name, s->owner);
  row("information_schema", "kanto");
}

void InfoTables(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("table_catalog", Name()).Column("table_schema", Name()).Column("table_name", Name());
  b.Column("table_type", Text()).Column("self_referencing_column_name", Name()).Column("reference_generation", Text());
  b.Column("user_defined_type_catalog", Name()).Column("user_defined_type_schema", Name());
  b.Column("user_defined_type_name", Name()).Column("is_insertable_into", Text()).Column("is_typed", Text());
  b.Column("commit_action", Text());
  for (const TableEntry* t : catalog.Tables()) {
    std::string schema = SchemaName(catalog, t->schema_id);
    // A temporary table's commit_action is PRESERVE (Kanto's ON COMMIT is PRESERVE ROWS).
    bool temporary = IsTempSchemaName(schema);
    b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(t->name),
           Value::Text(t->is_view() ? "VIEW" : temporary ? "LOCAL TEMPORARY" : "BASE TABLE"), NullText(), NullText(),
           NullText(), NullText(), NullText(), Value::Text(t->is_view() ? "NO" : "YES"), Value::Text("NO"),
           temporary ? Value::Text("PRESERVE") : NullText()});
  }
}

// information_schema.views: Kanto's views are read-only (no INSERT / UPDATE / DELETE through a
// view, no INSTEAD OF triggers), so every is_* column says NO.
void InfoViews(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("table_catalog", Name()).Column("table_schema", Name()).Column("table_name", Name());
  b.Column("view_definition", Text()).Column("check_option", Text()).Column("is_updatable", Text());
  b.Column("is_insertable_into", Text()).Column("is_trigger_updatable", Text());
  b.Column("is_trigger_deletable", Text()).Column("is_trigger_insertable_into", Text());
  out->computed.push_back({3, "pg_get_viewdef"});
  for (const TableEntry* t : catalog.Tables()) {
    if (!t->is_view()) continue;
    b.Row({Value::Text(catalog.database_name()), Value::Text(SchemaName(catalog, t->schema_id)), Value::Text(t->name),
           OidValue(t->id), Value::Text("NONE"), Value::Text("NO"), Value::Text("NO"), Value::Text("NO"),
           Value::Text("NO"), Value::Text("NO")});
  }
}

std::string NotNullConstraintName(const TableEntry& t, size_t column) {
  return std::to_string(t.schema_id) + "_" + std::to_string(t.id) + "_" + std::to_string(column + 1) + "_not_null";
}

// CHECK clauses: the CHECK constraints, and each NOT NULL column as "a IS NOT NULL".
void InfoCheckConstraints(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("constraint_catalog", Name()).Column("constraint_schema", Name()).Column("constraint_name", Name());
  b.Column("check_clause", Text());
  for (const TableEntry* t : catalog.Tables()) {
    std::string schema = SchemaName(catalog, t->schema_id);
    for (const CheckEntry& c : t->checks) {
      b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(c.name), Value::Text("(" + StoredText(catalog, *out, c.expr_sql) + ")")});
    }
    for (size_t i = 0; i < t->columns.size() && !t->is_view(); i++) {
      if (!t->columns[i].not_null) continue;
      b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(NotNullConstraintName(*t, i)),
             Value::Text(QuoteIdent(t->columns[i].name) + " IS NOT NULL")});
    }
  }
}

// PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK constraints.
void InfoTableConstraints(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("constraint_catalog", Name()).Column("constraint_schema", Name()).Column("constraint_name", Name());
  b.Column("table_catalog", Name()).Column("table_schema", Name()).Column("table_name", Name());
  b.Column("constraint_type", Text()).Column("is_deferrable", Text()).Column("initially_deferred", Text());
  b.Column("enforced", Text()).Column("nulls_distinct", Text());
  for (const TableEntry* t : catalog.Tables()) {
    std::string schema = SchemaName(catalog, t->schema_id);
    for (const IndexEntry& idx : t->indexes) {
      if (!idx.constraint) continue;
      b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(idx.name), Value::Text(catalog.database_name()), Value::Text(schema),
             Value::Text(t->name), Value::Text(idx.primary ? "PRIMARY KEY" : "UNIQUE"), Value::Text("NO"),
             Value::Text("NO"), Value::Text("YES"),
             idx.primary ? NullText() : Value::Text(idx.nulls_not_distinct ? "NO" : "YES")});
    }
    for (const ForeignKeyEntry& fk : t->foreign_keys) {
      b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(fk.name), Value::Text(catalog.database_name()), Value::Text(schema),
             Value::Text(t->name), Value::Text("FOREIGN KEY"), Value::Text(fk.deferrable ? "YES" : "NO"),
             Value::Text(fk.initially_deferred ? "YES" : "NO"), Value::Text("YES"), NullText()});
    }
    for (const CheckEntry& c : t->checks) {
      b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(c.name), Value::Text(catalog.database_name()), Value::Text(schema),
             Value::Text(t->name), Value::Text("CHECK"), Value::Text("NO"), Value::Text("NO"), Value::Text("YES"),
             NullText()});
    }
    // NOT NULL columns appear as CHECK constraints named <schema oid>_<table oid>_<column>_not_null.
    for (size_t i = 0; i < t->columns.size() && !t->is_view(); i++) {
      if (!t->columns[i].not_null) continue;
      b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(NotNullConstraintName(*t, i)), Value::Text(catalog.database_name()),
             Value::Text(schema), Value::Text(t->name), Value::Text("CHECK"), Value::Text("NO"), Value::Text("NO"),
             Value::Text("YES"), NullText()});
    }
  }
}

void InfoKeyColumnUsage(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("constraint_catalog", Name()).Column("constraint_schema", Name()).Column("constraint_name", Name());
  b.Column("table_catalog", Name()).Column("table_schema", Name()).Column("table_name", Name());
  b.Column("column_name", Name()).Column("ordinal_position", Int4()).Column("position_in_unique_constraint", Int4());
  for (const TableEntry* t : catalog.Tables()) {
    std::string schema = SchemaName(catalog, t->schema_id);
    for (const IndexEntry& idx : t->indexes) {
      if (!idx.constraint) continue;
      for (size_t i = 0; i < idx.columns.size(); i++) {
        b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(idx.name), Value::Text(catalog.database_name()), Value::Text(schema),
               Value::Text(t->name), Value::Text(t->columns[idx.columns[i]].name), Value::Int4(static_cast<int64_t>(i + 1)),
               Value::Null(Int4())});
      }
    }
    // A foreign key column's position_in_unique_constraint: where its referenced column stands in
    // the referenced key.
    for (const ForeignKeyEntry& fk : t->foreign_keys) {
      const TableEntry* ref = catalog.GetTable(fk.ref_table);
      const IndexEntry* key = ref ? ref->FindIndexById(fk.ref_index) : nullptr;
      for (size_t i = 0; i < fk.columns.size(); i++) {
        Value pos = Value::Null(Int4());
        for (size_t k = 0; key && k < key->columns.size(); k++) {
          if (key->columns[k] == fk.ref_columns[i]) pos = Value::Int4(static_cast<int64_t>(k + 1));
        }
        b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(fk.name), Value::Text(catalog.database_name()), Value::Text(schema),
               Value::Text(t->name), Value::Text(t->columns[fk.columns[i]].name), Value::Int4(static_cast<int64_t>(i + 1)),
               pos});
      }
    }
  }
}

void InfoReferentialConstraints(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("constraint_catalog", Name()).Column("constraint_schema", Name()).Column("constraint_name", Name());
  b.Column("unique_constraint_catalog", Name()).Column("unique_constraint_schema", Name());
  b.Column("unique_constraint_name", Name()).Column("match_option", Text()).Column("update_rule", Text());
  b.Column("delete_rule", Text());
  for (const TableEntry* t : catalog.Tables()) {
    std::string schema = SchemaName(catalog, t->schema_id);
    for (const ForeignKeyEntry& fk : t->foreign_keys) {
      const TableEntry* ref = catalog.GetTable(fk.ref_table);
      const IndexEntry* key = ref ? ref->FindIndexById(fk.ref_index) : nullptr;
      b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(fk.name), Value::Text(catalog.database_name()),
             ref ? Value::Text(SchemaName(catalog, ref->schema_id)) : NullText(), key ? Value::Text(key->name) : NullText(),
             Value::Text(fk.match == ForeignKeyEntry::kMatchFull ? "FULL" : "NONE"), Value::Text(ForeignKeyActionText(fk.on_update)),
             Value::Text(ForeignKeyActionText(fk.on_delete))});
    }
  }
}

// The columns each constraint uses, one row per column: its own for PRIMARY KEY, UNIQUE and CHECK,
// the referenced ones for FOREIGN KEY (NOT NULL constraints are not listed, as in PostgreSQL 15).
void InfoConstraintColumnUsage(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("table_catalog", Name()).Column("table_schema", Name()).Column("table_name", Name());
  b.Column("column_name", Name()).Column("constraint_catalog", Name()).Column("constraint_schema", Name());
  b.Column("constraint_name", Name());
  auto row = [&](const TableEntry& t, uint32_t col, const std::string& schema, const std::string& name) {
    b.Row({Value::Text(catalog.database_name()), Value::Text(SchemaName(catalog, t.schema_id)), Value::Text(t.name),
           Value::Text(t.columns[col].name), Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(name)});
  };
  for (const TableEntry* t : catalog.Tables()) {
    std::string schema = SchemaName(catalog, t->schema_id);
    for (const IndexEntry& idx : t->indexes) {
      if (!idx.constraint) continue;
      for (uint32_t c : idx.columns) row(*t, c, schema, idx.name);
    }
    for (const CheckEntry& c : t->checks) {
      for (uint32_t col : c.columns) row(*t, col, schema, c.name);
    }
    for (const ForeignKeyEntry& fk : t->foreign_keys) {
      const TableEntry* ref = catalog.GetTable(fk.ref_table);
      if (!ref) continue;
      for (uint32_t c : fk.ref_columns) row(*ref, c, schema, fk.name);
    }
  }
}

// The column as information_schema.columns describes it (PostgreSQL 15's 44 columns).
void InfoColumns(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  for (const char* name : {"table_catalog", "table_schema", "table_name", "column_name"}) b.Column(name, Name());
  b.Column("ordinal_position", Int4()).Column("column_default", Text()).Column("is_nullable", Text());
  b.Column("data_type", Text()).Column("character_maximum_length", Int4()).Column("character_octet_length", Int4());
  b.Column("numeric_precision", Int4()).Column("numeric_precision_radix", Int4()).Column("numeric_scale", Int4());
  b.Column("datetime_precision", Int4()).Column("interval_type", Text()).Column("interval_precision", Int4());
  for (const char* name : {"character_set_catalog", "character_set_schema", "character_set_name", "collation_catalog",
                           "collation_schema", "collation_name", "domain_catalog", "domain_schema", "domain_name",
                           "udt_catalog", "udt_schema", "udt_name", "scope_catalog", "scope_schema", "scope_name"}) {
    b.Column(name, Name());
  }
  b.Column("maximum_cardinality", Int4());
  b.Column("dtd_identifier", Name());
  for (const char* name : {"is_self_referencing", "is_identity", "identity_generation", "identity_start",
                           "identity_increment", "identity_maximum", "identity_minimum", "identity_cycle",
                           "is_generated", "generation_expression", "is_updatable"}) {
    b.Column(name, Text());
  }
  const Value null_int = Value::Null(Int4());
  for (const TableEntry* t : catalog.Tables()) {
    for (size_t i = 0; i < t->columns.size(); i++) {
      const ColumnEntry& c = t->columns[i];
      const LogicalType& type = c.type;
      TypeDescription d = DescribeType(type);
      const SequenceEntry* identity = c.identity ? catalog.GetSequence(c.identity_sequence) : nullptr;
      auto identity_text = [&](int64_t v) { return identity ? Value::Text(std::to_string(v)) : NullText(); };
      std::string schema = SchemaName(catalog, t->schema_id);
      const TypeEntry* user_type = catalog.FindTypeByOid(UserTypeOid(type));  // CREATE TYPE's
      std::string udt_schema = user_type ? SchemaName(catalog, user_type->schema_id) : "pg_catalog";
      b.Row({Value::Text(catalog.database_name()), Value::Text(schema), Value::Text(t->name), Value::Text(c.name),
             Value::Int4(static_cast<int64_t>(i + 1)),
             c.default_sql.empty() || c.generated ? NullText() : Value::Text(StoredText(catalog, *out, c.default_sql)),
             Value::Text(c.not_null ? "NO" : "YES"), Value::Text(StandardTypeName(type)), d.max_length, d.octet_length,
             d.precision, d.radix, d.scale, d.datetime_precision, d.interval_type, null_int, NullText(), NullText(), NullText(), NullText(),
             NullText(), NullText(), NullText(), NullText(), NullText(), Value::Text(catalog.database_name()), Value::Text(udt_schema),
             Value::Text(TypeName(type)), NullText(), NullText(), NullText(), null_int,
             Value::Text(std::to_string(i + 1)), Value::Text("NO"), Value::Text(c.identity ? "YES" : "NO"),
             c.identity ? Value::Text(c.identity == 'a' ? "ALWAYS" : "BY DEFAULT") : NullText(),
             identity_text(identity ? identity->start : 0), identity_text(identity ? identity->increment : 0),
             identity_text(identity ? identity->max_value : 0), identity_text(identity ? identity->min_value : 0),
             Value::Text(identity && identity->cycle ? "YES" : "NO"), Value::Text(c.generated ? "ALWAYS" : "NEVER"),
             c.generated ? Value::Text(StoredText(catalog, *out, c.default_sql)) : NullText(),
             Value::Text(t->is_view() ? "NO" : "YES")});
    }
  }
}

}  // namespace

const std::map<std::string, Generator>& InformationSchemaTables() {
  static const auto* tables = new std::map<std::string, Generator>{
      {"schemata", InfoSchemata},
      {"tables", InfoTables},
      {"columns", InfoColumns},
      {"table_constraints", InfoTableConstraints},
      {"check_constraints", InfoCheckConstraints},
      {"key_column_usage", InfoKeyColumnUsage},
      {"referential_constraints", InfoReferentialConstraints},
      {"constraint_column_usage", InfoConstraintColumnUsage},
      {"sequences", InfoSequences},
      {"views", InfoViews},
      {"routines", InfoRoutines},
      {"parameters", InfoParameters},
      {"element_types", InfoElementTypes},
      {"triggers", InfoTriggers},
  };
  return *tables;
}

}  // namespace kanto::system_tables
