#include "server/server.hpp"

#include <asio.hpp>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <random>
#include <thread>
#include <vector>

#include "server/blocking_pool.hpp"
#include "server/io_threads.hpp"
#include "server/session.hpp"

namespace kanto::server {

int32_t SessionRegistry::Register(Session* s, int32_t pid) {
  static thread_local std::mt19937 rng(std::random_device{}());
  std::lock_guard<std::mutex> lock(mu_);
  auto secret = static_cast<int32_t>(rng());
  sessions_[pid] = {s, secret};
  active_++;
  return secret;
}

void SessionRegistry::Unregister(int32_t pid) {
  std::lock_guard<std::mutex> lock(mu_);
  if (sessions_.erase(pid)) active_--;
}

void SessionRegistry::Cancel(int32_t pid, int32_t secret) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(pid);
  if (it != sessions_.end() && it->second.second == secret) it->second.first->Cancel();
}

void SessionRegistry::CancelAll() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [pid, entry] : sessions_) entry.first->Cancel();
}

void Log(const char* level, const std::string& msg) {
  std::fprintf(stderr, "level=%s msg=\"%s\"\n", level, msg.c_str());
  std::fflush(stderr);
}

namespace {
asio::awaitable<void> Accept(asio::ip::tcp::acceptor& acceptor, std::shared_ptr<Database> db, SessionRegistry& registry,
                             const ServerOptions& options, BlockingPool& pool, IoThreads& io_threads,
                             asio::ssl::context* tls, const HbaFile* hba) {
  while (true) {
    std::error_code ec;
    asio::ip::tcp::socket accepted = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      continue;
    }
    accepted.set_option(asio::ip::tcp::no_delay(true), ec);
    auto protocol = accepted.local_endpoint(ec).protocol();
    if (ec) continue;
    int fd = accepted.release(ec);
    if (ec) continue;
    // The session lives on one io thread: its socket, timers and coroutines are that thread's.
    IoThread& io = io_threads.Assign();
    asio::ip::tcp::socket socket(io.context());
    socket.assign(protocol, fd, ec);
    if (ec) {
      ::close(fd);
      io.Leave();
      continue;
    }
    auto session = std::make_shared<Session>(std::move(socket), db, registry, options, pool, io, tls, hba);
    asio::co_spawn(io.context(), [session]() -> asio::awaitable<void> { co_await session->Run(); }, asio::detached);
  }
}
}  // namespace

int RunServer(const ServerOptions& options) {
  Error error(sqlstate::kSuccess, "");
  Options db_options;
  db_options.max_prepared_transactions = options.max_prepared_transactions;
  db_options.sync_commit = options.sync_commit;
  auto db = Database::Open(options.data_dir, db_options, &error);
  if (!db) {
    Log("fatal", "cannot open data directory " + options.data_dir + ": " + error.message());
    return 1;
  }
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  // The acceptor (and the signals) have a thread of their own: accepting never waits for a
  // statement that runs inline on an io thread (io_threads.hpp).
  asio::io_context accept_io(1);
  asio::ip::tcp::acceptor acceptor(accept_io);
  try {
    asio::ip::tcp::endpoint endpoint(asio::ip::make_address(options.host), options.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen();
  } catch (const std::exception& e) {
    Log("fatal", "cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " + e.what());
    return 1;
  }
  std::unique_ptr<asio::ssl::context> tls;
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    try {
      tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
      tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
      tls->use_certificate_chain_file(options.tls_cert);
      tls->use_private_key_file(options.tls_key, asio::ssl::context::pem);
    } catch (const std::exception& e) {
      Log("fatal", "cannot load TLS certificate " + options.tls_cert + " / key " + options.tls_key + ": " + e.what());
      return 1;
    }
  }
  std::unique_ptr<HbaFile> hba;
  if (!options.hba_file.empty()) {
    hba = std::make_unique<HbaFile>(options.hba_file);
    std::string hba_error;
    if (!hba->Load(&hba_error)) {  // as PostgreSQL, which does not start with a bad pg_hba.conf
      Log("fatal", hba_error);
      return 1;
    }
  }
  SessionRegistry registry;
  BlockingPool statements;
  // Declared after what the sessions use: destroying an io_context destroys its sessions.
  IoThreads io_threads(threads);
  asio::signal_set signals(accept_io, SIGINT, SIGTERM);
  asio::signal_set hangup(accept_io, SIGHUP);
  signals.async_wait([&](const std::error_code&, int sig) {
    Log("info", "received signal " + std::to_string(sig) + ", shutting down");
    std::error_code ec;
    acceptor.close(ec);
    registry.CancelAll();  // running statements stop (57014); their transactions roll back below
    hangup.cancel();
    io_threads.Stop();
    accept_io.stop();
  });
  // SIGHUP reloads the access file; a file with an error leaves the rules in force (as PostgreSQL).
  std::function<void()> wait_hangup = [&] {
    hangup.async_wait([&](const std::error_code& ec, int) {
      if (ec) return;
      std::string hba_error;
      if (!hba) {
        Log("info", "received SIGHUP: no access file to reload");
      } else if (hba->Load(&hba_error)) {
        Log("info", "received SIGHUP, reloaded access file " + hba->path());
      } else {
        Log("error", hba_error + "; access file " + hba->path() + " not reloaded");
      }
      wait_hangup();
    });
  };
  wait_hangup();
  asio::co_spawn(accept_io, Accept(acceptor, db, registry, options, statements, io_threads, tls.get(), hba.get()),
                asio::detached);
  std::string auth = hba ? "access file " + options.hba_file
                         : "loopback auth " + (options.loopback_auth.empty() ? std::string("trust") : options.loopback_auth);
  Log("info", "listening on " + options.host + ":" + std::to_string(acceptor.local_endpoint().port()) + ", data " +
                  options.data_dir + (tls ? ", TLS on" : ", TLS off") + ", " + auth);
  {
    // io threads run statements too (IoThread::TryBeginInline): they get the pool's stack.
    std::vector<SizedThread> io;
    for (int i = 0; i < threads; i++) {
      io.emplace_back(kStatementStackSize, [&context = io_threads.at(i).context()] {
        auto work = asio::make_work_guard(context);  // runs until Stop, with or without sessions
        context.run();
      });
    }
    accept_io.run();
  }  // joined
  // Statements still running finish (cancelled) before the sessions, and their connections, go.
  statements.Shutdown();
  Log("info", "stopped");
  return 0;
}

}  // namespace kanto::server
