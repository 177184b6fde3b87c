// Interval: PostgreSQL's interval value (months, days and microseconds kept apart).
#pragma once

#include <cstdint>

namespace kanto {

struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;

  // PostgreSQL compares intervals after folding months into 30 days and days into 24 hours.
  __int128 Span() const {
    return (static_cast<__int128>(months) * 30 + days) * 86400000000LL + micros;
  }
  bool operator==(const Interval& o) const { return Span() == o.Span(); }
  bool operator<(const Interval& o) const { return Span() < o.Span(); }
};

}  // namespace kanto
