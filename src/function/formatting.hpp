// PostgreSQL's data type formatting functions (docs 9.8): to_char over date/time and number
// types, to_date, to_timestamp and to_number, driven by templates (formatting_template.hpp).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "function/formatting_template.hpp"
#include "function/function.hpp"
#include "types/datetime.hpp"

namespace kanto::formatting {

// Broken-down date/time fields as to_char reads them. For timestamps: the wall-clock date and time
// (year astronomical, month 1-12), weekday (0 = Sunday), day of year, offset east of UTC in
// seconds and the zone's abbreviation (empty: none, as for timestamp without time zone). For
// intervals: years, months, days, hours, ... each with the interval's sign.
struct TmToChar {
  int64_t year = 0, mon = 0, mday = 0, hour = 0, min = 0, sec = 0, usec = 0;
  int64_t wday = 0, yday = 0;
  int32_t gmtoff = 0;
  std::string zone_abbrev;
};

// to_char's output for `tm` under `tmpl`. Throws 22007 for a field an interval has not (Day, TZ, ...).
std::string DateTimeToChar(const DateTemplate& tmpl, const TmToChar& tm, bool is_interval);

// The fields of wall-clock micros since 1970 (no zone).
TmToChar SplitTimestamp(int64_t micros);

// The abbreviation to_char's TZ writes for `zone` at instant `utc`: the tz database's ("CET",
// "EDT", "-03"); for a fixed offset UTC, GMT or the offset as a number ("+0530").
std::string ZoneAbbreviation(const datetime::TimeZone& zone, int64_t utc);

}  // namespace kanto::formatting

namespace kanto {

// to_char(type, text) as a loop over the argument vectors (no Value per row); `fn` formats row
// `row` of `value` under the template text `fmt`, or returns nullopt for NULL.
using ToCharRow = std::function<std::optional<std::string>(const Vector& value, size_t row, const std::string& fmt,
                                                           FunctionContext& ctx)>;
void AddToChar(FunctionRegistry& r, TypeId type, ToCharRow fn);

// to_char, to_date, to_timestamp(text, text), to_number; registered by RegisterDatetimeFunctions.
void AddFormattingFunctions(FunctionRegistry& r);
void AddDateTimeFormatting(FunctionRegistry& r);  // formatting_datetime.cpp
void AddDateTimeParsing(FunctionRegistry& r);     // formatting_datetime_input.cpp
void AddNumberFormatting(FunctionRegistry& r);    // formatting_numeric.cpp

}  // namespace kanto
