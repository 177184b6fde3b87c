// SQL cursors: a cursor's position and its motion, after PostgreSQL's portal semantics: the
// position is before the first row (0), on row k (1-based), or after the last; FETCH FORWARD n
// returns the n rows after the position and stays on the last one returned; a FETCH that runs out
// of rows leaves the cursor after the last one. ABSOLUTE and RELATIVE move without returning rows
// and then fetch one; FORWARD 0 / RELATIVE 0 return the current row again (which needs one step
// back). Backward steps need SCROLL.
#include "commands/cursor.hpp"

#include <algorithm>
#include <deque>

#include "kanto/error.hpp"

namespace kanto::commands {

namespace {
constexpr int64_t kAll = INT64_MAX;  // FETCH ALL

Error ScanForwardOnly() {
  return Error(sqlstate::kObjectNotInPrerequisiteState, "cursor can only scan forward")
      .WithHint("Declare it with SCROLL option to enable backward scan.");
}
}  // namespace

struct CursorSet::Cursor {
  std::string name;
  CursorDefinition def;
  std::unique_ptr<CursorSource> source;  // null once it can no longer be read (or read again)
  bool source_done = false;              // every row of the source was read
  bool in_transaction = true;            // declared in the running transaction
  bool failed = false;
  // The rows read and kept: chunks[i] holds rows starts[i] + 1 .. starts[i] + chunks[i].size().
  std::deque<DataChunk> chunks;
  std::deque<uint64_t> starts;
  uint64_t read = 0;  // rows read from the source so far
  // The position, as PostgreSQL's portal keeps it.
  uint64_t cur = 0;  // 0 before the first row, k on row k, rows + 1 after the last
  bool at_start = true, at_end = false;

  // PostgreSQL's portalPos: the rows before the position (the last one when after the end).
  uint64_t portal_pos() const { return at_end ? cur - 1 : cur; }

  // Whether row `row` (1-based) exists, reading batches of about `want` rows until it is held.
  bool Have(uint64_t row, int64_t want) {
    while (read < row && source && !source_done) {
      Forget();  // (a long MOVE keeps only the batch it is in)
      DataChunk chunk;
      size_t n = static_cast<size_t>(std::clamp<int64_t>(want, 1, static_cast<int64_t>(kChunkSize)));
      if (!source->Next(&chunk, n)) {
        source_done = true;
        if (def.no_scroll) source.reset();  // (never read again)
        break;
      }
      if (chunk.size() == 0) continue;
      starts.push_back(read);
      read += chunk.size();
      chunks.push_back(std::move(chunk));
    }
    return row <= read;
  }
  // Appends row `row` (held) to *out.
  void Emit(uint64_t row, std::vector<DataChunk>* out) {
    if (row > read || chunks.empty() || row <= starts.front()) {
      // (a query read again from its start gave fewer rows: a volatile query)
      throw Error(sqlstate::kInternalError, "cursor \"" + name + "\" lost its rows when its query was read again");
    }
    size_t i = std::upper_bound(starts.begin(), starts.end(), row - 1) - starts.begin() - 1;
    if (out->empty() || out->back().size() == kChunkSize) out->emplace_back(def.types);
    out->back().AppendRowFrom(chunks[i], static_cast<size_t>(row - 1 - starts[i]));
  }
  // A cursor that does not go back forgets the batches before its position.
  void Forget() {
    if (def.scroll) return;
    while (!chunks.empty() && starts.front() + chunks.front().size() <= cur) {
      chunks.pop_front();
      starts.pop_front();
    }
  }
  void ReadAll() {
    while (Have(read + 1, kAll)) {
    }
  }
  // Before a step back: SCROLL goes; NO SCROLL refuses (55000); the default becomes SCROLL by
  // reading its query again from the start (its rows are read again as the position needs them).
  void NeedBackward() {
    if (def.scroll) return;
    if (def.no_scroll) throw ScanForwardOnly();
    bool rewind = read > 0;  // (nothing read yet: nothing to read again)
    if (rewind && (!source || !source->Rewind())) throw ScanForwardOnly();
    def.scroll = true;
    chunks.clear();
    starts.clear();
    read = 0;
    source_done = false;
  }

