// timezone(zone, ts), which x AT TIME ZONE zone calls: a timestamp with time zone as the wall-clock
// time in a zone, and a wall-clock time in a zone as a timestamp with time zone.
#pragma once

#include "function/function.hpp"
#include "types/datetime.hpp"

namespace kanto {

// timezone(text | interval, timestamp | timestamp with time zone); registered by
// RegisterDatetimeFunctions.
void AddTimeZoneFunctions(FunctionRegistry& r);

// The session's TimeZone setting, UTC where the context has none (a constant folded at bind time).
const datetime::TimeZone& SessionZone(const FunctionContext& ctx);

}  // namespace kanto
