// Cursor statements: DECLARE name [BINARY] [ASENSITIVE | INSENSITIVE] [[NO] SCROLL] CURSOR
// [WITH[OUT] HOLD] FOR query, FETCH / MOVE in every direction, CLOSE name | ALL.
// BINARY cursors and row-locking cursor queries are refused with 0A000.
#include "parser/transformer.hpp"

namespace kanto::parser {

namespace {
constexpr int32_t kCursorBinary = 0x1, kCursorScroll = 0x2, kCursorNoScroll = 0x4, kCursorInsensitive = 0x8,
                  kCursorAsensitive = 0x10, kCursorHold = 0x20;

// The row-locking clause as PostgreSQL names it in messages.
std::string LockingName(ast::SelectStmt::LockingClause::Strength s) {
  using S = ast::SelectStmt::LockingClause::Strength;
  switch (s) {
    case S::kKeyShare: return "FOR KEY SHARE";
    case S::kShare: return "FOR SHARE";
    case S::kNoKeyUpdate: return "FOR NO KEY UPDATE";
    case S::kUpdate: return "FOR UPDATE";
  }
  return "FOR UPDATE";
}

// A cursor over SELECT ... FOR UPDATE / SHARE: PostgreSQL's errors for holdable, scrollable and
// insensitive ones; Kanto does not lock rows as a cursor fetches them (0A000).
void CheckCursorLocking(int32_t options, const ast::SelectStmt& query) {
  if (query.locking.empty()) return;
  std::string what = LockingName(query.locking.front().strength);
  if (options & kCursorHold) {
    throw Error(sqlstate::kFeatureNotSupported, "DECLARE CURSOR WITH HOLD ... " + what + " is not supported")
        .WithDetail("Holdable cursors must be READ ONLY.");
  }
  if (options & kCursorScroll) {
    throw Error(sqlstate::kFeatureNotSupported, "DECLARE SCROLL CURSOR ... " + what + " is not supported")
        .WithDetail("Scrollable cursors must be READ ONLY.");
  }
  if (options & kCursorInsensitive) {
    throw Error("42P11", "DECLARE INSENSITIVE CURSOR ... " + what + " is not valid")
        .WithDetail("Insensitive cursors must be READ ONLY.");
  }
  Unsupported("DECLARE CURSOR ... " + what);
}

ast::CursorStmt::Direction Direction(PgQuery__FetchDirection d) {
  using D = ast::CursorStmt::Direction;
  switch (d) {
    case PG_QUERY__FETCH_DIRECTION__FETCH_BACKWARD: return D::kBackward;
    case PG_QUERY__FETCH_DIRECTION__FETCH_ABSOLUTE: return D::kAbsolute;
    case PG_QUERY__FETCH_DIRECTION__FETCH_RELATIVE: return D::kRelative;
    default: return D::kForward;
  }
}
}  // namespace

ast::StatementPtr TransformCursorStmt(const Node* n) {
  auto out = std::make_unique<ast::CursorStmt>();
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT: {
      const auto* d = n->declare_cursor_stmt;
      if ((d->options & kCursorScroll) && (d->options & kCursorNoScroll)) {
        throw Error("42P11", "cannot specify both SCROLL and NO SCROLL");
      }
      if ((d->options & kCursorInsensitive) && (d->options & kCursorAsensitive)) {
        throw Error("42P11", "cannot specify both ASENSITIVE and INSENSITIVE");
      }
      if (d->options & kCursorBinary) Unsupported("BINARY cursors");
      out->action = ast::CursorStmt::Action::kDeclare;
      out->name = d->portalname;
      out->hold = (d->options & kCursorHold) != 0;
      out->scroll = (d->options & kCursorScroll) != 0;
      out->no_scroll = (d->options & kCursorNoScroll) != 0;
      out->query = TransformStatement(d->query);
      if (out->query->kind != ast::StmtKind::kSelect) Unsupported("DECLARE CURSOR for this statement");
      CheckCursorLocking(d->options, static_cast<const ast::SelectStmt&>(*out->query));
      break;
    }
    case PG_QUERY__NODE__NODE_FETCH_STMT: {
      const auto* f = n->fetch_stmt;
      out->action = f->ismove ? ast::CursorStmt::Action::kMove : ast::CursorStmt::Action::kFetch;
      out->name = f->portalname;
      out->direction = Direction(f->direction);
      // ALL arrives as LONG_MAX; the most negative count is kept negatable.
      out->count = std::max<int64_t>(f->how_many, -INT64_MAX);
      break;
    }
    case PG_QUERY__NODE__NODE_CLOSE_PORTAL_STMT:
      out->action = ast::CursorStmt::Action::kClose;
      out->name = n->close_portal_stmt->portalname ? n->close_portal_stmt->portalname : "";
      break;
    default:
      Unsupported("this cursor statement");
  }
  return out;
}

}  // namespace kanto::parser
