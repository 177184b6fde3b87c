// The window-only functions (row_number, rank, lag, ...): their names and signatures. The binder
// checks calls against them; pg_proc lists them (prokind 'w').
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "types/logical_type.hpp"

namespace kanto {

struct WindowFunctionInfo {
  const char* name;
  size_t min_args;
  size_t max_args;
};

// nullptr when `name` is not a window-only function.
const WindowFunctionInfo* FindWindowFunction(const std::string& name);

// One overload as the catalog shows it. TypeId::kUnknown: the polymorphic argument (anyelement),
// whose type the result takes when the result is kUnknown too.
struct WindowFunctionSignature {
  const char* name;
  std::vector<LogicalType> arg_types;
  LogicalType return_type;
};
const std::vector<WindowFunctionSignature>& WindowFunctionSignatures();

}  // namespace kanto
