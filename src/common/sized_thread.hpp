// A thread with an explicit stack size (std::thread takes the platform default, often 8MB).
// Statement threads get a stack large enough for the max_stack_depth they may be given; the parser
// runs a very large statement on a thread sized for it.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>

namespace kanto {

class SizedThread {
 public:
  // Starts `fn` on a new thread with `stack_bytes` of stack. Throws std::system_error when the
  // thread cannot be created (for example when that much address space is not available).
  SizedThread(size_t stack_bytes, std::function<void()> fn);
  SizedThread(SizedThread&& other) noexcept;
  SizedThread& operator=(SizedThread&&) = delete;
  SizedThread(const SizedThread&) = delete;
  ~SizedThread();  // joins

  void Join();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Runs `fn` on a thread with `stack_bytes` of stack and waits for it; an exception thrown by `fn`
// is rethrown here. Returns false (without running fn) when such a thread cannot be created.
bool RunWithStack(size_t stack_bytes, const std::function<void()>& fn);

}  // namespace kanto
