#include "common/stack_depth.hpp"

#include <pthread.h>

#include <string>

#include "kanto/error.hpp"

namespace kanto {

namespace {

struct ThreadStack {
  uintptr_t low = 0;   // lowest usable address of this thread's stack
  uintptr_t high = 0;  // its top
  bool known = false;
};

thread_local ThreadStack thread_stack;
thread_local uintptr_t scope_base = 0;  // 0: no statement running
thread_local size_t scope_budget = 0;

const ThreadStack& CurrentThreadStack() {
  if (!thread_stack.known) {
    thread_stack.known = true;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void* addr = nullptr;
      size_t size = 0;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0) {
        thread_stack.low = reinterpret_cast<uintptr_t>(addr);
        thread_stack.high = thread_stack.low + size;
      }
      pthread_attr_destroy(&attr);
    }
  }
  return thread_stack;
}

uintptr_t HardLimit() {
  const ThreadStack& s = CurrentThreadStack();
  if (s.high == 0) return 0;  // unknown: only the budget applies
  return s.low + kStackSafetyMargin;
}

void ComputeLimit() {
  uintptr_t hard = HardLimit();
  uintptr_t soft = scope_base > scope_budget ? scope_base - scope_budget : 0;
  stack_internal::limit = scope_base != 0 && soft > hard ? soft : hard;
}

}  // namespace

namespace stack_internal {

thread_local uintptr_t limit = UINTPTR_MAX;

}  // namespace stack_internal

void ThrowStackDepthExceeded() {
  size_t budget_kb = (scope_budget != 0 ? scope_budget : kDefaultMaxStackDepth) / 1024;
  throw Error(sqlstate::kStatementTooComplex, "stack depth limit exceeded")
      .WithHint("Increase the configuration parameter \"max_stack_depth\" (currently " + std::to_string(budget_kb) +
                "kB), after ensuring the platform's stack depth limit is adequate.");
}

namespace stack_internal {

void CheckSlow(uintptr_t sp) {
  if (limit == UINTPTR_MAX) {  // first check on this thread outside any statement
    ComputeLimit();
    if (sp >= limit) return;
  }
  ThrowStackDepthExceeded();
}

}  // namespace stack_internal

StackDepthScope::StackDepthScope(size_t max_depth_bytes) : outermost_(scope_base == 0) {
  if (!outermost_) return;
  char here;
  scope_base = reinterpret_cast<uintptr_t>(&here);
  scope_budget = max_depth_bytes;
  ComputeLimit();
}

StackDepthScope::~StackDepthScope() {
  if (!outermost_) return;
  scope_base = 0;
  scope_budget = 0;
  ComputeLimit();
}

void StackDepthScope::SetBudget(size_t max_depth_bytes) {
  if (scope_base == 0) return;
  scope_budget = max_depth_bytes;
  ComputeLimit();
}

size_t RemainingStack() {
  char here;
  auto sp = reinterpret_cast<uintptr_t>(&here);
  uintptr_t hard = HardLimit();
  if (hard == 0) return kDefaultMaxStackDepth;
  return sp > hard ? sp - hard : 0;
}

size_t UsableStackSize() {
  const ThreadStack& s = CurrentThreadStack();
  if (s.high == 0) return kDefaultMaxStackDepth;
  size_t size = s.high - s.low;
  return size > kStackSafetyMargin ? size - kStackSafetyMargin : 0;
}

size_t CurrentStackBudget() { return scope_base != 0 ? scope_budget : 0; }

}  // namespace kanto
