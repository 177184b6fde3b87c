// SQL cursors (DECLARE, FETCH, MOVE, CLOSE): the session's open cursors and the motion of each over
// its query's rows, with PostgreSQL's semantics for every FETCH direction. A cursor reads rows
// from its CursorSource only as a FETCH or MOVE reaches them: a SCROLL cursor keeps every row read
// (it may go back), the others keep only the batch being read, so memory stays flat however many
// rows pass. NO SCROLL cursors never go back (55000). A cursor declared with neither goes back as
// PostgreSQL lets it when its plan can run backward: at its first backward step it reads its
// query again from the start and keeps its rows from then on, as a SCROLL cursor does.
// WITH HOLD cursors read the rest of their rows at COMMIT and outlive the transaction.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "function/function_context.hpp"
#include "kanto/kanto.hpp"
#include "parser/ast_stmt.hpp"
#include "types/vector.hpp"

namespace kanto::commands {

// The rows of a cursor's query, read batch by batch inside the declaring transaction.
class CursorSource {
 public:
  virtual ~CursorSource() = default;
  // The next batch (about `max_rows` rows, at most kChunkSize) into *out; false at the end.
  // Throws Error when the query fails.
  virtual bool Next(DataChunk* out, size_t max_rows) = 0;
  // Starts the query again from its first row (as of the same snapshot); false when it cannot.
  virtual bool Rewind() = 0;
};

struct CursorDefinition {
  std::vector<ColumnInfo> columns;
  std::vector<LogicalType> types;
  bool scroll = false, no_scroll = false;  // neither: the default
  bool hold = false;
  // The savepoints open when it was declared: ROLLBACK TO one of them closes the cursor.
  size_t savepoint_depth = 0;
  std::string statement;       // the DECLARE's query text (pg_cursors)
  int64_t created_micros = 0;  // its statement's start
};

// What a FETCH returns (rows) or a MOVE reports: "FETCH n" / "MOVE n".
struct CursorFetch {
  std::string tag;
  const CursorDefinition* definition = nullptr;  // the cursor's columns and types
  uint64_t count = 0;
  std::vector<DataChunk> chunks;
};

class CursorSet {
 public:
  CursorSet();
  ~CursorSet();
  CursorSet(const CursorSet&) = delete;
  CursorSet& operator=(const CursorSet&) = delete;

  // 42P03 when a cursor of that name is open (checked before the query is planned).
  void CheckNewName(const std::string& name) const;
  void Declare(const std::string& name, CursorDefinition definition, std::unique_ptr<CursorSource> source);
  // FETCH (rows) or MOVE (`move`: only the count). 34000 for an unknown cursor, 55000 for one a
  // failed FETCH left unusable, 55000 for backward motion on a cursor not declared SCROLL; an
  // error of the query is raised by the FETCH that reaches it (the cursor is then unusable).
  CursorFetch Fetch(const std::string& name, ast::CursorStmt::Direction direction, int64_t count, bool move);
  // CLOSE name (34000 when unknown) / CLOSE ALL, DISCARD ALL.
  void Close(const std::string& name);
  void CloseAll();

  // The columns of a cursor's rows (Describe of a FETCH), null when unknown.
  const std::vector<ColumnInfo>* Columns(const std::string& name) const;
  // pg_cursors. A cursor declared without NO SCROLL is scrollable.
  std::vector<SessionSettings::CursorRow> List() const;

  // Transaction ends. BeforeCommit: the WITH HOLD cursors of the transaction read the rest of
  // their rows (throws Error: the commit fails). AtTransactionEnd: cursors without HOLD close, and
  // at a rollback the transaction's WITH HOLD ones too.
  void BeforeCommit();
  // PREPARE TRANSACTION refuses a transaction that declared a WITH HOLD cursor.
  bool DeclaredWithHold() const;
  void AtTransactionEnd(bool committed);
  // Before ROLLBACK TO the savepoint below which `depth` savepoints remain: cursors declared
  // after it close. With `writes` (the transaction has written: a rollback rebuilds what open
  // readers of its writes depend on), the other cursors still reading their query read the rest
  // of their rows first; one whose query fails there becomes unusable.
  void BeforeSavepointRollback(size_t depth, bool writes);
  // After RELEASE: cursors declared inside the released savepoints belong to the one below.
  void AfterSavepointRelease(size_t depth);

 private:
  struct Cursor;
  Cursor& Find(const std::string& name);
  std::map<std::string, std::unique_ptr<Cursor>> cursors_;
};

}  // namespace kanto::commands
