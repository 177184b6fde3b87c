// ResultStream: statements run one at a time, a query's rows read batch by batch from the
// connection's open statement. The whole-result calls (Connection::Execute / ExecuteAll,
// PreparedStatement::Execute) read their stream to the end.
#include "main/result_stream.hpp"

#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

StreamImpl::~StreamImpl() { Close(); }

void StreamImpl::Close() {
  if (!open) return;
  auto s = std::move(open);
  conn->CloseOpen(*s, false);
}

bool StreamImpl::NextStatement(QueryResult* start) {
  StackDepthScope depth(conn->MaxStackDepth());
  Close();  // rows of the previous statement not read: it ends there
  if (done) return false;
  if (parse_error) {
    done = true;
    *start = QueryResult(std::move(*parse_error));
    parse_error.reset();
    return true;
  }
  if (single) {
    done = true;
    *start = single();
  } else {
    if (next >= stmts.size()) {
      done = true;
      return false;
    }
    if (next > 0) conn->SetActivityQuery(query_text);
    *start = conn->Run(*stmts[next], {}, true);
    next++;
    if (start->ok() && start->copy_in_pending() && next < stmts.size()) {
      // The data follows the query string; statements after the COPY cannot run before it.
      conn->ForgetPendingCopy();
      *start = QueryResult(Error(sqlstate::kFeatureNotSupported,
                                 "COPY FROM STDIN must be the last statement of a query string"));
    }
  }
  if (!start->ok()) done = true;
  if (start->is_streaming()) open = conn->open_statement();
  return true;
}

bool StreamImpl::NextBatch(QueryResult* out) {
  if (!open) {
    *out = QueryResult(Error(sqlstate::kInvalidCursorName, "no statement is streaming rows"));
    return false;
  }
  StackDepthScope depth(conn->MaxStackDepth());
  DataChunk chunk;
  QueryResult end;
  if (conn->PullOpen(*open, &chunk, &end)) {
    const ResultImpl& header = *open->header;
    auto batch = std::make_unique<ResultImpl>();
    batch->has_rows = true;
    batch->columns = header.columns;
    batch->types = header.types;
    batch->fn = header.fn;
    batch->catalog = header.catalog;
    batch->AddChunk(std::move(chunk));
    *out = QueryResult(std::move(batch));
    if (open->copy_rows) {
      // COPY TO STDOUT: the batch as COPY's text (its rows stay readable too).
      open->copy_rows(*out, &out->impl()->copy_data);
      out->impl()->copy_out = true;
    }
    return true;
  }
  open.reset();
  if (!end.ok()) done = true;
  *out = std::move(end);
  return false;
}

QueryResult ReadWhole(StreamImpl& stream, QueryResult start) {
  if (!start.is_streaming()) return start;
  ResultImpl& whole = *start.impl();
  whole.streaming = false;
  QueryResult batch;
  while (stream.NextBatch(&batch)) {
    if (whole.copy_out) {
      whole.copy_data += batch.copy_data();  // (COPY's result is its text, not rows)
    } else {
      for (auto& chunk : batch.impl()->chunks) whole.AddChunk(std::move(chunk));
    }
  }
  if (!batch.ok()) return batch;
  if (whole.copy_out) whole.copy_data += batch.copy_data();  // (the binary format's trailer)
  whole.tag = batch.command_tag();
  whole.rows_affected = batch.rows_affected();
  auto& notices = batch.impl()->notices;
  whole.notices.insert(whole.notices.end(), notices.begin(), notices.end());
  return start;
}

std::vector<QueryResult> ReadAll(StreamImpl& stream) {
  std::vector<QueryResult> out;
  QueryResult start;
  while (stream.NextStatement(&start)) out.push_back(ReadWhole(stream, std::move(start)));
  return out;
}

ResultStream::ResultStream(std::unique_ptr<StreamImpl> impl) : impl_(std::move(impl)) {}
ResultStream::ResultStream(ResultStream&&) noexcept = default;
ResultStream& ResultStream::operator=(ResultStream&&) noexcept = default;
ResultStream::~ResultStream() = default;

bool ResultStream::NextStatement(QueryResult* start) { return impl_->NextStatement(start); }
bool ResultStream::NextBatch(QueryResult* out) { return impl_->NextBatch(out); }
void ResultStream::Close() { impl_->Close(); }

void ResultStream::Abort() {
  impl_->done = true;
  if (!impl_->open) return;
  auto s = std::move(impl_->open);
  impl_->conn->CloseOpen(*s, true);
}

uint64_t ResultStream::rows_streamed() const { return impl_->open ? impl_->open->rows : 0; }

}  // namespace kanto
