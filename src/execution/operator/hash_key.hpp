// Hash-table keys for grouping, DISTINCT and joins: the memcomparable encoding of the key values,
// so equal SQL values (1.5 and 1.50, -0.0 and 0.0) give equal keys and NULLs group together.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "execution/execution_context.hpp"

#include "storage/key_encoding.hpp"
#include "types/vector.hpp"

namespace kanto {

inline std::string HashKey(const std::vector<const Vector*>& cols, size_t row) {
  storage::KeyWriter w;
  for (const Vector* c : cols) w.AppendValue(c->GetValue(row));
  return w.Release();
}

// Keeps the rows of `chunk` whose key (`key_columns`, all columns when empty) is not in `seen` yet and
// adds their keys to it; the first of equal rows wins. Returns false when no row is left.
inline bool KeepFirstOccurrences(DataChunk& chunk, const std::vector<uint32_t>& key_columns,
                                 std::unordered_set<std::string>& seen, MemoryTracker* memory) {
  std::vector<const Vector*> cols;
  if (key_columns.empty()) {
    for (size_t c = 0; c < chunk.column_count(); c++) cols.push_back(&chunk.column(c));
  } else {
    for (uint32_t c : key_columns) cols.push_back(&chunk.column(c));
  }
  std::vector<uint32_t> sel;
  for (size_t r = 0; r < chunk.size(); r++) {
    std::string key = HashKey(cols, r);
    if (seen.count(key)) continue;
    if (memory) memory->Reserve(key.size() + 32);
    seen.insert(std::move(key));
    sel.push_back(static_cast<uint32_t>(r));
  }
  if (sel.empty()) return false;
  if (sel.size() != chunk.size()) chunk.Select(sel);
  return true;
}

}  // namespace kanto
