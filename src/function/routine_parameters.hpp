// Parameter names and defaults of the built-in functions PostgreSQL declares with them, for calls
// in named notation (make_interval(days => 10)) and calls that leave defaulted arguments off.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "types/value.hpp"

namespace kanto {

struct RoutineParameter {
  std::string_view name;
  std::optional<Value> default_value;  // PostgreSQL's proargdefaults; none: the argument is required
};

// The parameters of built-in `name`, in order (for overloads of different lengths, the longest);
// nullptr when Kanto knows no names for it.
const std::vector<RoutineParameter>* FindRoutineParameters(const std::string& name);

}  // namespace kanto
