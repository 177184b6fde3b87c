// Looks up the session time zone by name (cached for the life of the process).
#pragma once

#include <string>

namespace kanto::datetime {
class TimeZone;
}

namespace kanto {

// Throws 22023 for an unknown zone name.
const datetime::TimeZone* SessionTimeZone(const std::string& name);

}  // namespace kanto
