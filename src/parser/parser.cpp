#include "parser/parser.hpp"

#include <algorithm>
#include <cstdlib>

#include "common/sized_thread.hpp"
#include "common/stack_depth.hpp"
#include "parser/parse_depth.hpp"
#include "parser/transformer.hpp"

namespace kanto {

namespace {

// Stack that libpg_query (writing its tree) and protobuf-c (reading it) may take per unit of the
// depth bound (measured: 2KB per tree level; `1+1+...` counts two units a level, a UNION one).
constexpr size_t kParseStackPerLevel = 2048;
// libpg_query's protobuf output takes time quadratic in the depth (40 s for 100,000 terms of
// `1+1+...`), so a statement certain to be deeper than the transformer allows is refused before
// parsing: a level of the transformer takes more than this many bytes of the budget...
constexpr size_t kMinStackPerLevel = 64;
// ...and whatever the budget, no deeper than this (about 1 s of parsing).
constexpr size_t kMaxParseDepth = 131072;
// Statements whose parse may need more than this run on a thread of their own.
constexpr size_t kInlineParseStack = 4 * 1024 * 1024;

// libpg_query's raw parser (exported, declared in its internal header): the grammar alone, without
// the recursive protobuf output, in linear time and without recursion.
extern "C" {
struct RawParseResult {
  void* tree;
  char* stderr_buffer;
  PgQueryError* error;
};
RawParseResult pg_query_raw_parse(const char* input);
void* pg_query_enter_memory_context();
void pg_query_exit_memory_context(void* context);
void pg_query_free_error(PgQueryError* error);
}

// The SQLSTATE of an error the grammar raises: 42601, except for what PostgreSQL's grammar reports
// as not implemented (ERRCODE_FEATURE_NOT_SUPPORTED: "MATCH PARTIAL not yet implemented", "a column
// list with SET NULL is only supported for ON DELETE actions").
const char* GrammarErrorState(const char* message) {
  std::string_view m = message ? message : "";
  bool unsupported = (m.size() >= 19 && m.substr(m.size() - 19) == "not yet implemented") ||
                     (m.rfind("a column list with ", 0) == 0 && m.find(" is only supported for ") != std::string_view::npos);
  return unsupported ? sqlstate::kFeatureNotSupported : sqlstate::kSyntaxError;
}

// Throws the syntax error the grammar finds in `text`, if any (PostgreSQL reports it before any
// depth limit, as bison's own "memory exhausted" for 10,000 nested parentheses).
void CheckGrammar(const std::string& text) {
  void* context = pg_query_enter_memory_context();
  RawParseResult raw = pg_query_raw_parse(text.c_str());
  pg_query_exit_memory_context(context);
  free(raw.stderr_buffer);
  if (!raw.error) return;
  Error e(GrammarErrorState(raw.error->message), raw.error->message ? raw.error->message : "syntax error");
  if (raw.error->cursorpos > 0) e.WithPosition(raw.error->cursorpos);
  pg_query_free_error(raw.error);
  throw e;
}

std::vector<ast::StatementPtr> ParseOnThisThread(const std::string& text) {
  PgQueryProtobufParseResult result = pg_query_parse_protobuf(text.c_str());
  if (result.error) {
    if (result.error->message && std::string_view(result.error->message) == "stack depth limit exceeded") {
      pg_query_free_protobuf_parse_result(result);
      ThrowStackDepthExceeded();
    }
    Error e(GrammarErrorState(result.error->message), result.error->message ? result.error->message : "syntax error");
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

}  // namespace

std::vector<ast::StatementPtr> ParseSql(const std::string& text) {
  size_t bound = parser::ParseDepthBound(text);
  size_t budget = CurrentStackBudget() != 0 ? CurrentStackBudget() : kDefaultMaxStackDepth;
  if (bound > std::min(budget / kMinStackPerLevel, kMaxParseDepth)) {
    CheckGrammar(text);
    ThrowStackDepthExceeded();
  }
  size_t need = bound * kParseStackPerLevel;
  if (need <= kInlineParseStack && need + kStackSafetyMargin <= RemainingStack()) return ParseOnThisThread(text);
  // The transformer on that thread keeps this statement's budget.
  std::vector<ast::StatementPtr> out;
  bool ran = RunWithStack(need + 2 * kInlineParseStack, [&] {
    StackDepthScope depth(budget);
    out = ParseOnThisThread(text);
  });
  if (!ran) ThrowStackDepthExceeded();
  return out;
}

}  // namespace kanto
