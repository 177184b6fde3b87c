// Streaming statements on the connection: the next batch of rows, the end (commit in autocommit,
// or the statement savepoint released), an error raised while rows stream (the statement fails as
// any failed statement does: rows already read stay read), and ending one early.
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

namespace {

// "SELECT n", or "COPY n" for COPY ... TO STDOUT.
std::string CompletionTag(const OpenStatement& s) { return (s.copy_rows ? "COPY " : "SELECT ") + std::to_string(s.rows); }

}  // namespace

bool ConnectionImpl::PullOpen(OpenStatement& s, DataChunk* out, QueryResult* end) {
  if (!s.buffered.empty()) {
    *out = std::move(s.buffered.front());
    s.buffered.pop_front();
    return true;
  }
  if (s.outcome) {
    *end = std::move(*s.outcome);
    s.outcome.reset();
    return false;
  }
  if (open_.get() != &s) {
    *end = QueryResult(Error(sqlstate::kInvalidCursorName, "the statement is no longer running"));
    return false;
  }
  std::shared_ptr<OpenStatement> keep = open_;
  auto fail = [&](Error e) {
    open_.reset();
    s.state.reset();  // (its iterators go before the transaction does)
    FailStatement(s.autocommit);
    *end = FinishRun(QueryResult(std::move(e)));
    return false;
  };
  try {
    while (true) {
      bool more = s.plan->Pull(s.ctx, *s.state, *out);
      if (out->size() > 0) {
        s.rows += out->size();
        return true;
      }
      if (!more) break;
    }
    if (cancel_.load()) throw Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
  } catch (Error& e) {
    return fail(std::move(e));
  } catch (std::bad_alloc&) {
    return fail(Error(sqlstate::kOutOfMemory, "out of memory"));
  } catch (std::exception& e) {
    return fail(Error(sqlstate::kInternalError, std::string("internal error: ") + e.what()));
  }
  open_.reset();
  s.state.reset();
  auto result = std::make_unique<ResultImpl>();
  result->rows_affected = s.rows;
  result->tag = CompletionTag(s);
  result->copy_data = std::move(s.copy_trailer);
  *end = FinishRun(CompleteStatement(std::move(result), s.autocommit, false));
  return false;
}

void ConnectionImpl::DrainOpen() {
  std::shared_ptr<OpenStatement> s = open_;
  std::deque<DataChunk> rest = std::move(s->buffered);  // (PullOpen would hand these back first)
  s->buffered.clear();
  DataChunk chunk;
  QueryResult end;
  while (PullOpen(*s, &chunk, &end)) rest.push_back(std::move(chunk));
  s->buffered = std::move(rest);
  s->outcome = std::make_unique<QueryResult>(std::move(end));
}

void ConnectionImpl::CloseOpen(OpenStatement& s, bool abort) {
  s.buffered.clear();
  s.outcome.reset();
  if (open_.get() != &s) return;
  std::shared_ptr<OpenStatement> keep = open_;
  open_.reset();
  s.state.reset();
  if (abort) {
    FailStatement(s.autocommit);
    FinishRun(QueryResult(Error("08006", "connection to client lost")));
    return;
  }
  auto result = std::make_unique<ResultImpl>();
  result->tag = CompletionTag(s);
  FinishRun(CompleteStatement(std::move(result), s.autocommit, false));
}

}  // namespace kanto
