#include "parser/parser.hpp"

#include "parser/transformer.hpp"

namespace kanto {

std::vector<ast::StatementPtr> ParseSql(const std::string& text) {
  PgQueryProtobufParseResult result = pg_query_parse_protobuf(text.c_str());
  if (result.error) {
    Error e(sqlstate::kSyntaxError, result.error->message ? result.error->message : "syntax error");
    if (result.error->cursorpos > 0) e.WithPosition(result.error->cursorpos);
    pg_query_free_protobuf_parse_result(result);
    throw e;
  }
  PgQuery__ParseResult* tree = pg_query__parse_result__unpack(
      nullptr, result.parse_tree.len, reinterpret_cast<const uint8_t*>(result.parse_tree.data));
  pg_query_free_protobuf_parse_result(result);
  if (!tree) throw Error(sqlstate::kInternalError, "could not decode the parse tree");
  std::vector<ast::StatementPtr> out;
  try {
    for (size_t i = 0; i < tree->n_stmts; i++) {
      const PgQuery__RawStmt* raw = tree->stmts[i];
      ast::StatementPtr stmt = parser::TransformStatement(raw->stmt);
      stmt->location = raw->stmt_location;
      stmt->length = raw->stmt_len;
      if (stmt->kind == ast::StmtKind::kCreateView) {
        size_t len = raw->stmt_len > 0 ? static_cast<size_t>(raw->stmt_len) : std::string::npos;
        static_cast<ast::CreateViewStmt&>(*stmt).definition = text.substr(static_cast<size_t>(raw->stmt_location), len);
      }
      out.push_back(std::move(stmt));
    }
  } catch (...) {
    pg_query__parse_result__free_unpacked(tree, nullptr);
    throw;
  }
  pg_query__parse_result__free_unpacked(tree, nullptr);
  return out;
}

}  // namespace kanto
