// The rest of PostgreSQL 15's date/time functions (docs 9.9): constructors (make_interval,
// make_timestamp, make_timestamptz), justify_interval, isfinite, timeofday, date_bin, the zone
// and interval forms of date_trunc, and OVERLAPS. Registered by RegisterDatetimeFunctions.
#pragma once

#include <string>
#include <string_view>

#include "function/function.hpp"

namespace kanto {

void AddDateTimeConstructors(FunctionRegistry& r);  // datetime_construct.cpp
void AddDateTimeBinning(FunctionRegistry& r);       // datetime_bin.cpp: date_bin, date_trunc
void AddOverlaps(FunctionRegistry& r);              // datetime_overlaps.cpp

// A date/time unit as PostgreSQL's DecodeUnits reads it ('hrs', 'mins', 'millennia', 'us', ...),
// spelled as datetime::TruncateTimestamp names it ("hour", "minute", ...); empty when unknown.
std::string CanonicalUnit(std::string_view unit);

}  // namespace kanto
