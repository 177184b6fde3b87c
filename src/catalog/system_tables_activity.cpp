#include "catalog/system_tables_activity.hpp"

#include "catalog/system_table_builder.hpp"
#include "catalog/system_tables_statistics.hpp"
#include "function/session_control.hpp"

namespace kanto {

using namespace system_tables;

namespace {

LogicalType Int8() { return LogicalType(TypeId::kInt8); }
LogicalType TimestampTz() { return LogicalType(TypeId::kTimestampTz); }
Value Time(int64_t micros) { return micros ? Value::TimestampTz(micros) : Value::Null(TimestampTz()); }
Value TextOrNull(const std::string& s) { return s.empty() ? NullText() : Value::Text(s); }
template <class T>
Value OidOrNull(const std::optional<T>& v) {
  return v ? OidValue(static_cast<int64_t>(*v)) : Value::Null(Oid());
}

void PgStatActivity(const Catalog& catalog, const SessionControl* session, SystemTable* out) {
  Builder b(out);
  b.Column("datid", Oid()).Column("datname", Name()).Column("pid", Int4()).Column("leader_pid", Int4());
  b.Column("usesysid", Oid()).Column("usename", Name()).Column("application_name", Text());
  b.Column("client_addr", Text()).Column("client_hostname", Text()).Column("client_port", Int4());
  b.Column("backend_start", TimestampTz()).Column("xact_start", TimestampTz()).Column("query_start", TimestampTz());
  b.Column("state_change", TimestampTz()).Column("wait_event_type", Text()).Column("wait_event", Text());
  b.Column("state", Text()).Column("backend_xid", Xid()).Column("backend_xmin", Xid()).Column("query_id", Int8());
  b.Column("query", Text()).Column("backend_type", Text());
  if (!session) return;
  for (const ActivityRow& a : session->Activity()) {
    const RoleEntry* role = catalog.FindRole(a.user);
    b.Row({OidValue(catalog.database_id()), Value::Text(catalog.database_name()), Value::Int4(a.pid), Value::Null(Int4()),
           role ? OidValue(role->id) : Value::Null(Oid()), Value::Text(a.user), Value::Text(a.application_name),
           TextOrNull(a.client_addr), NullText(), a.client_port >= 0 ? Value::Int4(a.client_port) : Value::Null(Int4()),
           Time(a.backend_start), Time(a.xact_start), Time(a.query_start), Time(a.state_change),
           TextOrNull(a.wait_event_type), TextOrNull(a.wait_event), Value::Text(a.state),
           a.backend_xid ? XidValue(a.backend_xid) : Value::Null(Xid()), Value::Null(Xid()),
           Value::Null(Int8()), Value::Text(a.query), Value::Text("client backend")});
  }
}

void PgLocks(const SessionControl* session, SystemTable* out) {
  Builder b(out);
  b.Column("locktype", Text()).Column("database", Oid()).Column("relation", Oid()).Column("page", Int4());
  b.Column("tuple", Int2()).Column("virtualxid", Text()).Column("transactionid", Xid()).Column("classid", Oid());
  b.Column("objid", Oid()).Column("objsubid", Int2()).Column("virtualtransaction", Text()).Column("pid", Int4());
  b.Column("mode", Text()).Column("granted", Bool()).Column("fastpath", Bool()).Column("waitstart", TimestampTz());
  if (!session) return;
  for (const LockRow& l : session->Locks()) {
    b.Row({Value::Text(l.locktype), OidOrNull(l.database), OidOrNull(l.relation), Value::Null(Int4()),
           Value::Null(Int2()), TextOrNull(l.virtualxid),
           l.transactionid ? XidValue(*l.transactionid) : Value::Null(Xid()),
           OidOrNull(l.classid), OidOrNull(l.objid), l.objsubid ? Value::Int2(*l.objsubid) : Value::Null(Int2()),
           Value::Text(l.virtualtransaction), l.pid ? Value::Int4(l.pid) : Value::Null(Int4()), Value::Text(l.mode), Value::Bool(l.granted),
           Value::Bool(false), Time(l.waitstart)});
  }
}

}  // namespace

bool BuildActivityTable(const Catalog& catalog, const SessionControl* session, const std::string& name, SystemTable* out) {
  if (name == "pg_stat_activity") {
    PgStatActivity(catalog, session, out);
    return true;
  }
  if (name == "pg_locks") {
    PgLocks(session, out);
    return true;
  }
  return BuildStatisticsTable(catalog, session, name, out);
}

}  // namespace kanto
