// work_mem: the per-query memory budget (sorts, hash tables, materialized results), set and shown
// with PostgreSQL's memory units.
#pragma once

#include <cstdint>
#include <string>

namespace kanto {

// "64MB", "1GB", "512kB", "4096" (kB) -> bytes. Throws 22023 for anything else or below 64kB.
uint64_t ParseMemorySetting(const std::string& name, const std::string& value);
// Bytes -> the largest exact unit, as PostgreSQL shows it ("1GB", "64MB", "100kB").
std::string FormatMemorySetting(uint64_t bytes);

}  // namespace kanto
