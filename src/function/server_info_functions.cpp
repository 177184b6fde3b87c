// Transaction ids and server facts: txid_current, txid_current_if_assigned, pg_current_xact_id,
// pg_current_xact_id_if_assigned, pg_postmaster_start_time, inet_server_addr / inet_server_port,
// inet_client_addr / inet_client_port, read through the session's SessionControl.
//
// Kanto has no xid8 and no inet type: transaction ids are bigint (as txid_current's are in
// PostgreSQL) and addresses text (printed as PostgreSQL prints an inet host address). A
// transaction's id is the storage transaction's: unique and increasing while the server runs.
#include "function/function.hpp"
#include "function/kernel_util.hpp"
#include "function/session_control.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

SessionControl& Session(FunctionContext& ctx) {
  if (!ctx.session) throw Error(sqlstate::kFeatureNotSupported, "server information is not available here");
  return *ctx.session;
}

}  // namespace

void RegisterServerInfoFunctions(FunctionRegistry& r) {
  const LogicalType kInt8 = T(TypeId::kInt8), kInt4 = T(TypeId::kInt4), kText = T(TypeId::kText);
  constexpr bool kStrict = true, kVolatile = true;
  for (const char* name : {"txid_current", "pg_current_xact_id"}) {
    AddRowFunction(r, name, {}, kInt8, [](const std::vector<Value>&, FunctionContext& ctx) {
      uint64_t id = Session(ctx).TransactionId(/*assign=*/true);
      return id ? Value::Int8(static_cast<int64_t>(id)) : Value::Null(T(TypeId::kInt8));
    }, kStrict, kVolatile);
  }
  for (const char* name : {"txid_current_if_assigned", "pg_current_xact_id_if_assigned"}) {
    AddRowFunction(r, name, {}, kInt8, [](const std::vector<Value>&, FunctionContext& ctx) {
      uint64_t id = Session(ctx).TransactionId(/*assign=*/false);
      return id ? Value::Int8(static_cast<int64_t>(id)) : Value::Null(T(TypeId::kInt8));
    }, kStrict, kVolatile);
  }
  AddRowFunction(r, "pg_postmaster_start_time", {}, T(TypeId::kTimestampTz), [](const std::vector<Value>&, FunctionContext& ctx) {
    return Value::FromInt(T(TypeId::kTimestampTz), Session(ctx).ServerStartMicros());
  }, kStrict, kVolatile);
  // Not a network client: NULL, as PostgreSQL answers over a Unix socket.
  auto address = [](bool server) {
    return [server](const std::vector<Value>&, FunctionContext& ctx) {
      SessionControl::Endpoints e = Session(ctx).NetworkEndpoints();
      const std::string& addr = server ? e.server_addr : e.client_addr;
      return addr.empty() ? Value::Null(T(TypeId::kText)) : Value::Text(addr);
    };
  };
  auto port = [](bool server) {
    return [server](const std::vector<Value>&, FunctionContext& ctx) {
      SessionControl::Endpoints e = Session(ctx).NetworkEndpoints();
      int32_t p = server ? e.server_port : e.client_port;
      return p < 0 ? Value::Null(T(TypeId::kInt4)) : Value::Int4(p);
    };
  };
  AddRowFunction(r, "inet_server_addr", {}, kText, address(true), kStrict, kVolatile);
  AddRowFunction(r, "inet_client_addr", {}, kText, address(false), kStrict, kVolatile);
  AddRowFunction(r, "inet_server_port", {}, kInt4, port(true), kStrict, kVolatile);
  AddRowFunction(r, "inet_client_port", {}, kInt4, port(false), kStrict, kVolatile);
}

}  // namespace kanto
