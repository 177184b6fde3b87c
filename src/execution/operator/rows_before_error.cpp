#include "execution/operator/rows_before_error.hpp"

#include <numeric>
#include <vector>

namespace kanto {

void KeepPrefix(DataChunk& chunk, size_t rows) {
  std::vector<uint32_t> sel(rows);
  std::iota(sel.begin(), sel.end(), 0);
  chunk.Select(sel);
}

size_t RowsBeforeError(const DataChunk& input, const std::function<void(const DataChunk&)>& eval) {
  // A prefix fails exactly when it holds the first failing row: bisect on its length.
  size_t ok = 0, failing = input.size();
  while (failing - ok > 1) {
    size_t mid = ok + (failing - ok) / 2;
    DataChunk prefix = input;
    KeepPrefix(prefix, mid);
    try {
      eval(prefix);
      ok = mid;
    } catch (const Error&) {
      failing = mid;
    }
  }
  return ok;
}

}  // namespace kanto
