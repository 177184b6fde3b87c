// statement_timeout and lock_timeout: durations in milliseconds, set and shown with PostgreSQL's
// time units.
#pragma once

#include <cstdint>
#include <string>

namespace kanto {

// statement_timeout, lock_timeout, deadlock_timeout, idle_in_transaction_session_timeout,
// idle_session_timeout.
inline bool IsDurationSetting(const std::string& name) {
  return name == "statement_timeout" || name == "lock_timeout" || name == "deadlock_timeout" ||
         name == "idle_in_transaction_session_timeout" || name == "idle_session_timeout";
}

// "1s", "1500", "1.5s", "2min", "100us" (rounded to ms) -> milliseconds. Throws 22023 for anything
// else or outside 0 .. 2147483647.
int64_t ParseDurationSetting(const std::string& name, const std::string& value);
// Milliseconds -> the largest unit that divides it ("1s", "1500ms", "1min", "1d", "0").
std::string FormatDurationSetting(int64_t ms);

}  // namespace kanto
