// StreamImpl: the state behind a ResultStream: the statements still to run (a query string's, or
// one prepared statement's) and the open statement whose rows are being read.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kanto/kanto.hpp"
#include "main/open_statement.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto {

class StreamImpl {
 public:
  ~StreamImpl();
  bool NextStatement(QueryResult* start);
  bool NextBatch(QueryResult* out);
  void Close();

  ConnectionImpl* conn = nullptr;
  // A query string: its statements, run in turn until one fails.
  std::vector<ast::StatementPtr> stmts;
  size_t next = 0;
  std::string query_text;  // for pg_stat_activity before each statement
  std::optional<Error> parse_error;
  // Or one statement run by this function (prepared, or with parameters).
  std::function<QueryResult()> single;
  bool done = false;
  std::shared_ptr<OpenStatement> open;
};

// A streaming start result read to its end: the whole result, or the error raised mid-stream.
QueryResult ReadWhole(StreamImpl& stream, QueryResult start);
// Every statement of the stream, each whole; stops after the first error.
std::vector<QueryResult> ReadAll(StreamImpl& stream);

}  // namespace kanto
