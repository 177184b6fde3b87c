// timezone(zone, ts), which x AT TIME ZONE zone calls: a timestamp with time zone as the wall-clock
// time in a zone, and a wall-clock time in a zone as a timestamp with time zone.
#pragma once

#include <string>

#include "function/function.hpp"
#include "types/datetime.hpp"

namespace kanto {

// timezone(text | interval, timestamp | timestamp with time zone); registered by
// RegisterDatetimeFunctions.
void AddTimeZoneFunctions(FunctionRegistry& r);

// The session's TimeZone setting, UTC where the context has none (a constant folded at bind time).
const datetime::TimeZone& SessionZone(const FunctionContext& ctx);

// The zone `name` as AT TIME ZONE looks it up (abbreviation, tz database zone, POSIX offset);
// `fixed` holds a fixed-offset zone when one is made. 22023 when nothing matches.
const datetime::TimeZone* FindTimeZone(const std::string& name, datetime::TimeZone* fixed);

// The instant of wall-clock time `local` (micros since 1970) in zone `name`. With `iso_offsets`
// a numeric zone ('+05', '-03:30') is an ISO 8601 offset east of UTC, as make_timestamptz reads
// it; otherwise as AT TIME ZONE reads it. 22008 outside the timestamp range.
int64_t WallClockInZone(int64_t local, const std::string& name, bool iso_offsets);

}  // namespace kanto
