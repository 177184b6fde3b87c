#include "function/routine_parameters.hpp"

#include <map>

namespace kanto {

const std::vector<RoutineParameter>* FindRoutineParameters(const std::string& name) {
  // From PostgreSQL 15's pg_proc (proargnames, proargdefaults).
  static const auto* table = [] {
    auto* t = new std::map<std::string, std::vector<RoutineParameter>>;
    const Value zero = Value::Int4(0);
    (*t)["make_interval"] = {{"years", zero}, {"months", zero}, {"weeks", zero}, {"days", zero},
                             {"hours", zero}, {"mins", zero},   {"secs", Value::Float8(0.0)}};
    (*t)["make_timestamp"] = {{"year", {}}, {"month", {}}, {"mday", {}}, {"hour", {}}, {"min", {}}, {"sec", {}}};
    (*t)["make_timestamptz"] = {{"year", {}}, {"month", {}}, {"mday", {}}, {"hour", {}},
                                {"min", {}},  {"sec", {}},   {"timezone", {}}};
    (*t)["make_date"] = {{"year", {}}, {"month", {}}, {"day", {}}};
    return t;
  }();
  auto it = table->find(name);
  return it == table->end() ? nullptr : &it->second;
}

}  // namespace kanto
