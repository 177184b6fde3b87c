// The operators and functions of time and timetz (time_functions.cpp).
#pragma once

#include "function/function.hpp"

namespace kanto {

// time / timetz arithmetic, EXTRACT / date_part and make_time; registered by
// RegisterDatetimeFunctions.
void AddTimeFunctions(FunctionRegistry& r);

}  // namespace kanto
