#include "planner/set_returning_functions.hpp"

namespace kanto {

bool IsSetReturningFunction(const std::string& name) {
  return name == "unnest" || name == "generate_series" || name == "regexp_split_to_table" ||
         name == "pg_listening_channels" || name == "generate_subscripts" || name == "pg_partition_ancestors" ||
         name == "pg_options_to_table" || name == "regexp_matches" || name == "_pg_expandarray" ||
         IsJsonSetFunction(name);
}

bool IsJsonSetFunction(const std::string& name) {
  for (const char* p : {"json_", "jsonb_"}) {
    for (const char* f : {"each", "each_text", "array_elements", "array_elements_text", "object_keys"}) {
      if (name == std::string(p) + f) return true;
    }
  }
  return false;
}

}  // namespace kanto
