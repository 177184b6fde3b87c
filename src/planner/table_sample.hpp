// TABLESAMPLE on a table scan: which method, and the expressions it is given. Bound by
// planner/bind_tablesample.cpp, carried by LogicalGet to PhysicalTableScan, which samples the rows
// it reads (execution/operator/physical_table_scan.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "planner/bound_expr.hpp"

namespace kanto {

enum class SampleMethod : uint8_t {
  kBernoulli,  // each row kept with probability p / 100
  kSystem,     // each block of kSystemBlockRows consecutive rows (key order) kept with probability p / 100
};

// SYSTEM's block: Kanto has no pages, so a block is a run of this many consecutive rows of the
// table in primary-key (row key) order.
inline constexpr uint64_t kSystemBlockRows = 64;

struct TableSample {
  SampleMethod method = SampleMethod::kBernoulli;
  BoundExprPtr fraction;  // $tablesample_fraction(percent as real): checks 0..100 and non-null, gives p / 100
  BoundExprPtr seed;      // REPEATABLE (seed) as double precision; null: a fresh random seed per scan

  // EXPLAIN's text, as PostgreSQL prints it: bernoulli ('10'::real) REPEATABLE ('1'::double precision).
  std::string ToString() const {
    auto arg = [](const BoundExpr& e, const char* type) {
      if (e.kind == BoundExprKind::kConstant && !e.value.is_null()) return "'" + e.ToString() + "'::" + type;
      return e.ToString();
    };
    std::string out = method == SampleMethod::kBernoulli ? "bernoulli" : "system";
    out += " (" + arg(*fraction->children[0], "real") + ")";
    if (seed) out += " REPEATABLE (" + arg(*seed, "double precision") + ")";
    return out;
  }
};

}  // namespace kanto
