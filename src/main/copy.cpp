// COPY glue (the statement itself is in commands/copy*.cpp). COPY ... FROM STDIN is checked when
// it arrives and then waits for its data (the server reads CopyData messages, an embedding program
// calls Connection::CopyIn); CopyIn runs it again with the data, as a statement of its own (its
// own transaction, or a statement of the open block). COPY ... TO STDOUT runs its query and
// formats the rows batch by batch as they stream (or all at once when the statement does not
// stream).
#include "commands/copy.hpp"
#include "commands/copy_binary.hpp"
#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"
#include "main/open_statement.hpp"
#include "main/result_impl.hpp"

namespace kanto {

namespace {
// The parts of a COPY FROM STDIN that its data phase needs.
std::unique_ptr<ast::CopyStmt> PendingCopy(const ast::CopyStmt& stmt) {
  auto copy = std::make_unique<ast::CopyStmt>();
  copy->table = stmt.table;
  copy->columns = stmt.columns;
  copy->from = true;
  copy->format = stmt.format;
  copy->delimiter = stmt.delimiter;
  copy->null_string = stmt.null_string;
  copy->null_given = stmt.null_given;
  copy->header = stmt.header;
  copy->quote = stmt.quote;
  copy->escape = stmt.escape;
  copy->freeze = stmt.freeze;  // (a bulk load into a table of the transaction: commands/copy_from)
  return copy;
}
}  // namespace

std::unique_ptr<ResultImpl> ConnectionImpl::RunCopy(const ast::CopyStmt& stmt) {
  if (!stmt.filename.empty() || stmt.program) {
    throw Error(sqlstate::kFeatureNotSupported,
                "COPY to or from a file or program is not supported; use COPY ... FROM STDIN / TO STDOUT (psql's \\copy)");
  }
  if (stmt.has_where) throw Error(sqlstate::kFeatureNotSupported, "COPY FROM ... WHERE is not supported yet");
  commands::CopyOptions format = commands::ParseCopyOptions(stmt);
  commands::CommandContext ctx = MakeCommandContext();
  if (stmt.from && copy_data_) {
    LockCommandRelations(stmt);
    commands::CommandResult r = commands::CopyFrom(stmt, *copy_data_, ctx, stmt_deadline_micros_);
    auto result = TagOnly(std::move(r.tag));
    result->rows_affected = r.rows_affected;
    return result;
  }
  if (stmt.from) {
    auto result = std::make_unique<ResultImpl>();
    result->copy_binary = format.binary;
    for (const ColumnEntry& c : commands::PrepareCopyFrom(stmt, ctx)) {
      result->columns.push_back(ResultColumn(c.name, c.type));
    }
    pending_copy_ = PendingCopy(stmt);
    result->copy_in = true;
    result->tag = "COPY";
    return result;
  }
  // COPY TO STDOUT.
  bool stream = stream_stmt_ == &stmt;
  std::shared_ptr<ast::Statement> generated;
  const ast::Statement* query = stmt.query.get();
  if (!query) {
    generated = commands::CopyToQuery(stmt, ctx);
    query = generated.get();
  }
  stream_stmt_ = stream ? query : nullptr;
  std::unique_ptr<ResultImpl> rows = RunQuery(*query, {});
  stream_stmt_ = nullptr;
  auto format_rows = [format](const QueryResult& view, std::string* data) { commands::AppendCopyRows(view, format, data); };
  auto out = std::make_unique<ResultImpl>();
  out->columns = rows->columns;
  if (format.header) {
    std::vector<std::string> names;
    for (const auto& c : out->columns) names.push_back(c.name);
    out->copy_data = commands::CopyHeader(names, format);
  }
  out->copy_out = true;
  out->copy_binary = format.binary;
  if (format.binary) commands::AppendCopyBinaryHeader(&out->copy_data);
  if (rows->streaming) {
    out->streaming = true;
    out->types = rows->types;
    open_->copy_rows = format_rows;
    open_->keep_statement = generated;
    if (format.binary) open_->copy_trailer = commands::CopyBinaryTrailer();
    return out;
  }
  rows->fn = MakeFunctionContext();
  rows->catalog = catalog_for_statement();
  rows->fn.catalog = rows->catalog.get();
  QueryResult view(std::move(rows));
  format_rows(view, &out->copy_data);
  if (format.binary) out->copy_data += commands::CopyBinaryTrailer();
  out->rows_affected = view.row_count();
  out->tag = "COPY " + std::to_string(view.row_count());
  return out;
}

QueryResult ConnectionImpl::CopyFail(const std::string& message) {
  pending_copy_.reset();
  if (state_ == TxnState::kInBlock) AbortAfterError();
  return QueryResult(Error(sqlstate::kQueryCanceled, "COPY from stdin failed: " + message));
}

QueryResult ConnectionImpl::CopyIn(std::string_view data) {
  if (!pending_copy_) return QueryResult(Error(sqlstate::kProtocolViolation, "no COPY FROM STDIN is in progress"));
  std::unique_ptr<ast::CopyStmt> copy = std::move(pending_copy_);
  copy_data_ = &data;
  QueryResult r = Run(*copy, {});
  copy_data_ = nullptr;
  return r;
}

}  // namespace kanto
