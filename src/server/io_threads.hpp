// The server's io threads: one asio::io_context per thread, each running the coroutines of the
// sessions assigned to it. With one shared io_context the threads took each other's work through
// its scheduler and reactor mutexes (futex waits and wakes on every message, docs/performance.md);
// with one each, a session's handlers always run on its own thread and no lock is shared.
//
// A session's statement may run inline on its io thread (skipping the hand-off to the blocking
// pool) only while it is the thread's one session, and only while another io thread is not
// inline: whatever the statement waits for (a row lock, an fsync, a slow client), no other
// session is stuck behind it, and the acceptor (its own thread) always has an io thread that is
// not inline for a new connection, such as the CancelRequest that would end the wait.
#pragma once

#include <asio.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace kanto::server {

class IoThreads;

// One io thread: its io_context and the sessions assigned to it.
class IoThread {
 public:
  explicit IoThread(IoThreads& all) : all_(all), context_(1) {}
  asio::io_context& context() { return context_; }

  // True when the caller (this thread's only session) may run its statement here; it then calls
  // EndInline when done.
  bool TryBeginInline();
  void EndInline();
  // A session ends (its destructor): it no longer counts.
  void Leave() { state_.fetch_sub(kSession, std::memory_order_acq_rel); }
  int sessions() const { return static_cast<int>(state_.load(std::memory_order_acquire) / kSession); }

 private:
  friend class IoThreads;
  // Counts a new session here unless a statement runs inline now.
  bool TryAdmit();

  static constexpr uint64_t kInline = 1;   // a statement runs inline
  static constexpr uint64_t kSession = 2;  // sessions, above the inline bit
  IoThreads& all_;
  std::atomic<uint64_t> state_{0};  // before context_: the sessions it destroys call Leave
  asio::io_context context_;
};

class IoThreads {
 public:
  explicit IoThreads(int count);
  int size() const { return static_cast<int>(threads_.size()); }
  IoThread& at(int i) { return *threads_[static_cast<size_t>(i)]; }
  // Assigns a new connection: the io thread with the fewest sessions among those not running a
  // statement inline (the next in turn among equals). There always is one: at most size() - 1
  // run inline at once.
  IoThread& Assign();
  void Stop();

 private:
  friend class IoThread;
  std::vector<std::unique_ptr<IoThread>> threads_;
  int next_ = 0;  // Assign runs on the acceptor's thread only
  std::atomic<int> inline_{0};
};

}  // namespace kanto::server
