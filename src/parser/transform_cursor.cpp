// Cursor statements: DECLARE ... CURSOR [WITH HOLD] FOR query, FETCH/MOVE forward, CLOSE.
// Scrollable cursors and backward or absolute fetches are refused with 0A000.
#include "parser/transformer.hpp"

namespace kanto::parser {

namespace {
constexpr int32_t kCursorBinary = 0x1, kCursorScroll = 0x2, kCursorHold = 0x20;
}  // namespace

ast::StatementPtr TransformCursorStmt(const Node* n) {
  auto out = std::make_unique<ast::CursorStmt>();
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT: {
      const auto* d = n->declare_cursor_stmt;
      if (d->options & kCursorBinary) Unsupported("BINARY cursors");
      if (d->options & kCursorScroll) Unsupported("SCROLL cursors");
      out->action = ast::CursorStmt::Action::kDeclare;
      out->name = d->portalname;
      out->hold = (d->options & kCursorHold) != 0;
      out->query = TransformStatement(d->query);
      if (out->query->kind != ast::StmtKind::kSelect) Unsupported("DECLARE CURSOR for this statement");
      break;
    }
    case PG_QUERY__NODE__NODE_FETCH_STMT: {
      const auto* f = n->fetch_stmt;
      if (f->direction != PG_QUERY__FETCH_DIRECTION__FETCH_FORWARD) Unsupported("FETCH other than forward");
      out->action = f->ismove ? ast::CursorStmt::Action::kMove : ast::CursorStmt::Action::kFetch;
      out->name = f->portalname;
      out->count = f->how_many;  // FETCH ALL arrives as LONG_MAX
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
