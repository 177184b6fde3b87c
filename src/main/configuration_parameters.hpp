// PostgreSQL's configuration parameters that Kanto does not act on, and the names it accepts as
// placeholders (custom parameters such as myapp.user_id). SET of a parameter follows PostgreSQL:
// an unknown name is 42704, one fixed at server start (or internal) 55P02, a malformed value 22023;
// a value Kanto would have to act on and does not is 0A000 (never accepted and ignored).
#pragma once

#include <string>
#include <vector>

namespace kanto {

struct ConfigParameter {
  const char* name;     // lower case
  const char* context;  // pg_settings.context: user, superuser, postmaster, sighup, internal, backend, ...
  const char* type;     // bool, integer, real, string, enum
  const char* shown;    // SHOW's value in a fresh PostgreSQL 15 session
  const char* reset;    // pg_settings.reset_val, in `unit`
  const char* unit;     // pg_settings.unit ("" when none): kB, 8kB, MB, B, ms, s, min
  const char* min;
  const char* max;
  const char* enum_values;  // comma-separated
};

// PostgreSQL 15's parameters (configuration_parameter_table.cpp).
const std::vector<ConfigParameter>& ConfigParameters();
const ConfigParameter* FindConfigParameter(const std::string& name);

// SET `value` for a parameter Kanto does not act on: PostgreSQL's checks of its context (55P02)
// and of the value's form (22023), then 0A000 unless the value is the parameter's default.
void CheckUnimplementedParameter(const ConfigParameter& p, const std::string& value);
// 55P02 when the parameter's context forbids changing it in a session.
void CheckParameterContext(const ConfigParameter& p);

// A name with a dot: a placeholder (true), or 42602 unless it is two or more simple identifiers
// separated by dots. False for a name without a dot.
bool IsPlaceholderName(const std::string& name);

}  // namespace kanto
