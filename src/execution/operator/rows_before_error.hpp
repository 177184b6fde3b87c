// An error raised by an expression in the middle of a batch: PostgreSQL, which evaluates a row at
// a time, has already passed on the rows before the failing one (to the client, as DataRows), and
// so does Kanto: the projection and the filter emit the batch's rows before the failing row and
// raise the error at their next call (ErrorState). RowsBeforeError finds that row by evaluating
// prefixes of the batch (only on the error path).
#pragma once

#include <functional>
#include <optional>

#include "execution/physical_operator.hpp"
#include "kanto/error.hpp"

namespace kanto {

struct ErrorState : OperatorState {
  std::optional<Error> pending;  // raised at the next Next
  void RaisePending() {
    if (!pending) return;
    Error e = std::move(*pending);
    pending.reset();
    throw e;
  }
};

// The number of leading rows of `input` for which `eval` (which throws on all of them) succeeds.
size_t RowsBeforeError(const DataChunk& input, const std::function<void(const DataChunk&)>& eval);

// The first `rows` rows of `chunk`.
void KeepPrefix(DataChunk& chunk, size_t rows);

}  // namespace kanto
