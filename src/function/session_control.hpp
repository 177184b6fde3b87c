// SessionControl: what session functions and the activity views need from the session running
// them -- pg_backend_pid, advisory locks, pg_cancel_backend / pg_terminate_backend, WARNINGs, and
// the rows of pg_stat_activity and pg_locks. Implemented by the connection (src/main/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kanto {

// An advisory lock's key: one bigint, or two int4 (different keys even when the bits agree).
struct AdvisoryKey {
  int64_t key = 0;
  int32_t key1 = 0, key2 = 0;
  bool pair = false;
};

// One row of pg_stat_activity. Times are wall-clock microseconds since the Unix epoch (0: NULL).
struct ActivityRow {
  int32_t pid = 0;
  std::string user, application_name, client_addr;  // client_addr empty: NULL
  int32_t client_port = -1;                          // -1: NULL
  int64_t backend_start = 0, xact_start = 0, query_start = 0, state_change = 0;
  std::string wait_event_type, wait_event;  // empty: NULL
  std::string state, query;
  uint64_t backend_xid = 0;  // 0: NULL
};

// One row of pg_locks.
struct LockRow {
  std::string locktype;  // relation, advisory, transactionid, virtualxid
  std::optional<uint32_t> database, relation, classid, objid;
  std::optional<int16_t> objsubid;
  std::optional<uint64_t> transactionid;
  std::string virtualxid;  // empty: NULL
  std::string virtualtransaction;
  int32_t pid = 0;
  std::string mode;
  bool granted = false;
  int64_t waitstart = 0;  // 0: NULL
};

class SessionControl {
 public:
  virtual ~SessionControl() = default;
  virtual int32_t BackendPid() const = 0;
  enum class AdvisoryOp { kLock, kTryLock, kUnlock };
  // kLock waits; kTryLock returns false when another session holds a conflicting lock; kUnlock
  // returns false (with a WARNING) when the session holds no such lock. `xact`: held to the end of
  // the transaction instead of the session.
  virtual bool Advisory(const AdvisoryKey& key, bool shared, bool xact, AdvisoryOp op) = 0;
  virtual void AdvisoryUnlockAll() = 0;
  // pg_cancel_backend / pg_terminate_backend: false (with a WARNING) when no session has that pid.
  virtual bool SignalBackend(int32_t pid, bool terminate) = 0;
  virtual void Warning(const std::string& message) = 0;
  // pg_sleep: waits, ending early (with the error) at a cancel, terminate or statement_timeout.
  virtual void Sleep(double seconds) = 0;
  virtual std::vector<ActivityRow> Activity() const = 0;
  virtual std::vector<LockRow> Locks() const = 0;

  // Storage and server facts (main/connection_server_info.cpp).
  // The current transaction's id (txid_current, pg_current_xact_id); with `assign` it counts as
  // assigned from then on, as a write makes it. Without `assign`: 0 while none is assigned.
  virtual uint64_t TransactionId(bool assign) = 0;
  // Bytes in storage of the session database's keys that start with [object id][sub id] (no
  // sub id: every key of the object), as the storage engine approximates them.
  virtual uint64_t StoredBytes(uint32_t object_id, std::optional<uint32_t> sub_id) = 0;
  // The table's rows as the optimizer estimates them from storage (pg_stat_*_tables.n_live_tup).
  virtual double EstimatedRows(uint32_t table_id) const = 0;
  // Bytes in storage of database `database_id`'s keys; nullopt when no database has the id.
  virtual std::optional<uint64_t> DatabaseBytes(uint32_t database_id) = 0;
  // When the data directory was opened (pg_postmaster_start_time), wall-clock microseconds.
  virtual int64_t ServerStartMicros() const = 0;
  // The connection's two ends (inet_server_addr, inet_client_addr, ...): empty address and port -1
  // when the session is not a network client.
  struct Endpoints {
    std::string server_addr, client_addr;
    int32_t server_port = -1, client_port = -1;
  };
  virtual Endpoints NetworkEndpoints() const = 0;
};

}  // namespace kanto
