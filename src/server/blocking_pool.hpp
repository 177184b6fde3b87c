// Threads for the blocking part of a session's work (running SQL, which may wait on row locks or
// fsync). Session coroutines stay on the io threads and hand each statement to this pool, so a
// statement waiting for a lock never holds up the io thread that must deliver the COMMIT that
// releases it. The pool grows to the number of statements running at once (bounded by the
// connection limit) and keeps its threads for reuse; idle connections cost no thread. Each thread
// has a stack of kStatementStackSize (address space; only the pages a statement touches become
// memory), so max_stack_depth may be raised well past the platform's 8MB default.
#pragma once

#include <asio.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "common/sized_thread.hpp"

namespace kanto::server {

inline constexpr size_t kStatementStackSize = 64 * 1024 * 1024;

class BlockingPool {
 public:
  BlockingPool() = default;
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;
  ~BlockingPool() { Shutdown(); }

  void Submit(std::function<void()> job) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(job));
    // Every queued job needs an idle thread of its own: a thread that was notified but has not
    // woken yet still counts in idle_, so comparing with 0 would leave a second job queued
    // behind a running one (a lock wait whose holder's COMMIT is that job then times out).
    if (jobs_.size() > static_cast<size_t>(idle_)) {
      threads_.emplace_back(kStatementStackSize, [this] { Work(); });
    } else {
      cv_.notify_one();
    }
  }

  // Shutdown has begun: jobs that would go on (a session's turn on the pool) end.
  bool stopping() const { return stopping_.load(std::memory_order_relaxed); }

  // Finishes the queued and running jobs, then stops the threads.
  void Shutdown() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.Join();
    threads_.clear();
  }

 private:
  void Work() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      idle_++;
      cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
      idle_--;
      if (jobs_.empty()) return;  // stopping
      auto job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::vector<SizedThread> threads_;
  int idle_ = 0;
  bool stop_ = false;
  std::atomic<bool> stopping_{false};
};

// Runs `fn` on `pool` and resumes the calling coroutine on its own executor afterwards; exceptions
// thrown by `fn` are rethrown in the coroutine.
template <typename F>
asio::awaitable<void> RunBlocking(BlockingPool& pool, F&& fn) {
  auto executor = co_await asio::this_coro::executor;
  std::exception_ptr error;
  co_await asio::async_initiate<decltype(asio::use_awaitable), void()>(
      [&](auto handler) {
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        auto work = asio::make_work_guard(executor);
        pool.Submit([&fn, &error, shared, work]() mutable {
          try {
            fn();
          } catch (...) {
            error = std::current_exception();
          }
          asio::post(work.get_executor(), [shared]() mutable { (*shared)(); });
          work.reset();
        });
      },
      asio::use_awaitable);
  if (error) std::rethrow_exception(error);
}

}  // namespace kanto::server
