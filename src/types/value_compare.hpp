// Total order over non-NULL values of one physical type, as PostgreSQL's btree opclasses order them
// (floats: NaN greatest and equal to itself; strings: bytewise, i.e. the "C" collation).
#pragma once

#include <vector>

#include "types/vector.hpp"

namespace kanto {

// REQUIRES: neither value NULL, same physical type.
int CompareVectorValues(const Vector& a, size_t i, const Vector& b, size_t j);
int CompareValues(const Value& a, const Value& b);
int CompareDoubles(double a, double b);
// Element by element, NULLs after every value and equal to each other, then the shorter list first
// (PostgreSQL's order of arrays and records).
int CompareValueLists(const std::vector<Value>& x, const std::vector<Value>& y);

}  // namespace kanto
