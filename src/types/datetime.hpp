// PostgreSQL date/time semantics. Representation: date = days since 1970-01-01; timestamp and
// timestamptz = microseconds since 1970-01-01 00:00:00 (timestamptz in UTC); interval = Interval.
// 'infinity'/'-infinity' are INT64_MAX/INT64_MIN for timestamps and kDateInfinity/-kDateInfinity
// for dates. Output is PostgreSQL's default (DateStyle ISO, IntervalStyle postgres).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>
#include <string_view>

#include "types/interval.hpp"

namespace kanto::datetime {

inline constexpr int64_t kDateInfinity = INT32_MAX;
inline constexpr int64_t kTimestampInfinity = INT64_MAX;
inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerDay = 86400LL * kMicrosPerSecond;

// A session time zone: UTC or a fixed offset (IANA names are not supported yet).
class TimeZone {
 public:
  // 'UTC', 'GMT', 'Z', '+02', '-05:30', 'UTC+3' (POSIX sign: UTC+3 is three hours WEST of UTC).
  // Throws 22023 invalid value for parameter "TimeZone".
  static TimeZone Load(std::string_view name);
  // A zone with daylight-saving history: `transitions` are (UTC seconds, offset east in seconds)
  // in time order; before the first one the zone has `initial_offset`. Past the last transition
  // its offset stays, unless RepeatFrom says the zone repeats.
  static TimeZone FromTransitions(std::string name, int32_t initial_offset,
                                  std::vector<std::pair<int64_t, int32_t>> transitions);
  // Offset east of UTC, in seconds, at a UTC instant.
  int32_t OffsetAt(int64_t utc_micros) const;
  // Offset for a local wall-clock time (in a repeated hour the offset after the change, in a
  // skipped hour the one before it, so 02:30 on a spring-forward night reads as 03:30 daylight time).
  int32_t OffsetForLocal(int64_t local_micros) const;
  // The zone's abbreviation at a UTC instant ("CET", "EDT", "-03"), empty when the zone has none
  // (fixed offsets); to_char's TZ writes it.
  const std::string& AbbreviationAt(int64_t utc_micros) const;
  // The abbreviations of a zone from the tz database: before the first transition, and one for
  // each transition.
  void SetAbbreviations(std::string initial, std::vector<std::string> per_transition);
  // From `utc_seconds` on the zone repeats every 400 Gregorian years (146097 days, whole weeks), as
  // a POSIX TZ rule does: the transitions list the rule's changes for 400 years from there and
  // later instants fold back onto them (tzcode's localtime.c does the same).
  void RepeatFrom(int64_t utc_seconds) { repeat_from_ = utc_seconds; }
  const std::string& name() const { return name_; }
  // Whether the offset ever changes (daylight saving, history); false for UTC and fixed offsets.
  bool HasTransitions() const { return !transitions_.empty(); }

 private:
  size_t TransitionsUpTo(int64_t utc_micros) const;  // how many transitions precede the instant

  std::string name_ = "UTC";
  int32_t offset_seconds_ = 0;
  std::vector<std::pair<int64_t, int32_t>> transitions_;
  std::string initial_abbreviation_;
  std::vector<std::string> abbreviations_;  // empty, or one per transition
  int64_t repeat_from_ = INT64_MAX;
};

// Civil calendar helpers.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
void CivilFromDays(int64_t days, int64_t* y, unsigned* m, unsigned* d);

// now_micros resolves 'now', 'today', 'tomorrow', 'yesterday'.
int64_t ParseDate(std::string_view text, int64_t now_micros = 0);
std::string FormatDate(int64_t days);
int64_t ParseTimestamp(std::string_view text, int64_t now_micros = 0);
std::string FormatTimestamp(int64_t micros);
int64_t ParseTimestampTz(std::string_view text, const TimeZone& tz, int64_t now_micros = 0);
std::string FormatTimestampTz(int64_t micros, const TimeZone& tz);
Interval ParseInterval(std::string_view text);
std::string FormatInterval(const Interval& iv);

// Arithmetic (throws 22008 "timestamp out of range" / "date out of range").
int64_t AddInterval(int64_t ts_micros, const Interval& iv);  // timestamp (wall clock) + interval
int64_t AddIntervalTz(int64_t ts_micros, const Interval& iv, const TimeZone& tz);
Interval SubtractTimestamps(int64_t a, int64_t b);  // justified to days and time, like PostgreSQL
Interval MultiplyInterval(const Interval& iv, double factor);
Interval JustifyHours(const Interval& iv);
Interval JustifyDays(const Interval& iv);

// Conversions.
int64_t DateToTimestamp(int64_t days);
int64_t TimestampToDate(int64_t micros);
int64_t TimestampToTimestampTz(int64_t local, const TimeZone& tz);
int64_t TimestampTzToTimestamp(int64_t utc, const TimeZone& tz);

// EXTRACT(field FROM x): the value as decimal text with PostgreSQL 15's scale (numeric result).
// kind: 'd' date, 't' timestamp, 'z' timestamptz, 'i' interval. Throws 22023 / 0A000 for bad units.
std::string Extract(std::string_view field, int64_t value, char kind, const TimeZone& tz);
std::string ExtractInterval(std::string_view field, const Interval& iv);
// date_trunc(field, timestamp) on wall-clock micros.
int64_t TruncateTimestamp(std::string_view field, int64_t micros);

}  // namespace kanto::datetime
