// Time zone abbreviations with one fixed offset in PostgreSQL 15's default abbreviation set
// ('PST', 'CEST', ...), as time zone input and AT TIME ZONE read them.
#pragma once

#include <cstdint>
#include <string_view>

namespace kanto::datetime {

// The offset east of UTC in seconds of abbreviation `lower` (lower case); false when it is none
// of these (PostgreSQL's set has more, some of them offsets that changed over time).
bool FixedZoneAbbreviation(std::string_view lower, int32_t* east);
// Whether `lower` is one of the other abbreviations of that set (some stand for offsets that changed
// over time): Kanto reads none of them, and refuses them (0A000) rather than guess.
bool IsOtherZoneAbbreviation(std::string_view lower);

}  // namespace kanto::datetime
