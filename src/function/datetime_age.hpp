// age(a, b) and age(x): the difference of two timestamps in years, months and days, by
// PostgreSQL's timestamp_age rules (field by field on the calendar, borrowing from the month of
// the earlier argument). Registered by RegisterDatetimeFunctions.
#pragma once

#include <cstdint>

#include "function/function.hpp"
#include "types/interval.hpp"

namespace kanto {

// a - b on wall-clock micros since 1970 (timestamp, or timestamptz shifted to the session zone);
// 22008 for INT64_MIN ("-infinity") or months past int32.
Interval TimestampAge(__int128 a, __int128 b);

// age(timestamp, timestamp), age(timestamptz, timestamptz), age(timestamp), age(timestamptz).
void AddAgeFunctions(FunctionRegistry& r);

}  // namespace kanto
