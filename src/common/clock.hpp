// The two clocks Kanto reads, in microseconds: wall-clock time since the Unix epoch (timestamps
// users see: now(), pg_stat_activity, pg_prepared_xacts) and the steady clock (deadlines and
// durations: statement_timeout, lock waits, idle timeouts), which never jumps with the system time.
#pragma once

#include <chrono>
#include <cstdint>

namespace kanto {

inline int64_t WallMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline int64_t SteadyMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace kanto
