// time and timetz as PostgreSQL 15 reads, writes and computes them.
// A time is microseconds since midnight, 0 .. kMicrosPerDay (24:00:00 is a value of its own).
// A timetz is a time with its UTC offset in seconds WEST of UTC (PostgreSQL's sign: '-08' holds
// 28800), held packed in one int64 (PackTimeTz) whose integer order is PostgreSQL's timetz_cmp
// order: the UTC time (time + zone), then the zone. Two packed values are equal exactly when
// time and zone both are, so hashing, grouping and memcomparable keys work on the int64 as it is.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "types/datetime.hpp"
#include "types/interval.hpp"

namespace kanto::datetime {

struct TimeTz {
  int64_t time = 0;  // microseconds since midnight, local to the zone
  int32_t zone = 0;  // seconds west of UTC
};

// |zone| < 16 hours, as PostgreSQL's TZDISP_LIMIT.
inline constexpr int32_t kZoneLimitSeconds = 16 * 3600;

int64_t PackTimeTz(const TimeTz& t);
TimeTz UnpackTimeTz(int64_t packed);

// time_in / timetz_in: '04:05:06.789', '04:05 PM', '040506', 'T04:05:06', 'allballs', 'now',
// '24:00:00', an optional date before the time ('2003-04-12 04:05:06'), and a zone after it
// ('-08', '+05:30', '+0530', 'Z', 'UTC', 'PST', 'America/New_York' (a zone with daylight-saving
// rules needs a date)). time reads and drops the zone. A timetz without a zone takes the session
// zone's offset on the given (else the current) date. `now_micros`: the transaction start (UTC).
// Throws 22007 (syntax), 22008 (a field out of range), 22009 (a zone offset out of range).
int64_t TimeFromText(std::string_view text, const TimeZone& session, int64_t now_micros);
TimeTz TimeTzFromText(std::string_view text, const TimeZone& session, int64_t now_micros);
// time_out / timetz_out (DateStyle ISO): '04:05:06', '04:05:06.5', '04:05:06-08', '04:05:06+05:30'.
std::string TimeToText(int64_t micros);
std::string TimeTzToText(const TimeTz& t);
// The zone suffix of timetz and timestamptz output for an offset EAST of UTC: '+05:30', '-08'.
std::string ZoneOffsetText(int32_t seconds_east);

// time_send / timetz_send: the microseconds as 8 big-endian bytes; timetz then the zone (seconds
// west of UTC) as 4.
std::string TimeSend(int64_t micros);
std::string TimeTzSend(const TimeTz& t);
// time_recv / timetz_recv: 08P01 when the bytes are too few, 22P03 when too many ("incorrect binary
// data format", as types/binary_receive.hpp) or out of range
// ("time out of range", "time zone displacement out of range").
int64_t TimeRecv(std::string_view bytes);
TimeTz TimeTzRecv(std::string_view bytes);

// time(p) / timetz(p): rounds to p fractional digits, halves away from zero (AdjustTimeForTypmod);
// p < 0 or p >= 6 leaves the value.
int64_t RoundTime(int64_t micros, int precision);

// time +/- interval: the interval's time part only, wrapping around midnight (time_pl_interval).
int64_t TimeAddInterval(int64_t time, const Interval& iv);
// interval -> time: the time part modulo a day (interval_time).
int64_t IntervalToTime(const Interval& iv);

// The time of day of a timestamp (wall-clock micros).
int64_t TimestampToTime(int64_t micros);
// The local time of day (and for timetz the offset) of a timestamp with time zone in `tz`.
int64_t TimestampTzToTime(int64_t utc_micros, const TimeZone& tz);
TimeTz TimestampTzToTimeTz(int64_t utc_micros, const TimeZone& tz);
// time -> timetz: the session zone's offset on the current date (time_timetz).
TimeTz TimeToTimeTz(int64_t time, const TimeZone& tz, int64_t now_micros);
// date + timetz: the instant (timestamptz micros); 22008 outside the timestamp range.
int64_t DateTimeTzToTimestampTz(int64_t days, const TimeTz& t);
// timetz AT TIME ZONE: the same instant with the zone's offset (for a zone with rules, its offset
// at the current instant, as PostgreSQL's timetz_zone).
TimeTz TimeTzAtZone(const TimeTz& t, int32_t seconds_east);

// EXTRACT(field FROM time | timetz) as decimal text (numeric result); 22023 for unknown units,
// 0A000 for units a time has not.
std::string ExtractTime(std::string_view field, int64_t time);
std::string ExtractTimeTz(std::string_view field, const TimeTz& t);

// make_time(hour, min, sec): 22008 "time field value out of range: 25:15:23.5".
int64_t MakeTime(int64_t hour, int64_t minute, double second);

}  // namespace kanto::datetime
