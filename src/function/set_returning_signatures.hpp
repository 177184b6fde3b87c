// PostgreSQL 15's declarations of the set-returning functions Kanto has (the planner runs them:
// planner/set_returning_functions.hpp): their overloads as pg_proc lists them, for the planner's
// overload resolution and for the system catalogs (pg_proc, \df, pg_get_functiondef).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "types/logical_type.hpp"

namespace kanto {

struct SetReturningSignature {
  std::string name;
  // Argument types; kUnknown and an array of kUnknown are anyelement and anyarray.
  std::vector<LogicalType> arg_types;
  // The type of each row's value (kUnknown: anyelement). With two or more OUT arguments the
  // function returns record.
  LogicalType result;
  std::vector<std::string> arg_names;  // pg_proc.proargnames of the input arguments, or empty
  std::vector<std::pair<std::string, LogicalType>> out_args;  // OUT arguments, as PostgreSQL declares them
  char volatility = 'i';  // pg_proc.provolatile
  char parallel = 's';    // pg_proc.proparallel
  float rows = 1000;      // pg_proc.prorows, the planner's estimate of rows per call
  std::string source;     // pg_proc.prosrc: PostgreSQL's C function
};

const std::vector<SetReturningSignature>& SetReturningSignatures();

}  // namespace kanto
