// PostgreSQL 15's pg_proc entries of its built-in functions, aggregates and window functions, for
// those Kanto has: their descriptions (psql's \df+ Description column, obj_description(oid,
// 'pg_proc')) and the attributes pg_proc and psql's \df+ and \sf show.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kanto {

struct PostgresRoutine {
  const char* description = nullptr;
  // Unknown (nullptr, 0, -1) where Kanto's signature only stands in for PostgreSQL's.
  const char* source = nullptr;  // prosrc: the C function's name
  char volatility = 0;           // provolatile
  char parallel = 0;             // proparallel
  signed char strict = -1;       // proisstrict
};

// PostgreSQL's routine `name` over argument type OIDs `arg_types`, or nullptr.
const PostgresRoutine* FindPostgresRoutine(const std::string& name, const std::vector<uint32_t>& arg_types);

}  // namespace kanto
