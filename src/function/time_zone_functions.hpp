// timezone(zone, ts), which x AT TIME ZONE zone calls: a timestamp with time zone as the wall-clock
// time in a zone, and a wall-clock time in a zone as a timestamp with time zone.
#pragma once

#include "function/function.hpp"

namespace kanto {

// timezone(text | interval, timestamp | timestamp with time zone); registered by
// RegisterDatetimeFunctions.
void AddTimeZoneFunctions(FunctionRegistry& r);

}  // namespace kanto
