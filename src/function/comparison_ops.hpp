// The six comparison operators as predicates over a three-way comparison's result, for the
// functions that define them for a whole type at once (arrays, records).
#pragma once

namespace kanto {

struct ComparisonOp {
  const char* name;
  bool (*pred)(int);
};

inline constexpr ComparisonOp kComparisonOps[] = {
    {"=", [](int c) { return c == 0; }}, {"<>", [](int c) { return c != 0; }}, {"<", [](int c) { return c < 0; }},
    {"<=", [](int c) { return c <= 0; }}, {">", [](int c) { return c > 0; }}, {">=", [](int c) { return c >= 0; }},
};

}  // namespace kanto
