// Recursion guard, as PostgreSQL's check_stack_depth: every recursive phase of a statement
// (transformer, binder, optimizer passes, plan lowering, expression evaluation and printing) calls
// CheckStackDepth() on entry. It throws 54001 "stack depth limit exceeded" once the stack has grown
// more than the statement's budget (the max_stack_depth setting) below the point where the
// statement began (a StackDepthScope), or when the thread's own stack is within a safety margin of
// its end, whichever comes first. The check is one comparison with a thread-local address.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kanto {

namespace stack_internal {
extern thread_local uintptr_t limit;  // lowest address the stack may reach; UINTPTR_MAX until set up
void CheckSlow(uintptr_t sp);
}  // namespace stack_internal

// The statement's budget while it is alive: depth is measured from the address of this object.
// Nested scopes (a statement run from inside another) keep the outermost base and budget.
class StackDepthScope {
 public:
  explicit StackDepthScope(size_t max_depth_bytes);
  ~StackDepthScope();
  // A new budget for the running statement and those after it in the same scope (SET
  // max_stack_depth); no effect outside a scope.
  static void SetBudget(size_t max_depth_bytes);
  StackDepthScope(const StackDepthScope&) = delete;
  StackDepthScope& operator=(const StackDepthScope&) = delete;

 private:
  bool outermost_;
};

// Error 54001 "stack depth limit exceeded", with the running statement's budget in its hint.
[[noreturn]] void ThrowStackDepthExceeded();

// Throws Error 54001 when the current thread is past its budget.
inline void CheckStackDepth() {
  char here;
  auto sp = reinterpret_cast<uintptr_t>(&here);
  if (sp < stack_internal::limit) [[unlikely]] stack_internal::CheckSlow(sp);
}

// Bytes the current thread's stack can still grow before CheckStackDepth's hard limit.
size_t RemainingStack();
// The largest budget the current thread can honour: its stack size minus the safety margin.
size_t UsableStackSize();
// The budget of the running statement in bytes (0 outside a statement).
size_t CurrentStackBudget();

// The reserve kept below the deepest allowed point, for the work done between two checks
// (libraries, formatting an error, unwinding). PostgreSQL keeps 512kB too.
inline constexpr size_t kStackSafetyMargin = 512 * 1024;
// The default budget, PostgreSQL's default max_stack_depth.
inline constexpr size_t kDefaultMaxStackDepth = 2 * 1024 * 1024;

}  // namespace kanto
