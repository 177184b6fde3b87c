// pg_stat_*_tables, pg_stat_*_indexes and pg_statio_*_{tables,indexes,sequences}, with
// PostgreSQL 15's columns and types. What Kanto knows is real: the relations, and each table's
// live row count (n_live_tup: the optimizer's estimate from storage, counted exactly up to 10,000
// rows). Kanto keeps no per-relation activity counters yet (scans, tuples inserted, updated and
// deleted, block reads, vacuum and analyze runs): those counters are 0 and their times NULL, as
// PostgreSQL shows them for a relation nothing has touched since its statistics were reset. As in
// PostgreSQL, the index columns of a table without indexes and the TOAST columns (Kanto has no
// TOAST tables) are NULL. "user" views leave out pg_catalog and information_schema, "sys" views keep
// only those (Kanto's catalogs are computed, not relations, so those views have no rows).
#include "catalog/system_tables_statistics.hpp"

#include "catalog/system_table_builder.hpp"
#include "function/session_control.hpp"

namespace kanto {

using namespace system_tables;

namespace {

LogicalType Int8() { return LogicalType(TypeId::kInt8); }
Value Zero() { return Value::Int8(0); }
Value NullInt8() { return Value::Null(Int8()); }

enum class Scope { kAll, kUser, kSys };

bool InScope(const Catalog& catalog, uint32_t schema_id, Scope scope) {
  std::string schema = SchemaName(catalog, schema_id);
  bool sys = schema == "pg_catalog" || schema == "information_schema" || schema.rfind("pg_toast", 0) == 0;
  return scope == Scope::kAll || (scope == Scope::kSys) == sys;
}

// The tables (not views) of the scope; `each` gets the table and whether it has indexes.
template <class F>
void ForEachTable(const Catalog& catalog, Scope scope, F each) {
  for (const TableEntry* t : catalog.Tables()) {
    if (!t->is_view() && InScope(catalog, t->schema_id, scope)) each(*t, !t->indexes.empty());
  }
}

void StatTables(const Catalog& catalog, const SessionControl* session, Scope scope, SystemTable* out) {
  Builder b(out);
  b.Column("relid", Oid()).Column("schemaname", Name()).Column("relname", Name());
  for (const char* c : {"seq_scan", "seq_tup_read", "idx_scan", "idx_tup_fetch", "n_tup_ins", "n_tup_upd", "n_tup_del",
                        "n_tup_hot_upd", "n_live_tup", "n_dead_tup", "n_mod_since_analyze", "n_ins_since_vacuum"}) {
    b.Column(c, Int8());
  }
  const LogicalType ts(TypeId::kTimestampTz);
  for (const char* c : {"last_vacuum", "last_autovacuum", "last_analyze", "last_autoanalyze"}) b.Column(c, ts);
  for (const char* c : {"vacuum_count", "autovacuum_count", "analyze_count", "autoanalyze_count"}) b.Column(c, Int8());
  ForEachTable(catalog, scope, [&](const TableEntry& t, bool indexed) {
    auto live = static_cast<int64_t>(session ? session->EstimatedRows(t.id) : 0);
    Value idx = indexed ? Zero() : NullInt8();
    std::vector<Value> row{OidValue(t.id), Value::Text(SchemaName(catalog, t.schema_id)), Value::Text(t.name),
                           Zero(), Zero(), idx, idx, Zero(), Zero(), Zero(), Zero(), Value::Int8(live), Zero(), Zero(), Zero()};
    for (int i = 0; i < 4; i++) row.push_back(Value::Null(ts));
    for (int i = 0; i < 4; i++) row.push_back(Zero());
    b.Row(std::move(row));
  });
}

void StatIndexes(const Catalog& catalog, Scope scope, bool io, SystemTable* out) {
  Builder b(out);
  b.Column("relid", Oid()).Column("indexrelid", Oid()).Column("schemaname", Name()).Column("relname", Name());
  b.Column("indexrelname", Name());
  std::vector<const char*> counters = io ? std::vector<const char*>{"idx_blks_read", "idx_blks_hit"}
                                         : std::vector<const char*>{"idx_scan", "idx_tup_read", "idx_tup_fetch"};
  for (const char* c : counters) b.Column(c, Int8());
  ForEachTable(catalog, scope, [&](const TableEntry& t, bool) {
    for (const IndexEntry& idx : t.indexes) {
      std::vector<Value> row{OidValue(t.id), OidValue(idx.id), Value::Text(SchemaName(catalog, t.schema_id)),
                             Value::Text(t.name), Value::Text(idx.name)};
      row.resize(5 + counters.size(), Zero());
      b.Row(std::move(row));
    }
  });
}

void StatioTables(const Catalog& catalog, Scope scope, SystemTable* out) {
  Builder b(out);
  b.Column("relid", Oid()).Column("schemaname", Name()).Column("relname", Name());
  for (const char* c : {"heap_blks_read", "heap_blks_hit", "idx_blks_read", "idx_blks_hit", "toast_blks_read",
                        "toast_blks_hit", "tidx_blks_read", "tidx_blks_hit"}) {
    b.Column(c, Int8());
  }
  ForEachTable(catalog, scope, [&](const TableEntry& t, bool indexed) {
    Value idx = indexed ? Zero() : NullInt8();
    b.Row({OidValue(t.id), Value::Text(SchemaName(catalog, t.schema_id)), Value::Text(t.name), Zero(), Zero(), idx, idx,
           NullInt8(), NullInt8(), NullInt8(), NullInt8()});
  });
}

void StatioSequences(const Catalog& catalog, Scope scope, SystemTable* out) {
  Builder b(out);
  b.Column("relid", Oid()).Column("schemaname", Name()).Column("relname", Name());
  b.Column("blks_read", Int8()).Column("blks_hit", Int8());
  for (const SequenceEntry* s : catalog.Sequences()) {
    if (!InScope(catalog, s->schema_id, scope)) continue;
    b.Row({OidValue(s->id), Value::Text(SchemaName(catalog, s->schema_id)), Value::Text(s->name), Zero(), Zero()});
  }
}

}  // namespace

bool BuildStatisticsTable(const Catalog& catalog, const SessionControl* session, const std::string& name, SystemTable* out) {
  for (auto [scope_name, scope] : {std::pair{"all", Scope::kAll}, std::pair{"user", Scope::kUser}, std::pair{"sys", Scope::kSys}}) {
    std::string s(scope_name);
    if (name == "pg_stat_" + s + "_tables") {
      StatTables(catalog, session, scope, out);
    } else if (name == "pg_stat_" + s + "_indexes") {
      StatIndexes(catalog, scope, false, out);
    } else if (name == "pg_statio_" + s + "_tables") {
      StatioTables(catalog, scope, out);
    } else if (name == "pg_statio_" + s + "_indexes") {
      StatIndexes(catalog, scope, true, out);
    } else if (name == "pg_statio_" + s + "_sequences") {
      StatioSequences(catalog, scope, out);
    } else {
      continue;
    }
    return true;
  }
  return false;
}

}  // namespace kanto
