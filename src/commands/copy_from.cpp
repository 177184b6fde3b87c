// COPY table [(columns)] FROM STDIN: the rows of the data written as INSERT writes rows, without an
// INSERT statement: the binder binds what INSERT binds for the table once (column defaults, CHECK
// constraints, what referential actions write), then each row is converted, completed and written
// through the access layer as INSERT's (access/row_change.hpp), its foreign key checks queued until the end
// of the COPY (or COMMIT, for a deferred constraint), as PostgreSQL fires its RI triggers.
#include <algorithm>

#include "access/bulk_insert.hpp"
#include "access/foreign_key.hpp"
#include "access/row_change.hpp"
#include "commands/copy.hpp"
#include "commands/copy_binary.hpp"
#include "execution/expression_executor.hpp"
#include "execution/physical_planner.hpp"
#include "function/type_input.hpp"
#include "kanto/error.hpp"
#include "parser/ast_expr.hpp"
#include "planner/binder.hpp"
#include "types/binary_receive.hpp"

namespace kanto::commands {

namespace {
constexpr uint64_t kCancelCheckRows = 1000;

std::string LineContext(const TableEntry& table, uint64_t line) {
  return "COPY " + table.name + ", line " + std::to_string(line);
}

// Where in the data an error arose ("COPY t, line 3, column a: \"x\""), PostgreSQL's CONTEXT.
// kanto::Error has no context field yet, so the text goes into the DETAIL of an error that has
// none (an error with a DETAIL of its own, such as a constraint's "Failing row contains", keeps
// it, without the place).
Error& WithCopyContext(Error& e, const std::string& context) {
  if (e.detail().empty()) e.WithDetail(context);
  return e;
}

// A binary-format field of a column of `type`, read by its type (types/binary_receive.hpp, the
// form PostgreSQL's receive functions read; an enum's label, an enum array's labels). A field of a fixed-length type that is too short is
// PostgreSQL's 08P01 "insufficient data left in message", any other misfit 22P03.
Value BinaryInput(std::string_view bytes, const LogicalType& type, const FunctionContext& fn) {
  return TypeInput(BinaryReceiveText(bytes, type), type, CastContext::kAssignment, fn);
}

// PostgreSQL's COPY reports no statement position for the table it names.
Error& WithoutPosition(Error& e) { return e.WithPosition(0); }

// The table COPY FROM writes (42P01, 0A000 for a view, ...).
const TableEntry* CopyTarget(Binder& binder, const ast::CopyStmt& stmt) {
  try {
    return binder.ResolveTargetTable(stmt.table, "copy to");
  } catch (Error& e) {
    throw WithoutPosition(e);
  }
}
}  // namespace

std::vector<uint32_t> CopyColumns(const TableEntry& table, const std::vector<std::string>& given) {
  std::vector<uint32_t> columns;
  if (given.empty()) {
    for (uint32_t c = 0; c < table.columns.size(); c++) {
      if (!table.columns[c].generated) columns.push_back(c);
    }
    return columns;
  }
  for (const auto& name : given) {
    int i = table.FindColumn(name);
    if (i < 0) {
      throw Error(sqlstate::kUndefinedColumn, "column \"" + name + "\" of relation \"" + table.name + "\" does not exist");
    }
    if (table.columns[i].generated) {
      throw Error(sqlstate::kInvalidColumnReference, "column \"" + name + "\" is a generated column")
          .WithDetail("Generated columns cannot be used in COPY.");
    }
    if (std::find(columns.begin(), columns.end(), static_cast<uint32_t>(i)) != columns.end()) {
      throw Error(sqlstate::kDuplicateColumn, "column \"" + name + "\" specified more than once");
    }
    columns.push_back(static_cast<uint32_t>(i));
  }
  return columns;
}

std::vector<ColumnEntry> PrepareCopyFrom(const ast::CopyStmt& stmt, CommandContext& ctx) {
  ParseCopyOptions(stmt);
  auto catalog = ctx.catalog();
  BinderEnv env;
  env.catalog = catalog.get();
  env.fn_ctx = &ctx.fn;
  Binder binder(env);
  const TableEntry* table = CopyTarget(binder, stmt);
  CheckRelationPermissions(*catalog, ctx.fn.current_user, env.RequiredPermissions());
  std::vector<ColumnEntry> out;
  for (uint32_t c : CopyColumns(*table, stmt.columns)) out.push_back(table->columns[c]);
  return out;
}

CommandResult CopyFrom(const ast::CopyStmt& stmt, std::string_view data, CommandContext& ctx, int64_t deadline_micros) {
  CopyOptions options = ParseCopyOptions(stmt);
  auto catalog = ctx.catalog();
  FunctionContext fn = ctx.fn;
  fn.catalog = catalog.get();  // (a serial column's default names its sequence by OID)
  BinderEnv env;
  env.catalog = catalog.get();
  env.fn_ctx = &fn;
  Binder binder(env);
  const TableEntry& table = *CopyTarget(binder, stmt);
  CheckRelationPermissions(*catalog, ctx.fn.current_user, env.RequiredPermissions());
  std::vector<uint32_t> columns = CopyColumns(table, stmt.columns);
  size_t ncols = table.columns.size();

  // What INSERT binds, by binding one (once, not per row): INSERT INTO table (columns)
  // OVERRIDING SYSTEM VALUE VALUES (NULL, ...) gives the defaults of the other columns, the CHECK
  // constraints and what the table's referential actions write. (COPY writes identity columns it
  // is given, as PostgreSQL's does.)
  ast::InsertStmt insert;
  insert.table = stmt.table;
  for (uint32_t c : columns) insert.columns.push_back(table.columns[c].name);
  insert.overriding = ast::InsertStmt::Overriding::kSystem;
  insert.select = std::make_unique<ast::SelectStmt>();
  insert.select->values.emplace_back();
  for (size_t k = 0; k < columns.size(); k++) insert.select->values[0].push_back(std::make_unique<ast::Constant>());
  if (columns.empty()) insert.select.reset();  // DEFAULT VALUES
  BoundStatement bound;
  try {
    bound = binder.Bind(insert);
  } catch (Error& e) {
    throw WithoutPosition(e);  // (a position in the INSERT built here would mean nothing)
  }
  auto& modify = static_cast<LogicalModify&>(*bound.plan);
  auto& values = static_cast<LogicalValues&>(*modify.children.at(0));
  std::vector<bool> given(ncols, false);
  for (uint32_t c : columns) given[c] = true;
  std::vector<BoundExprPtr> defaults(ncols);
  for (size_t c = 0; c < ncols; c++) {
    if (!given[c]) defaults[c] = std::move(values.rows.at(0).at(c));
  }
  WriteConstraints constraints = LowerWriteConstraints(modify);

  ExecutionContext exec = ctx.MakeExecutionContext();
  exec.fn.catalog = catalog.get();
  exec.deadline_micros = deadline_micros;
  std::unique_ptr<access::ReferentialQueue> refs;
  if (constraints.cascades) refs = std::make_unique<access::ReferentialQueue>(exec, constraints.cascades);

  // FREEZE into a table this transaction created or truncated: the rows are ingested as SST files
  // (access/bulk_insert.hpp), PostgreSQL's frozen rows.
  std::unique_ptr<access::BulkInsert> bulk;
  if (stmt.freeze && !refs) bulk = access::BulkInsert::Start(exec, table);

  uint64_t count = 0;
  // Completes a row whose given columns are set (defaults for the others) and writes it.
  // `line` is its place in the data, which `line_error` adds to an error.
  auto write_row = [&](std::vector<Value>& row, uint64_t line, const auto& line_error) {
    for (size_t c = 0; c < ncols; c++) {
      if (!defaults[c]) continue;
      row[c] = defaults[c]->kind == BoundExprKind::kConstant ? defaults[c]->value
                                                              : ExpressionExecutor::EvaluateScalar(*defaults[c], exec);
      row[c].set_type(table.columns[c].type);
    }
    try {
      if (bulk) {
        bulk->Insert(row, constraints.checks);
      } else {
        access::InsertTableRow(exec, table, row, false, constraints.checks, refs.get());
      }
    } catch (Error& e) {
      // A duplicate key shows no line, as in PostgreSQL, whose COPY checks uniqueness when it
      // writes a batch of rows.
      if (e.sqlstate() == sqlstate::kUniqueViolation) throw WithCopyContext(e, LineContext(table, line));
      throw line_error(std::move(e));
    }
    if (++count % kCancelCheckRows == 0) exec.CheckCancel();
  };

  if (options.binary) {
    CopyBinaryReader reader(data);
    std::vector<std::optional<std::string_view>> fields;
    try {
      reader.ReadHeader();
      while (reader.Next(columns.size(), &fields)) {
        std::vector<Value> row(ncols);
        for (size_t k = 0; k < columns.size(); k++) {
          const ColumnEntry& column = table.columns[columns[k]];
          try {
            row[columns[k]] = fields[k] ? BinaryInput(*fields[k], column.type, exec.fn) : Value::Null(column.type);
          } catch (Error& e) {
            throw WithCopyContext(e, LineContext(table, reader.line()) + ", column " + column.name);
          }
        }
        write_row(row, reader.line(), [&](Error e) { return WithCopyContext(e, LineContext(table, reader.line())); });
      }
    } catch (Error& e) {
      if (e.sqlstate() == sqlstate::kBadCopyFileFormat && e.detail().empty()) {
        throw WithCopyContext(e, LineContext(table, reader.line() ? reader.line() : 1));
      }
      throw;
    }
  } else {
    CopyReader reader(data, options);
    std::vector<CopyField> fields;
    try {
      while (reader.Next(&fields)) {
        if (options.header && reader.line() == 1) continue;
        auto line_error = [&](Error e) {
          return WithCopyContext(e, LineContext(table, reader.line()) + ": \"" + CopyContextText(reader.raw()) + "\"");
        };
        if (fields.size() > columns.size()) throw line_error(Error(sqlstate::kBadCopyFileFormat, "extra data after last expected column"));
        if (fields.size() < columns.size()) {
          throw line_error(Error(sqlstate::kBadCopyFileFormat,
                                 "missing data for column \"" + table.columns[columns[fields.size()]].name + "\""));
        }
        std::vector<Value> row(ncols);
        for (size_t k = 0; k < columns.size(); k++) {
          const ColumnEntry& column = table.columns[columns[k]];
          if (!fields[k]) {
            row[columns[k]] = Value::Null(column.type);
            continue;
          }
          try {
            row[columns[k]] = TypeInput(*fields[k], column.type, CastContext::kAssignment, exec.fn);
          } catch (Error& e) {
            throw WithCopyContext(e, LineContext(table, reader.line()) + ", column " + column.name + ": \"" +
                                         CopyContextText(*fields[k]) + "\"");
          }
        }
        write_row(row, reader.line(), line_error);
      }
    } catch (Error& e) {
      if (e.sqlstate() == sqlstate::kBadCopyFileFormat && e.detail().empty()) {
        throw WithCopyContext(e, LineContext(table, reader.line()) + ": \"" + CopyContextText(reader.raw()) + "\"");
      }
      throw;
    }
  }
  // The foreign key checks of the rows, after the last one is written (a row may refer to a row
  // that comes later in the data).
  if (bulk) bulk->Finish();
  if (refs) refs->Run();
  return CommandResult("COPY " + std::to_string(count), count);
}

}  // namespace kanto::commands