  // PostgreSQL's PortalRunSelect: up to `count` rows (kAll: every row) forward or back; rows go
  // to *out unless null. Returns how many rows it passed.
  uint64_t Select(bool forward, int64_t count, std::vector<DataChunk>* out) {
    uint64_t n = 0;
    bool all = count == kAll;
    if (forward) {
      if (at_end || count <= 0) return 0;
      while (all || static_cast<int64_t>(n) < count) {
        if (!Have(cur + 1, all ? kAll : count - static_cast<int64_t>(n))) break;
        cur++;
        n++;
        if (out) Emit(cur, out);
      }
      if (n > 0) at_start = false;
      if (all || static_cast<int64_t>(n) < count) {
        at_end = true;
        cur = read + 1;
      }
      Forget();
      return n;
    }
    NeedBackward();
    if (at_start || count <= 0) return 0;
    Have(cur - 1, kAll);  // (a cursor that just became SCROLL reads its rows again)
    while ((all || static_cast<int64_t>(n) < count) && cur > 1) {
      cur--;
      n++;
      if (out) Emit(cur, out);
    }
    if (n > 0 && at_end) at_end = false;
    if (all || static_cast<int64_t>(n) < count) {
      at_start = true;
      cur = 0;
    }
    return n;
  }
  // Back before the first row (PostgreSQL's DoPortalRewind).
  void Rewind() {
    if (at_start && !at_end) return;  // not moved yet
    NeedBackward();
    cur = 0;
    at_start = true;
    at_end = false;
  }

