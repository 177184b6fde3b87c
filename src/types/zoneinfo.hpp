// The system's compiled tz database (/usr/share/zoneinfo, TZif files, RFC 8536): IANA zones by
// name, as SET TimeZone and AT TIME ZONE find them.
#pragma once

#include <string>

#include "types/datetime.hpp"

namespace kanto::datetime {

// The zone `name` ("Europe/Paris"; letter case ignored, as PostgreSQL ignores it), loaded once per
// process; null when the database has no such zone or its file is malformed.
const TimeZone* FindZoneFile(const std::string& name);

}  // namespace kanto::datetime
