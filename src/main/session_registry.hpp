// SessionRegistry: every open session of a database, with what pg_stat_activity shows of it, the
// flags pg_cancel_backend / pg_terminate_backend set, and the row lock it waits for in storage (for
// the deadlock detector). Each session updates its own SessionState; others read it under its mutex.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "main/lock_manager.hpp"

namespace kanto {

class SessionState {
 public:
  int32_t pid = 0;
  int64_t backend_start_micros = 0;
  std::atomic<bool>* cancel = nullptr;  // the connection's cancel flag (set by CancelRequest too)
  std::atomic<bool> terminate{false};   // pg_terminate_backend: the session ends with 57P01
  HeldLocks held;                       // lock_manager.cpp; the session's own thread only

  mutable std::mutex mu;  // guards everything below
  std::string user;
  std::string application_name;
  std::string client_addr;  // empty: not a network client
  int32_t client_port = -1;
  std::string server_addr;  // the connection's local end (empty: not a network client)
  int32_t server_port = -1;
  int64_t xact_start_micros = 0;
  int64_t query_start_micros = 0;
  int64_t state_change_micros = 0;
  std::string state = "idle";  // active, idle, idle in transaction, idle in transaction (aborted)
  std::string query;
  std::string wait_event_type, wait_event;  // "Lock" / "relation", "advisory", "transactionid"
  uint64_t txn_id = 0;                      // the storage transaction's id, 0 when none
  bool xid_assigned = false;                // the transaction has written (pg_stat_activity.backend_xid)
  uint64_t local_xid = 0;                   // transactions begun so far (the virtual transaction id)
  int64_t row_wait_start_micros = 0;
  bool row_waiting = false;                 // waiting for a row lock in storage
  std::string row_wait_key;
  bool row_wait_exclusive = false;
  // Set by the server: ends an idle connection after pg_terminate_backend. Called with `mu` not held.
  std::function<void()> on_terminate;
};

class SessionRegistry {
 public:
  // Gives the session its pid (BackendKeyData, pg_backend_pid()).
  void Add(SessionState* s);
  void Remove(SessionState* s);
  // pg_cancel_backend / pg_terminate_backend: false when no session has that pid.
  bool Signal(int32_t pid, bool terminate);
  // Runs `f` on every session with the registry locked (sessions stay alive meanwhile).
  void ForEach(const std::function<void(const SessionState&)>& f) const;

 private:
  mutable std::mutex mu_;
  std::map<int32_t, SessionState*> sessions_;
};

}  // namespace kanto