  // PostgreSQL's PortalRunFetch.
  uint64_t Run(ast::CursorStmt::Direction direction, int64_t count, bool move, std::vector<DataChunk>* out) {
    using D = ast::CursorStmt::Direction;
    std::vector<DataChunk>* rows = move ? nullptr : out;
    bool forward = true;
    switch (direction) {
      case D::kForward:
      case D::kBackward:
        forward = (direction == D::kForward) == (count >= 0);
        count = count < 0 ? -count : count;
        break;
      case D::kAbsolute:
        if (count > 0) {
          uint64_t pos = portal_pos();
          if (static_cast<uint64_t>(count - 1) <= pos / 2 || pos >= static_cast<uint64_t>(kAll)) {
            Rewind();
            if (count > 1) Select(true, count - 1, nullptr);
          } else {
            int64_t p = static_cast<int64_t>(pos) + (at_end ? 1 : 0);
            if (count <= p) {
              Select(false, p - count + 1, nullptr);
            } else if (count > p + 1) {
              Select(true, count - p - 1, nullptr);
            }
          }
          return Select(true, 1, rows);
        }
        if (count < 0) {
          Select(true, kAll, nullptr);
          if (count < -1) Select(false, -count - 1, nullptr);
          return Select(false, 1, rows);
        }
        Rewind();
        return Select(true, 0, rows);
      case D::kRelative:
        if (count > 0) {
          if (count > 1) Select(true, count - 1, nullptr);
          return Select(true, 1, rows);
        }
        if (count < 0) {
          if (count < -1) Select(false, -count - 1, nullptr);
          return Select(false, 1, rows);
        }
        break;  // RELATIVE 0: as FORWARD 0
    }
    if (count == 0) {
      bool on_row = !at_start && !at_end;
      if (move) return on_row ? 1 : 0;
      if (on_row) {
        Select(false, 1, nullptr);  // back one, to fetch the current row again
        count = 1;
        forward = true;
      }
    }
    if (!forward && count == kAll && move) {
      uint64_t moved = portal_pos();
      if (moved > 0 && !at_end) moved--;
      Rewind();
      return moved;
    }
    return Select(forward, count, rows);
  }
};

CursorSet::CursorSet() = default;
CursorSet::~CursorSet() = default;

void CursorSet::CheckNewName(const std::string& name) const {
  if (cursors_.count(name)) throw Error(sqlstate::kDuplicateCursor, "cursor \"" + name + "\" already exists");
}

void CursorSet::Declare(const std::string& name, CursorDefinition definition, std::unique_ptr<CursorSource> source) {
  CheckNewName(name);
  auto c = std::make_unique<Cursor>();
  c->name = name;
  c->def = std::move(definition);
  c->source = std::move(source);
  cursors_[name] = std::move(c);
}

CursorSet::Cursor& CursorSet::Find(const std::string& name) {
  auto it = cursors_.find(name);
  if (it == cursors_.end()) throw Error(sqlstate::kInvalidCursorName, "cursor \"" + name + "\" does not exist");
  return *it->second;
}

CursorFetch CursorSet::Fetch(const std::string& name, ast::CursorStmt::Direction direction, int64_t count, bool move) {
  Cursor& c = Find(name);
  if (c.failed) throw Error(sqlstate::kObjectNotInPrerequisiteState, "portal \"" + name + "\" cannot be run");
  CursorFetch out;
  try {
    out.count = c.Run(direction, count, move, &out.chunks);
  } catch (...) {
    // As PostgreSQL marks a portal failed at any error of its FETCH: the cursor cannot go on.
    c.failed = true;
    c.source.reset();
    throw;
  }
  out.tag = (move ? "MOVE " : "FETCH ") + std::to_string(out.count);
  out.definition = &c.def;
  return out;
}

void CursorSet::Close(const std::string& name) {
  Find(name);
  cursors_.erase(name);
}

void CursorSet::CloseAll() { cursors_.clear(); }

const std::vector<ColumnInfo>* CursorSet::Columns(const std::string& name) const {
  auto it = cursors_.find(name);
  return it == cursors_.end() ? nullptr : &it->second->def.columns;
}

std::vector<SessionSettings::CursorRow> CursorSet::List() const {
  std::vector<SessionSettings::CursorRow> out;
  for (const auto& [name, c] : cursors_) {
    out.push_back({name, c->def.statement, c->def.hold, !c->def.no_scroll, c->def.created_micros});
  }
  return out;
}

void CursorSet::BeforeCommit() {
  for (auto& [name, c] : cursors_) {
    if (!c->def.hold || !c->in_transaction || c->failed) continue;
    // As PostgreSQL keeps every row of a holdable cursor that may scroll, the rest of a NO SCROLL one.
    if (!c->def.no_scroll) c->NeedBackward();
    c->ReadAll();
  }
}

bool CursorSet::DeclaredWithHold() const {
  for (const auto& [name, c] : cursors_) {
    if (c->def.hold && c->in_transaction) return true;
  }
  return false;
}

void CursorSet::AtTransactionEnd(bool committed) {
  for (auto it = cursors_.begin(); it != cursors_.end();) {
    Cursor& c = *it->second;
    bool keep = c.def.hold && (!c.in_transaction || committed);
    if (keep) {
      c.in_transaction = false;
      c.source.reset();  // (its rows were read before the commit)
      ++it;
    } else {
      it = cursors_.erase(it);
    }
  }
}

void CursorSet::BeforeSavepointRollback(size_t depth, bool writes) {
  for (auto it = cursors_.begin(); it != cursors_.end();) {
    Cursor& c = *it->second;
    if (c.in_transaction && c.def.savepoint_depth >= depth) {
      it = cursors_.erase(it);
      continue;
    }
    if (writes && c.source && !c.source_done && !c.failed) {
      try {
        c.ReadAll();
      } catch (...) {
        c.failed = true;
        c.source.reset();
      }
    }
    ++it;
  }
}

void CursorSet::AfterSavepointRelease(size_t depth) {
  for (auto& [name, c] : cursors_) c->def.savepoint_depth = std::min(c->def.savepoint_depth, depth);
}

}  // namespace kanto::commands
