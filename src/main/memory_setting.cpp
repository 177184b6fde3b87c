#include "main/memory_setting.hpp"

#include <cctype>

#include "kanto/error.hpp"

namespace kanto {

uint64_t ParseMemorySetting(const std::string& name, const std::string& value, uint64_t min_kb) {
  auto invalid = [&]() {
    return Error(sqlstate::kInvalidParameterValue, "invalid value for parameter \"" + name + "\": \"" + value + "\"")
        .WithHint("Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
  };
  size_t i = 0;
  while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) i++;
  size_t start = i;
  while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i]))) i++;
  if (i == start || i - start > 15) throw invalid();
  uint64_t number = std::stoull(value.substr(start, i - start));
  while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) i++;
  std::string unit = value.substr(i);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.back()))) unit.pop_back();
  uint64_t scale;
  if (unit.empty() || unit == "kB") {
    scale = 1024;
  } else if (unit == "B") {
    scale = 1;
  } else if (unit == "MB") {
    scale = 1024ull * 1024;
  } else if (unit == "GB") {
    scale = 1024ull * 1024 * 1024;
  } else if (unit == "TB") {
    scale = 1024ull * 1024 * 1024 * 1024;
  } else {
    throw invalid();
  }
  uint64_t bytes = number * scale;
  if (bytes < min_kb * 1024) {
    throw Error(sqlstate::kInvalidParameterValue, std::to_string(bytes / 1024) + " kB is outside the valid range for parameter \"" +
                                                      name + "\" (" + std::to_string(min_kb) + " .. 2147483647)");
  }
  return bytes;
}

std::string FormatMemorySetting(uint64_t bytes) {
  const char* units[] = {"kB", "MB", "GB", "TB"};
  uint64_t value = bytes / 1024;
  int unit = 0;
  while (unit < 3 && value >= 1024 && value % 1024 == 0) {
    value /= 1024;
    unit++;
  }
  return std::to_string(value) + units[unit];
}

}  // namespace kanto
