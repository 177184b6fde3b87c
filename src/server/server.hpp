// The PostgreSQL wire-protocol server: accepts connections on a TCP address and runs one session
// coroutine per connection over the embedded engine (src/main).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "kanto/kanto.hpp"

namespace kanto::server {

struct ServerOptions {
  std::string data_dir = "kanto-data";
  std::string host = "127.0.0.1";
  uint16_t port = 5432;
  int max_connections = 100;
  int threads = 0;  // 0: one per core
  // Authentication of loopback clients: "trust" (also when empty, the default) or "scram-sha-256".
  // Other addresses always need a password (SCRAM-SHA-256). Not with hba_file.
  std::string loopback_auth;
  // The client access file in pg_hba.conf's format (server/hba.hpp), reloaded on SIGHUP; when set
  // it alone decides who may connect and how they authenticate.
  std::string hba_file;
  // TLS: PEM certificate (chain) and private key. Both empty: TLS off (SSLRequest answered 'N').
  std::string tls_cert;
  std::string tls_key;
  // A client that has not finished startup and authentication within this is disconnected
  // (PostgreSQL's authentication_timeout).
  std::chrono::milliseconds authentication_timeout{60000};
  // PREPARE TRANSACTION: how many prepared transactions may exist (0 disables them, as in PostgreSQL).
  int max_prepared_transactions = 0;
  // synchronous_commit's default for every session (Options::sync_commit): false is "off".
  bool sync_commit = true;
};

class Session;
class BlockingPool;

// Sessions that can be cancelled by a CancelRequest (pid + secret). The pid is the engine's
// (Connection::backend_pid, as pg_backend_pid() and pg_stat_activity show it).
class SessionRegistry {
 public:
  // Returns the secret of BackendKeyData.
  int32_t Register(Session* s, int32_t pid);
  void Unregister(int32_t pid);
  void Cancel(int32_t pid, int32_t secret);
  void CancelAll();
  int active() const { return active_.load(); }

 private:
  std::mutex mu_;
  std::map<int32_t, std::pair<Session*, int32_t>> sessions_;
  std::atomic<int> active_{0};
};

// One line on the server log (stderr): level=LEVEL msg="...".
void Log(const char* level, const std::string& msg);

// Runs until SIGINT/SIGTERM. Returns the process exit code.
int RunServer(const ServerOptions& options);

}  // namespace kanto::server
