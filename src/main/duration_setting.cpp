#include "main/duration_setting.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

#include "kanto/error.hpp"

namespace kanto {

int64_t ParseDurationSetting(const std::string& name, const std::string& value) {
  auto invalid = [&]() {
    return Error(sqlstate::kInvalidParameterValue, "invalid value for parameter \"" + name + "\": \"" + value + "\"");
  };
  const char* begin = value.c_str();
  char* end = nullptr;
  double number = std::strtod(begin, &end);
  if (end == begin || !std::isfinite(number)) throw invalid();
  std::string unit(end);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.front()))) unit.erase(0, 1);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.back()))) unit.pop_back();
  double scale;
  if (unit.empty() || unit == "ms") {
    scale = 1;
  } else if (unit == "us") {
    scale = 0.001;
  } else if (unit == "s") {
    scale = 1000;
  } else if (unit == "min") {
    scale = 60.0 * 1000;
  } else if (unit == "h") {
    scale = 3600.0 * 1000;
  } else if (unit == "d") {
    scale = 86400.0 * 1000;
  } else {
    throw invalid().WithHint("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
  }
  double ms = std::rint(number * scale);
  if (ms > 2147483647.0 || ms < -2147483648.0) throw invalid().WithHint("Value exceeds integer range.");
  if (ms < 0) {
    throw Error(sqlstate::kInvalidParameterValue, std::to_string(static_cast<int64_t>(ms)) +
                                                      " ms is outside the valid range for parameter \"" + name +
                                                      "\" (0 .. 2147483647)");
  }
  return static_cast<int64_t>(ms);
}

std::string FormatDurationSetting(int64_t ms) {
  if (ms == 0) return "0";
  struct Unit {
    int64_t ms;
    const char* name;
  };
  for (Unit u : {Unit{86400000, "d"}, Unit{3600000, "h"}, Unit{60000, "min"}, Unit{1000, "s"}}) {
    if (ms % u.ms == 0) return std::to_string(ms / u.ms) + u.name;
  }
  return std::to_string(ms) + "ms";
}

}  // namespace kanto
