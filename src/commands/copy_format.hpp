// COPY's data formats, text and CSV: the options a COPY statement gives, a reader that splits
// COPY FROM data into rows of fields, and the formatting of COPY TO fields. Pure text handling:
// no catalog, no types (copy_from.cpp converts the fields, copy_to.cpp formats the values).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanto::ast {
struct CopyStmt;
}  // namespace kanto::ast

namespace kanto::commands {

struct CopyOptions {
  bool csv = false;
  bool binary = false;  // PostgreSQL's binary format (copy_binary.hpp); the other options do not apply
  char delimiter = '\t';
  std::string null_string = "\\N";
  bool header = false;  // FROM: the first line is skipped; TO: a line of column names comes first
  char quote = '"';     // CSV only
  char escape = '"';    // CSV only
};

// The options of `stmt`, checked as PostgreSQL checks them (22023 for an unknown format, 42601
// for DELIMITER or NULL and 0A000 for HEADER in the binary format, 0A000 for what Kanto does not
// do: multi-byte delimiters).
CopyOptions ParseCopyOptions(const ast::CopyStmt& stmt);

// One field of a row: nullopt for NULL (the raw field was the null string, unquoted in CSV).
using CopyField = std::optional<std::string>;

// Splits COPY FROM data into rows. Text: one line per row, fields separated by the delimiter,
// backslash escapes undone (\n, \t, \x41, \101, ...). CSV: records whose quoted fields may span
// lines. Both stop at a line holding only "\.".
class CopyReader {
 public:
  CopyReader(std::string_view data, const CopyOptions& options) : data_(data), options_(options) {}

  // The next row's fields into *fields; false at the end of the data. Throws 22P04 for an
  // unterminated CSV quoted field.
  bool Next(std::vector<CopyField>* fields);
  // The number of the row read last (1-based, the header line counted), as PostgreSQL numbers
  // lines in COPY's error context.
  uint64_t line() const { return line_; }
  // The row read last as it was in the data, without its line end.
  std::string_view raw() const { return raw_; }

 private:
  bool NextText(std::vector<CopyField>* fields);
  bool NextCsv(std::vector<CopyField>* fields);

  std::string_view data_;
  const CopyOptions& options_;
  size_t pos_ = 0;
  uint64_t line_ = 0;
  std::string_view raw_;
};

// Splits one text-format line into fields (exposed for tests).
void ParseTextLine(std::string_view line, const CopyOptions& options, std::vector<CopyField>* fields);

// Appends one non-NULL field in the output format: text escapes backslashes, control characters
// and the delimiter; CSV quotes a field holding the delimiter, the quote, a line end, or one that
// is empty or equal to the null string.
void AppendCopyField(std::string_view value, const CopyOptions& options, std::string* out);

// A value as PostgreSQL shows it in COPY's error context: at most 100 bytes (cut at a character
// boundary), then "...".
std::string CopyContextText(std::string_view text);

}  // namespace kanto::commands
