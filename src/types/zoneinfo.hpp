// The system's compiled tz database (/usr/share/zoneinfo, TZif files, RFC 8536): IANA zones by
// name, as SET TimeZone and AT TIME ZONE find them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "types/datetime.hpp"

namespace kanto::datetime {

// The zone `name` ("Europe/Paris"; letter case ignored, as PostgreSQL ignores it), loaded once per
// process; null when the database has no such zone or its file is malformed.
const TimeZone* FindZoneFile(const std::string& name);

// A POSIX TZ rule as the footer of a TZif file (version 2+) carries it and tzcode reads it:
// std offset [dst [offset] [,start[/time],end[/time]]], e.g. "CET-1CEST,M3.5.0,M10.5.0/3" or
// "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45". It governs after the file's last transition.
struct PosixZoneRule {
  // The day a change happens: 'J' Julian day 1..365 (February 29 never counted), 'D' zero-based
  // day 0..365 (counted), 'M' day `weekday` (0 = Sunday) of week `week` (1..5, 5 = last) of
  // `month`; `time` is local seconds after midnight (-167h..167h; 02:00 when omitted).
  struct Change {
    char kind = 'M';
    int day = 0, week = 0, month = 0, weekday = 0;
    int32_t time = 7200;
  };
  std::string std_name, dst_name;  // "" dst_name: no daylight time
  int32_t std_offset = 0, dst_offset = 0;  // seconds east of UTC (the text's sign is west)
  Change start, end;  // daylight time begins at `start` (local standard time), ends at `end`
};

// False when `text` is not such a rule.
bool ParsePosixZoneRule(std::string_view text, PosixZoneRule* out);

// The rule's changes in `year`, in time order: (UTC seconds, whether daylight time begins there).
// Empty for a rule without daylight time.
std::vector<std::pair<int64_t, bool>> PosixRuleChanges(const PosixZoneRule& rule, int64_t year);

}  // namespace kanto::datetime
