// Small helpers for writing scalar kernels.
#pragma once

#include <functional>

#include "function/function.hpp"

namespace kanto {

// A kernel computing each row from its argument Values (rows with a NULL argument are skipped for
// strict functions). Simple and general; hot operators use typed loops instead.
using RowFn = std::function<Value(const std::vector<Value>& args, FunctionContext& ctx)>;
ScalarKernel RowKernel(RowFn fn, bool strict = true);

// Registers `name` with fixed argument and return types and a row-wise implementation.
void AddRowFunction(FunctionRegistry& r, const std::string& name, std::vector<LogicalType> args, LogicalType ret,
                    RowFn fn, bool strict = true, bool is_volatile = false);

inline LogicalType T(TypeId id) { return LogicalType(id); }

// The number of UTF-8 characters in `s`.
inline size_t Utf8Len(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace kanto
