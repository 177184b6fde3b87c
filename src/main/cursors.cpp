// SQL cursors on the connection: DECLARE opens the query as a streaming statement whose rows the
// session's CursorSet (commands/cursor.cpp) reads as FETCH and MOVE need them; FETCH's rows become
// the statement's result.
#include "commands/cursor.hpp"

#include "main/connection_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

namespace {

// A cursor's query, read batch by batch: its plan runs in the declaring transaction as of the
// DECLARE's snapshot, under the statement_timeout of the statement that reads it.
class QueryCursorSource : public commands::CursorSource {
 public:
  QueryCursorSource(std::shared_ptr<OpenStatement> open, storage::Transaction* txn, const int64_t* deadline)
      : open_(std::move(open)), txn_(txn), deadline_(deadline), snapshot_(txn->statement_snapshot()) {}

  bool Next(DataChunk* out, size_t max_rows) override {
    if (!open_->state) return false;
    UseSnapshot use(txn_, snapshot_);
    ExecutionContext& ctx = open_->ctx;
    ctx.batch_rows = max_rows;
    ctx.deadline_micros = *deadline_;
    while (true) {
      bool more = open_->plan->Pull(ctx, *open_->state, *out);
      if (out->size() > 0) return true;
      if (!more) break;
    }
    open_->state.reset();  // (done: its storage iterators go now)
    return false;
  }

  bool Rewind() override {
    UseSnapshot use(txn_, snapshot_);
    open_->state.reset();
    open_->ctx.subquery_cache->clear();
    open_->state = open_->plan->InitState(open_->ctx);
    return true;
  }

 private:
  // The DECLARE's snapshot is the statement's while the plan runs.
  struct UseSnapshot {
    UseSnapshot(storage::Transaction* t, std::shared_ptr<const rocksdb::Snapshot> s)
        : txn(t), saved(t->SwapStatementSnapshot(std::move(s))) {}
    ~UseSnapshot() { txn->SwapStatementSnapshot(std::move(saved)); }
    storage::Transaction* txn;
    std::shared_ptr<const rocksdb::Snapshot> saved;
  };

  std::shared_ptr<OpenStatement> open_;
  storage::Transaction* txn_;
  const int64_t* deadline_;
  std::shared_ptr<const rocksdb::Snapshot> snapshot_;
};

// A query whose result came whole: its batches in turn.
class ResultCursorSource : public commands::CursorSource {
 public:
  explicit ResultCursorSource(std::unique_ptr<ResultImpl> rows) : rows_(std::move(rows)) {}
  bool Next(DataChunk* out, size_t) override {
    if (next_ >= rows_->chunks.size()) return false;
    *out = rows_->chunks[next_++];
    return true;
  }
  bool Rewind() override {
    next_ = 0;
    return true;
  }

 private:
  std::unique_ptr<ResultImpl> rows_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<ResultImpl> ConnectionImpl::RunCursor(const ast::CursorStmt& stmt, const std::vector<Value>& params) {
  using A = ast::CursorStmt::Action;
  if (stmt.action == A::kDeclare) {
    if (state_ != TxnState::kInBlock && !stmt.hold) {
      throw Error(sqlstate::kNoActiveTransaction, "DECLARE CURSOR can only be used in transaction blocks");
    }
    cursors_.CheckNewName(stmt.name);
    // The query opens as a streaming statement (RunQuery with stream_stmt_), which the cursor takes.
    const ast::Statement* outer = stream_stmt_;
    stream_stmt_ = stmt.query.get();
    declaring_cursor_ = true;
    std::unique_ptr<ResultImpl> r;
    try {
      r = RunQuery(*stmt.query, params);
    } catch (...) {
      stream_stmt_ = outer;
      declaring_cursor_ = false;
      throw;
    }
    stream_stmt_ = outer;
    declaring_cursor_ = false;
    commands::CursorDefinition def;
    def.columns = r->columns;
    def.types = r->types;
    def.scroll = stmt.scroll;
    def.no_scroll = stmt.no_scroll;
    def.hold = stmt.hold;
    // (inside a block the statement's own savepoint is the last one)
    def.savepoint_depth = savepoints_.empty() ? 0 : savepoints_.size() - 1;
    def.created_micros = stmt_start_micros_;
    {
      std::lock_guard<std::mutex> lock(session_.mu);
      def.statement = session_.query;
    }
    std::unique_ptr<commands::CursorSource> source;
    if (r->streaming) {
      source = std::make_unique<QueryCursorSource>(std::move(open_), txn_.get(), &stmt_deadline_micros_);
      open_.reset();
    } else {
      source = std::make_unique<ResultCursorSource>(std::move(r));
    }
    cursors_.Declare(stmt.name, std::move(def), std::move(source));
    return TagOnly("DECLARE CURSOR");
  }
  if (stmt.action == A::kClose) {
    if (stmt.name.empty()) {
      cursors_.CloseAll();
      return TagOnly("CLOSE CURSOR ALL");
    }
    cursors_.Close(stmt.name);
    return TagOnly("CLOSE CURSOR");
  }
  bool move = stmt.action == A::kMove;
  commands::CursorFetch fetched = cursors_.Fetch(stmt.name, stmt.direction, stmt.count, move);
  auto out = std::make_unique<ResultImpl>();
  out->tag = std::move(fetched.tag);
  if (move) return out;
  out->has_rows = true;
  out->columns = fetched.definition->columns;
  out->types = fetched.definition->types;
  for (auto& chunk : fetched.chunks) out->AddChunk(std::move(chunk));
  return out;
}

const std::vector<ColumnInfo>* ConnectionImpl::CursorColumns(const std::string& name) const {
  return cursors_.Columns(name);
}

const std::vector<ColumnInfo>* Connection::CursorColumns(const std::string& name) const {
  return impl_->CursorColumns(name);
}

}  // namespace kanto
