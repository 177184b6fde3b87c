// COPY: TO STDOUT runs the query and formats its rows (text or CSV); FROM STDIN waits for the data
// (the server reads CopyData messages, an embedding program calls Connection::CopyIn), parses it and
// inserts it in batches of ordinary INSERTs, inside one transaction.
#include <cctype>
#include <optional>

#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "main/connection_impl.hpp"
#include "main/database_impl.hpp"
#include "main/result_impl.hpp"
#include "parser/parser.hpp"
#include "planner/binder.hpp"

namespace kanto {

namespace {

constexpr size_t kCopyBatchRows = 1000;

struct CopyFormat {
  bool csv = false;
  char delimiter = '\t';
  std::string null_string = "\\N";
  bool header = false;
  char quote = '"';
  char escape = '"';
};

CopyFormat FormatOf(const ast::CopyStmt& stmt) {
  CopyFormat f;
  if (stmt.format == "binary") throw Error(sqlstate::kFeatureNotSupported, "COPY in binary format is not supported yet");
  if (stmt.format != "text" && stmt.format != "csv") {
    throw Error(sqlstate::kInvalidParameterValue, "COPY format \"" + stmt.format + "\" not recognized");
  }
  f.csv = stmt.format == "csv";
  if (f.csv) {
    f.delimiter = ',';
    f.null_string = "";
  }
  if (!stmt.delimiter.empty()) {
    if (stmt.delimiter.size() != 1) {
      throw Error(sqlstate::kFeatureNotSupported, "COPY delimiter must be a single one-byte character");
    }
    f.delimiter = stmt.delimiter[0];
  }
  if (stmt.null_given) f.null_string = stmt.null_string;
  f.header = stmt.header;
  if (f.header && !f.csv) throw Error(sqlstate::kFeatureNotSupported, "COPY HEADER available only in CSV mode");
  if (stmt.quote.size() != 1 || (stmt.escape.size() > 1)) {
    throw Error(sqlstate::kFeatureNotSupported, "COPY quote and escape must be single one-byte characters");
  }
  f.quote = stmt.quote[0];
  f.escape = stmt.escape.empty() ? f.quote : stmt.escape[0];
  return f;
}

// ---- output

void AppendTextField(const std::string& value, const CopyFormat& f, std::string* out) {
  for (char c : value) {
    switch (c) {
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c == f.delimiter) *out += '\\';
        *out += c;
    }
  }
}

void AppendCsvField(const std::string& value, const CopyFormat& f, std::string* out) {
  bool quote = value.empty() || value == f.null_string;
  for (char c : value) quote = quote || c == f.delimiter || c == f.quote || c == '\n' || c == '\r';
  if (!quote) {
    *out += value;
    return;
  }
  *out += f.quote;
  for (char c : value) {
    if (c == f.quote || c == f.escape) *out += f.escape;
    *out += c;
  }
  *out += f.quote;
}

// ---- input

// Splits one text-format line into fields, undoing backslash escapes; NULL where the raw field is
// the null string.
std::vector<std::optional<std::string>> ParseTextLine(const std::string& line, const CopyFormat& f) {
  std::vector<std::optional<std::string>> fields;
  std::string raw, value;
  auto finish = [&]() {
    if (raw == f.null_string) {
      fields.emplace_back(std::nullopt);
    } else {
      fields.emplace_back(value);
    }
    raw.clear();
    value.clear();
  };
  for (size_t i = 0; i < line.size(); i++) {
    char c = line[i];
    if (c == f.delimiter) {
      finish();
      continue;
    }
    raw += c;
    if (c != '\\' || i + 1 >= line.size()) {
      value += c;
      continue;
    }
    char n = line[++i];
    raw += n;
    switch (n) {
      case 'b': value += '\b'; break;
      case 'f': value += '\f'; break;
      case 'n': value += '\n'; break;
      case 'r': value += '\r'; break;
      case 't': value += '\t'; break;
      case 'v': value += '\v'; break;
      case 'x': {
        int v = 0, digits = 0;
        while (digits < 2 && i + 1 < line.size() && std::isxdigit(static_cast<unsigned char>(line[i + 1]))) {
          char h = line[++i];
          raw += h;
          v = v * 16 + (std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : std::tolower(h) - 'a' + 10);
          digits++;
        }
        if (digits == 0) {
          value += 'x';
        } else {
          value += static_cast<char>(v);
        }
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          int v = n - '0', digits = 1;
          while (digits < 3 && i + 1 < line.size() && line[i + 1] >= '0' && line[i + 1] <= '7') {
            raw += line[i + 1];
            v = v * 8 + (line[++i] - '0');
            digits++;
          }
          value += static_cast<char>(v);
        } else {
          value += n;  // \\, \<delimiter>, and any other character stand for themselves
        }
    }
  }
  finish();
  return fields;
}

// Reads CSV records (a quoted field may span lines) from data starting at *pos.
bool NextCsvRecord(std::string_view data, size_t* pos, const CopyFormat& f,
                   std::vector<std::optional<std::string>>* fields) {
  fields->clear();
  if (*pos >= data.size()) return false;
  std::string value;
  bool quoted_any = false, in_quotes = false;
  auto finish = [&]() {
    if (!quoted_any && value == f.null_string) {
      fields->emplace_back(std::nullopt);
    } else {
      fields->emplace_back(value);
    }
    value.clear();
    quoted_any = false;
  };
  size_t i = *pos;
  for (; i < data.size(); i++) {
    char c = data[i];
    if (in_quotes) {
      // Inside quotes: escape + quote (or escape + escape) is a literal; a lone quote ends them.
      bool next_is_special = i + 1 < data.size() && (data[i + 1] == f.quote || data[i + 1] == f.escape);
      if (c == f.escape && next_is_special && !(f.escape == f.quote && data[i + 1] != f.quote)) {
        value += data[++i];
        continue;
      }
      if (c == f.quote) {
        in_quotes = false;
        continue;
      }
      value += c;
      continue;
    }
    if (c == f.quote) {
      in_quotes = true;
      quoted_any = true;
      continue;
    }
    if (c == f.delimiter) {
      finish();
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') i++;
      i++;
      break;
    }
    value += c;
  }
  if (in_quotes) throw Error(sqlstate::kBadCopyFileFormat, "unterminated CSV quoted field");
  finish();
  *pos = i;
  return true;
}

std::unique_ptr<ast::Expr> Literal(const std::optional<std::string>& v) {
  auto c = std::make_unique<ast::Constant>();
  if (v) {
    c->type = ast::Constant::Type::kString;
    c->str = *v;
  }
  return c;
}

// The columns COPY reads or writes: those given (each must exist, and not be generated: 42P10), or
// every column but the generated ones.
std::vector<std::string> CopyColumns(const TableEntry& table, const std::vector<std::string>& given) {
  std::vector<std::string> columns;
  if (given.empty()) {
    for (const auto& c : table.columns) {
      if (!c.generated) columns.push_back(c.name);
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
  }
  return given;
}

}  // namespace

std::unique_ptr<ResultImpl> ConnectionImpl::RunCopy(const ast::CopyStmt& stmt) {
  if (!stmt.filename.empty() || stmt.program) {
    throw Error(sqlstate::kFeatureNotSupported,
                "COPY to or from a file or program is not supported; use COPY ... FROM STDIN / TO STDOUT (psql's \\copy)");
  }
  if (stmt.has_where) throw Error(sqlstate::kFeatureNotSupported, "COPY FROM ... WHERE is not supported yet");
  CopyFormat format = FormatOf(stmt);
  // The table named, resolved against the statement's catalog.
  auto catalog = catalog_for_statement();
  BinderEnv env;
  env.catalog = catalog.get();
  FunctionContext fn = MakeFunctionContext();
  env.fn_ctx = &fn;
  Binder binder(env);
  if (stmt.from) {
    // Check the target now, so that errors come before the client sends data.
    const TableEntry* table = binder.ResolveTargetTable(stmt.table, "copy to");
    auto result = std::make_unique<ResultImpl>();
    std::vector<std::string> columns = CopyColumns(*table, stmt.columns);
    for (const auto& name : columns) {
      int i = table->FindColumn(name);
      const LogicalType& t = table->columns[i].type;
      result->columns.push_back({name, t.oid(), t.typmod(), t.ToString()});
    }
    pending_copy_ = std::make_unique<ast::CopyStmt>();
    pending_copy_->table = stmt.table;
    pending_copy_->columns = columns;
    pending_copy_->from = true;
    pending_copy_->format = stmt.format;
    pending_copy_->delimiter = stmt.delimiter;
    pending_copy_->null_string = stmt.null_string;
    pending_copy_->null_given = stmt.null_given;
    pending_copy_->header = stmt.header;
    pending_copy_->quote = stmt.quote;
    pending_copy_->escape = stmt.escape;
    result->copy_in = true;
    result->tag = "COPY";
    return result;
  }
  // COPY TO STDOUT: the query's rows, formatted batch by batch as they stream (or all at once
  // when the statement does not stream).
  bool stream = stream_stmt_ == &stmt;
  std::shared_ptr<std::vector<ast::StatementPtr>> parsed;
  const ast::Statement* query = stmt.query.get();
  if (!query) {
    std::vector<std::string> columns = CopyColumns(*binder.ResolveTable(stmt.table), stmt.columns);
    std::string cols;
    for (const auto& c : columns) cols += (cols.empty() ? "" : ", ") + QuoteIdent(c);
    std::string table = (stmt.table.schema.empty() ? "" : QuoteIdent(stmt.table.schema) + ".") + QuoteIdent(stmt.table.name);
    parsed = std::make_shared<std::vector<ast::StatementPtr>>(
        ParseSql("SELECT " + (cols.empty() ? std::string("*") : cols) + " FROM " + table));
    query = parsed->at(0).get();
  }
  stream_stmt_ = stream ? query : nullptr;
  std::unique_ptr<ResultImpl> rows = RunQuery(*query, {});
  stream_stmt_ = nullptr;
  auto format_rows = [format](const QueryResult& view, std::string* data) {
    for (size_t r = 0; r < view.row_count(); r++) {
      for (size_t c = 0; c < view.column_count(); c++) {
        if (c) *data += format.delimiter;
        if (view.IsNull(r, c)) {
          *data += format.null_string;
        } else if (format.csv) {
          AppendCsvField(view.GetText(r, c), format, data);
        } else {
          AppendTextField(view.GetText(r, c), format, data);
        }
      }
      *data += '\n';
    }
  };
  auto out = std::make_unique<ResultImpl>();
  out->columns = rows->columns;
  std::string& data = out->copy_data;
  if (format.header) {
    for (size_t c = 0; c < out->columns.size(); c++) {
      if (c) data += format.delimiter;
      AppendCsvField(out->columns[c].name, format, &data);
    }
    data += '\n';
  }
  out->copy_out = true;
  if (rows->streaming) {
    out->streaming = true;
    out->types = rows->types;
    open_->copy_rows = format_rows;
    open_->keep_statement = parsed;
    return out;
  }
  rows->fn = MakeFunctionContext();
  rows->catalog = catalog_for_statement();
  rows->fn.catalog = rows->catalog.get();
  QueryResult view(std::move(rows));
  format_rows(view, &data);
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
  uint64_t count = 0;
  bool own_transaction = state_ == TxnState::kIdle;
  auto control = [&](ast::TransactionStmt::Type type) {
    ast::TransactionStmt t;
    t.type = type;
    return Run(t, {});
  };
  auto fail = [&](QueryResult r) {
    if (own_transaction) control(ast::TransactionStmt::Type::kRollback);
    return r;
  };
  try {
    CopyFormat format = FormatOf(*copy);
    if (own_transaction) {
      auto begun = control(ast::TransactionStmt::Type::kBegin);
      if (!begun.ok()) return begun;
    }
    std::vector<std::vector<std::optional<std::string>>> batch;
    auto flush = [&]() -> std::optional<QueryResult> {
      if (batch.empty()) return std::nullopt;
      ast::InsertStmt insert;
      insert.table = copy->table;
      insert.columns = copy->columns;
      insert.select = std::make_unique<ast::SelectStmt>();
      for (auto& row : batch) {
        ast::ExprList values;
        for (auto& v : row) values.push_back(Literal(v));
        insert.select->values.push_back(std::move(values));
      }
      batch.clear();
      QueryResult r = Run(insert, {});
      if (!r.ok()) return r;
      count += r.rows_affected();
      return std::nullopt;
    };
    size_t line_number = 0;
    auto add = [&](std::vector<std::optional<std::string>> fields) -> std::optional<QueryResult> {
      line_number++;
      if (fields.size() > copy->columns.size()) {
        return QueryResult(Error(sqlstate::kBadCopyFileFormat, "extra data after last expected column")
                               .WithDetail("COPY " + copy->table.name + ", line " + std::to_string(line_number)));
      }
      if (fields.size() < copy->columns.size()) {
        return QueryResult(Error(sqlstate::kBadCopyFileFormat, "missing data for column \"" + copy->columns[fields.size()] + "\"")
                               .WithDetail("COPY " + copy->table.name + ", line " + std::to_string(line_number)));
      }
      batch.push_back(std::move(fields));
      if (batch.size() >= kCopyBatchRows) return flush();
      return std::nullopt;
    };
    if (format.csv) {
      size_t pos = 0;
      std::vector<std::optional<std::string>> fields;
      bool first = true;
      while (NextCsvRecord(data, &pos, format, &fields)) {
        if (fields.size() == 1 && fields[0] && *fields[0] == "\\.") break;
        if (first && format.header) {
          first = false;
          continue;
        }
        first = false;
        if (auto err = add(fields)) return fail(std::move(*err));
      }
    } else {
      size_t pos = 0;
      while (pos < data.size()) {
        size_t end = data.find('\n', pos);
        if (end == std::string_view::npos) end = data.size();
        std::string line(data.substr(pos, end - pos));
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line == "\\.") break;
        if (auto err = add(ParseTextLine(line, format))) return fail(std::move(*err));
      }
    }
    if (auto err = flush()) return fail(std::move(*err));
    if (own_transaction) {
      auto committed = control(ast::TransactionStmt::Type::kCommit);
      if (!committed.ok()) return committed;
    }
  } catch (Error& e) {
    return fail(QueryResult(std::move(e)));
  }
  auto result = std::make_unique<ResultImpl>();
  result->rows_affected = count;
  result->tag = "COPY " + std::to_string(count);
  return QueryResult(std::move(result));
}

}  // namespace kanto
