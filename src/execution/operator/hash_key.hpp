// Hash-table keys for grouping, DISTINCT and joins: the memcomparable encoding of the key values,
// so equal SQL values (1.5 and 1.50, -0.0 and 0.0) give equal keys and NULLs group together.
#pragma once

#include <string>
#include <vector>

#include "storage/key_encoding.hpp"
#include "types/vector.hpp"

namespace kanto {

inline std::string HashKey(const std::vector<const Vector*>& cols, size_t row) {
  storage::KeyWriter w;
  for (const Vector* c : cols) w.AppendValue(c->GetValue(row));
  return w.Release();
}

}  // namespace kanto
