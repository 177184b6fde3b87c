// Settings in PostgreSQL's memory units: work_mem, the per-query memory budget (sorts, hash tables,
// materialized results), and max_stack_depth, the recursion budget of a statement.
#pragma once

#include <cstdint>
#include <string>

namespace kanto {

// "64MB", "1GB", "512kB", "4096" (kB) -> bytes. Throws 22023 for anything else or below `min_kb`
// (work_mem: 64, max_stack_depth: 100).
uint64_t ParseMemorySetting(const std::string& name, const std::string& value, uint64_t min_kb = 64);
// Bytes -> the largest exact unit, as PostgreSQL shows it ("1GB", "64MB", "100kB").
std::string FormatMemorySetting(uint64_t bytes);

}  // namespace kanto
