// pg_settings, pg_prepared_xacts and pg_cursors: the tables that show the running session's state
// rather than the catalog's.
#include "catalog/system_table_builder.hpp"
#include "catalog/system_tables.hpp"
#include "function/function_context.hpp"

namespace kanto {

using namespace system_tables;

bool BuildSessionTable(const SessionSettings* session, const std::string& name, SystemTable* out) {
  Builder b(out);
  if (name == "pg_settings") {
    // PostgreSQL 15's columns. Kanto's settings are strings without bounds or choices, set by the
    // session rather than read from a file (min_val, max_val, enumvals, sourcefile, sourceline NULL).
    b.Column("name", Text()).Column("setting", Text()).Column("unit", Text()).Column("category", Text());
    b.Column("short_desc", Text()).Column("extra_desc", Text()).Column("context", Text()).Column("vartype", Text());
    b.Column("source", Text()).Column("min_val", Text()).Column("max_val", Text()).Column("enumvals", TextArray());
    b.Column("boot_val", Text()).Column("reset_val", Text()).Column("sourcefile", Text()).Column("sourceline", Int4());
    b.Column("pending_restart", Bool());
    if (!session) return true;
    for (const auto& [setting, value] : session->All()) {
      bool fixed = IsReadOnlySetting(setting);
      b.Row({Value::Text(setting), Value::Text(value), NullText(), Value::Text("Kanto"), Value::Text(""), NullText(),
             Value::Text(fixed ? "internal" : "user"), Value::Text("string"), Value::Text("session"), NullText(),
             NullText(), Value::Null(TextArray()), Value::Text(value), Value::Text(value), NullText(),
             Value::Null(Int4()), Value::Bool(false)});
    }
    return true;
  }
  if (name == "pg_prepared_xacts") {
    b.Column("transaction", Xid()).Column("gid", Text());
    b.Column("prepared", LogicalType(TypeId::kTimestampTz)).Column("owner", Name()).Column("database", Name());
    if (!session) return true;
    for (const auto& p : session->PreparedTransactions()) {
      b.Row({XidValue(p.xid), Value::Text(p.gid), Value::TimestampTz(p.prepared_micros),
             Value::Text(p.owner), Value::Text(p.database)});
    }
    return true;
  }
  if (name == "pg_cursors") {
    b.Column("name", Text()).Column("statement", Text()).Column("is_holdable", Bool()).Column("is_binary", Bool());
    b.Column("is_scrollable", Bool()).Column("creation_time", LogicalType(TypeId::kTimestampTz));
    if (!session) return true;
    for (const auto& c : session->Cursors()) {
      b.Row({Value::Text(c.name), Value::Text(c.statement), Value::Bool(c.hold), Value::Bool(false),
             Value::Bool(c.scroll), Value::TimestampTz(c.created_micros)});
    }
    return true;
  }
  return false;
}

}  // namespace kanto
