// COPY table [(columns)] TO STDOUT and COPY (query) TO STDOUT: the rows of a query, one line each
// in the text or CSV format, or one tuple each in the binary format. The session runs the query and hands over its rows batch by batch.
#include "commands/copy.hpp"
#include "commands/copy_binary.hpp"
#include "common/sql_text.hpp"
#include "kanto/binary_format.hpp"
#include "kanto/kanto.hpp"
#include "parser/parser.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

std::shared_ptr<ast::Statement> CopyToQuery(const ast::CopyStmt& stmt, CommandContext& ctx) {
  auto catalog = ctx.catalog();
  BinderEnv env;
  env.catalog = catalog.get();
  env.fn_ctx = &ctx.fn;
  Binder binder(env);
  const TableEntry* table = binder.ResolveTable(stmt.table);
  std::string cols;
  for (uint32_t c : CopyColumns(*table, stmt.columns)) cols += (cols.empty() ? "" : ", ") + QuoteIdent(table->columns[c].name);
  std::string name = (stmt.table.schema.empty() ? "" : QuoteIdent(stmt.table.schema) + ".") + QuoteIdent(stmt.table.name);
  auto parsed = ParseSql("SELECT " + (cols.empty() ? std::string("*") : cols) + " FROM " + name);
  return std::shared_ptr<ast::Statement>(std::move(parsed.at(0)));
}

std::string CopyHeader(const std::vector<std::string>& names, const CopyOptions& options) {
  std::string line;
  for (size_t c = 0; c < names.size(); c++) {
    if (c) line += options.delimiter;
    AppendCopyField(names[c], options, &line);
  }
  return line + '\n';
}

void AppendCopyRows(const QueryResult& rows, const CopyOptions& options, std::string* out) {
  if (options.binary) {
    for (size_t r = 0; r < rows.row_count(); r++) {
      AppendCopyBinaryRowStart(rows.column_count(), out);
      for (size_t c = 0; c < rows.column_count(); c++) {
        if (rows.IsNull(r, c)) {
          AppendCopyBinaryNull(out);
        } else {
          AppendCopyBinaryField(wire::EncodeBinary(rows, r, c), out);
        }
      }
    }
    return;
  }
  std::string scratch;
  for (size_t r = 0; r < rows.row_count(); r++) {
    for (size_t c = 0; c < rows.column_count(); c++) {
      if (c) *out += options.delimiter;
      if (rows.IsNull(r, c)) {
        *out += options.null_string;
      } else {
        AppendCopyField(rows.GetTextView(r, c, &scratch), options, out);
      }
    }
    *out += '\n';
  }
}

}  // namespace kanto::commands
