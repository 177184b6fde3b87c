// SQL cursors: DECLARE materializes the query's rows, FETCH returns the next rows, MOVE skips them,
// CLOSE drops the cursor. Cursors live in their transaction unless declared WITH HOLD.
#include "main/connection_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

void ConnectionImpl::CloseTransactionCursors() {
  for (auto it = cursors_.begin(); it != cursors_.end();) {
    it = it->second.hold ? std::next(it) : cursors_.erase(it);
  }
}

std::unique_ptr<ResultImpl> ConnectionImpl::RunCursor(const ast::CursorStmt& stmt, const std::vector<Value>& params) {
  using A = ast::CursorStmt::Action;
  if (stmt.action == A::kDeclare) {
    if (state_ != TxnState::kInBlock && !stmt.hold) {
      throw Error(sqlstate::kNoActiveTransaction, "DECLARE CURSOR can only be used in transaction blocks");
    }
    if (cursors_.count(stmt.name)) {
      throw Error(sqlstate::kDuplicateCursor, "cursor \"" + stmt.name + "\" already exists");
    }
    Cursor c;
    c.rows = RunQuery(*stmt.query, params);
    c.hold = stmt.hold;
    cursors_[stmt.name] = std::move(c);
    return TagOnly("DECLARE CURSOR");
  }
  if (stmt.action == A::kClose) {
    if (stmt.name.empty()) {
      cursors_.clear();
      return TagOnly("CLOSE CURSOR ALL");
    }
    if (!cursors_.erase(stmt.name)) throw Error(sqlstate::kInvalidCursorName, "cursor \"" + stmt.name + "\" does not exist");
    return TagOnly("CLOSE CURSOR");
  }
  auto it = cursors_.find(stmt.name);
  if (it == cursors_.end()) throw Error(sqlstate::kInvalidCursorName, "cursor \"" + stmt.name + "\" does not exist");
  Cursor& c = it->second;
  size_t total = c.rows->row_count();
  size_t want = stmt.count < 0 ? 0 : static_cast<size_t>(std::min<int64_t>(stmt.count, static_cast<int64_t>(total)));
  size_t end = std::min(total, c.next + want);
  size_t from = c.next;
  c.next = end;
  bool move = stmt.action == A::kMove;
  auto out = std::make_unique<ResultImpl>();
  out->tag = (move ? "MOVE " : "FETCH ") + std::to_string(end - from);
  if (move) return out;
  out->has_rows = true;
  out->columns = c.rows->columns;
  out->types = c.rows->types;
  DataChunk chunk(out->types);
  for (size_t r = from; r < end; r++) {
    for (size_t col = 0; col < out->types.size(); col++) {
      size_t off;
      const Vector& v = c.rows->Cell(r, col, &off);
      chunk.column(col).AppendFrom(v, off);
    }
    chunk.set_size(chunk.size() + 1);
    if (chunk.size() == kChunkSize) {
      out->AddChunk(std::move(chunk));
      chunk = DataChunk(out->types);
    }
  }
  if (chunk.size()) out->AddChunk(std::move(chunk));
  return out;
}

const std::vector<ColumnInfo>* ConnectionImpl::CursorColumns(const std::string& name) const {
  auto it = cursors_.find(name);
  return it == cursors_.end() ? nullptr : &it->second.rows->columns;
}

const std::vector<ColumnInfo>* Connection::CursorColumns(const std::string& name) const {
  return impl_->CursorColumns(name);
}

}  // namespace kanto
