// Checks for SET of PostgreSQL parameters that Kanto does not act on (configuration_parameters.hpp).
#include "main/configuration_parameters.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "kanto/error.hpp"
#include "main/connection_impl.hpp"

namespace kanto {

namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Error InvalidValue(const ConfigParameter& p, const std::string& value) {
  return Error(sqlstate::kInvalidParameterValue,
               "invalid value for parameter \"" + std::string(p.name) + "\": \"" + value + "\"");
}

// A unit's size in the smallest unit of its kind (bytes for memory, microseconds for time); 0 when
// `unit` is not one.
double UnitSize(const std::string& unit, bool memory) {
  if (memory) {
    if (unit == "B") return 1;
    if (unit == "kB") return 1024;
    if (unit == "8kB") return 8192;
    if (unit == "MB") return 1024.0 * 1024;
    if (unit == "GB") return 1024.0 * 1024 * 1024;
    if (unit == "TB") return 1024.0 * 1024 * 1024 * 1024;
    return 0;
  }
  if (unit == "us") return 1;
  if (unit == "ms") return 1e3;
  if (unit == "s") return 1e6;
  if (unit == "min") return 60e6;
  if (unit == "h") return 3600e6;
  if (unit == "d") return 86400e6;
  return 0;
}

// A numeric value with an optional unit, in the parameter's unit. False when it is not one.
bool ParseNumber(const ConfigParameter& p, const std::string& value, double* out) {
  const char* s = value.c_str();
  char* end = nullptr;
  double v = std::strtod(s, &end);
  if (end == s || !std::isfinite(v)) return false;
  std::string rest(end);
  rest.erase(0, rest.find_first_not_of(' '));
  rest.erase(rest.find_last_not_of(' ') + 1);
  if (!rest.empty()) {
    std::string base = p.unit;
    bool memory = UnitSize(base, true) > 0;
    double from = UnitSize(rest, memory);
    double to = UnitSize(base, memory);
    if (base.empty() || from == 0 || to == 0) return false;
    v = v * from / to;
  }
  if (std::string(p.type) == "integer") v = std::round(v);
  *out = v;
  return true;
}

}  // namespace

const ConfigParameter* FindConfigParameter(const std::string& name) {
  const auto& table = ConfigParameters();
  auto it = std::lower_bound(table.begin(), table.end(), name,
                             [](const ConfigParameter& p, const std::string& n) { return p.name < n; });
  return it != table.end() && it->name == name ? &*it : nullptr;
}

void CheckParameterContext(const ConfigParameter& p) {
  std::string context = p.context;
  std::string quoted = "parameter \"" + std::string(p.name) + "\"";
  if (context == "internal") throw Error(sqlstate::kCantChangeRuntimeParam, quoted + " cannot be changed");
  if (context == "postmaster") {
    throw Error(sqlstate::kCantChangeRuntimeParam, quoted + " cannot be changed without restarting the server");
  }
  if (context == "sighup") throw Error(sqlstate::kCantChangeRuntimeParam, quoted + " cannot be changed now");
  if (context == "backend" || context == "superuser-backend") {
    throw Error(sqlstate::kCantChangeRuntimeParam, quoted + " cannot be set after connection start");
  }
}

void CheckUnimplementedParameter(const ConfigParameter& p, const std::string& value) {
  CheckParameterContext(p);
  std::string type = p.type;
  bool is_default = false;
  std::string shown = p.shown;
  if (type == "bool") {
    is_default = NormalizeBoolSetting(p.name, value) == NormalizeBoolSetting(p.name, p.reset);
  } else if (type == "enum") {
    std::string v = Lower(value);
    std::string values = p.enum_values;
    bool known = false;
    size_t start = 0;
    while (start <= values.size()) {
      size_t comma = values.find(',', start);
      if (comma == std::string::npos) comma = values.size();
      known |= values.compare(start, comma - start, v) == 0;
      start = comma + 1;
    }
    if (!known) {
      std::string hint = values;
      for (size_t i = 0; (i = hint.find(',', i)) != std::string::npos; i += 2) hint.replace(i, 1, ", ");
      throw InvalidValue(p, value).WithHint("Available values: " + hint + ".");
    }
    is_default = v == Lower(p.reset);
  } else if (type == "integer" || type == "real") {
    double v = 0;
    if (!ParseNumber(p, value, &v)) throw InvalidValue(p, value);
    double lo = std::strtod(p.min, nullptr), hi = std::strtod(p.max, nullptr);
    if (v < lo || v > hi) {
      throw Error(sqlstate::kInvalidParameterValue, value + " is outside the valid range for parameter \"" +
                                                        p.name + "\" (" + p.min + " .. " + p.max + ")");
    }
    is_default = v == std::strtod(p.reset, nullptr);
  } else {
    is_default = value == p.reset || value == shown;
  }
  if (!is_default) {
    throw Error(sqlstate::kFeatureNotSupported, "parameter \"" + std::string(p.name) + "\" is not supported")
        .WithDetail("Kanto does not act on it; only its default value, " + (shown.empty() ? "''" : shown) +
                    ", is accepted.");
  }
}

bool IsPlaceholderName(const std::string& name) {
  if (name.find('.') == std::string::npos) return false;
  bool ok = true;
  size_t start = 0;
  while (ok && start <= name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    std::string part = name.substr(start, dot - start);
    unsigned char first = part.empty() ? 0 : static_cast<unsigned char>(part[0]);
    ok = !part.empty() && (std::isalpha(first) || first == '_' || first >= 0x80);
    for (unsigned char c : part) ok = ok && (std::isalnum(c) || c == '_' || c == '$' || c >= 0x80);
    start = dot + 1;
  }
  if (!ok) {
    throw Error("42602", "invalid configuration parameter name \"" + name + "\"")
        .WithDetail("Custom parameter names must be two or more simple identifiers separated by dots.");
  }
  return true;
}

}  // namespace kanto
