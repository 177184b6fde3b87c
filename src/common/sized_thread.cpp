#include "common/sized_thread.hpp"

#include <pthread.h>

#include <system_error>

namespace kanto {

struct SizedThread::State {
  pthread_t thread{};
  bool joinable = false;
  std::function<void()> fn;
};

namespace {
void* Start(void* arg) {
  auto* fn = static_cast<std::function<void()>*>(arg);
  (*fn)();
  return nullptr;
}

// Creates a thread running `*fn`; returns the pthread error code.
int Create(size_t stack_bytes, std::function<void()>* fn, pthread_t* out) {
  pthread_attr_t attr;
  if (int rc = pthread_attr_init(&attr); rc != 0) return rc;
  int rc = pthread_attr_setstacksize(&attr, stack_bytes);
  if (rc == 0) rc = pthread_create(out, &attr, Start, fn);
  pthread_attr_destroy(&attr);
  return rc;
}
}  // namespace

SizedThread::SizedThread(size_t stack_bytes, std::function<void()> fn) : state_(std::make_unique<State>()) {
  state_->fn = std::move(fn);
  if (int rc = Create(stack_bytes, &state_->fn, &state_->thread); rc != 0) {
    throw std::system_error(rc, std::generic_category(), "pthread_create");
  }
  state_->joinable = true;
}

SizedThread::SizedThread(SizedThread&& other) noexcept = default;

SizedThread::~SizedThread() { Join(); }

void SizedThread::Join() {
  if (state_ && state_->joinable) {
    pthread_join(state_->thread, nullptr);
    state_->joinable = false;
  }
}

bool RunWithStack(size_t stack_bytes, const std::function<void()>& fn) {
  std::exception_ptr error;
  std::function<void()> body = [&] {
    try {
      fn();
    } catch (...) {
      error = std::current_exception();
    }
  };
  pthread_t thread;
  if (Create(stack_bytes, &body, &thread) != 0) return false;
  pthread_join(thread, nullptr);
  if (error) std::rethrow_exception(error);
  return true;
}

}  // namespace kanto
