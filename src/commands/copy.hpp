// COPY ... FROM STDIN and COPY ... TO STDOUT (copy_from.cpp, copy_to.cpp), in the formats of
// copy_format.hpp. The session (main/) moves the data: it holds a COPY FROM until its data has
// come, then runs CopyFrom as a statement of its own; it runs COPY TO's query and streams its rows
// through AppendCopyRows.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "commands/command_context.hpp"
#include "commands/copy_format.hpp"

namespace kanto {
class QueryResult;
}  // namespace kanto

namespace kanto::commands {

// The columns COPY reads or writes (positions in `table`): those given (42703 when one does not
// exist, 42701 when one is named twice, 42P10 for a generated column), or every column but the
// generated ones.
std::vector<uint32_t> CopyColumns(const TableEntry& table, const std::vector<std::string>& given);

// COPY table FROM STDIN before its data: checks the statement (options, target table, columns), so
// that its errors come before the client sends data. Returns the columns the data gives.
std::vector<ColumnEntry> PrepareCopyFrom(const ast::CopyStmt& stmt, CommandContext& ctx);
// COPY table FROM STDIN with its data: each row's fields go through their column type's input
// function (as a string literal in INSERT does), the other columns get what INSERT gives them
// (defaults, identity, generated columns), and each row is checked (NOT NULL, CHECK, unique,
// foreign keys at the end, deferred ones at COMMIT) and written through the table writer. Errors
// carry PostgreSQL's context ("COPY t, line 3, column a: \"x\""). `deadline_micros`: the steady-clock
// time statement_timeout ends the COPY at (57014), 0 for none.
CommandResult CopyFrom(const ast::CopyStmt& stmt, std::string_view data, CommandContext& ctx,
                       int64_t deadline_micros = 0);

// COPY table [(columns)] TO STDOUT: the query whose rows it writes, SELECT columns FROM table.
std::shared_ptr<ast::Statement> CopyToQuery(const ast::CopyStmt& stmt, CommandContext& ctx);
// COPY TO's HEADER line: the column names as fields of the format.
std::string CopyHeader(const std::vector<std::string>& names, const CopyOptions& options);
// Appends each row of `rows` as one line of the format (binary: one tuple; the binary header and
// trailer are copy_binary.hpp's).
void AppendCopyRows(const QueryResult& rows, const CopyOptions& options, std::string* out);

}  // namespace kanto::commands
