#include "commands/copy_format.hpp"

#include <cctype>

#include "kanto/error.hpp"
#include "parser/ast_stmt.hpp"

namespace kanto::commands {

CopyOptions ParseCopyOptions(const ast::CopyStmt& stmt) {
  CopyOptions f;
  if (stmt.format == "binary") {
    if (!stmt.delimiter.empty()) throw Error(sqlstate::kSyntaxError, "cannot specify DELIMITER in BINARY mode");
    if (stmt.null_given) throw Error(sqlstate::kSyntaxError, "cannot specify NULL in BINARY mode");
    if (stmt.header) throw Error(sqlstate::kFeatureNotSupported, "cannot specify HEADER in BINARY mode");
    f.binary = true;
    return f;
  }
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
  if (stmt.quote.size() != 1 || (stmt.escape.size() > 1)) {
    throw Error(sqlstate::kFeatureNotSupported, "COPY quote and escape must be single one-byte characters");
  }
  f.quote = stmt.quote[0];
  f.escape = stmt.escape.empty() ? f.quote : stmt.escape[0];
  return f;
}

// ---- input

namespace {
int HexDigit(char h) {
  return std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : std::tolower(static_cast<unsigned char>(h)) - 'a' + 10;
}
}  // namespace

void ParseTextLine(std::string_view line, const CopyOptions& f, std::vector<CopyField>* fields) {
  fields->clear();
  size_t raw_start = 0;
  std::string value;
  auto finish = [&](size_t raw_end) {
    if (line.substr(raw_start, raw_end - raw_start) == f.null_string) {
      fields->emplace_back(std::nullopt);
    } else {
      fields->emplace_back(std::move(value));
    }
    value.clear();
    raw_start = raw_end + 1;
  };
  for (size_t i = 0; i < line.size(); i++) {
    char c = line[i];
    if (c == f.delimiter) {
      finish(i);
      continue;
    }
    if (c != '\\' || i + 1 >= line.size()) {
      value += c;
      continue;
    }
    char n = line[++i];
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
          v = v * 16 + HexDigit(line[++i]);
          digits++;
        }
        value += digits == 0 ? 'x' : static_cast<char>(v);
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          int v = n - '0', digits = 1;
          while (digits < 3 && i + 1 < line.size() && line[i + 1] >= '0' && line[i + 1] <= '7') {
            v = v * 8 + (line[++i] - '0');
            digits++;
          }
          value += static_cast<char>(v);
        } else {
          value += n;  // \\, \<delimiter>, and any other character stand for themselves
        }
    }
  }
  finish(line.size());
}

bool CopyReader::Next(std::vector<CopyField>* fields) {
  if (pos_ >= data_.size()) return false;
  bool more = options_.csv ? NextCsv(fields) : NextText(fields);
  if (more) line_++;
  return more;
}

bool CopyReader::NextText(std::vector<CopyField>* fields) {
  size_t end = data_.find('\n', pos_);
  if (end == std::string_view::npos) end = data_.size();
  std::string_view line = data_.substr(pos_, end - pos_);
  pos_ = end + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line == "\\.") {
    pos_ = data_.size();
    return false;
  }
  raw_ = line;
  ParseTextLine(line, options_, fields);
  return true;
}

bool CopyReader::NextCsv(std::vector<CopyField>* fields) {
  const CopyOptions& f = options_;
  fields->clear();
  std::string value;
  bool quoted_any = false, in_quotes = false;
  auto finish = [&]() {
    if (!quoted_any && value == f.null_string) {
      fields->emplace_back(std::nullopt);
    } else {
      fields->emplace_back(std::move(value));
    }
    value.clear();
    quoted_any = false;
  };
  size_t start = pos_, i = pos_, end = data_.size();
  for (; i < data_.size(); i++) {
    char c = data_[i];
    if (in_quotes) {
      // Inside quotes: escape + quote (or escape + escape) is a literal; a lone quote ends them.
      bool next_is_special = i + 1 < data_.size() && (data_[i + 1] == f.quote || data_[i + 1] == f.escape);
      if (c == f.escape && next_is_special && !(f.escape == f.quote && data_[i + 1] != f.quote)) {
        value += data_[++i];
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
      end = i;
      if (c == '\r' && i + 1 < data_.size() && data_[i + 1] == '\n') i++;
      i++;
      break;
    }
    value += c;
  }
  raw_ = data_.substr(start, std::min(end, data_.size()) - start);
  if (in_quotes) {
    line_++;  // the error names the record that is not terminated
    throw Error(sqlstate::kBadCopyFileFormat, "unterminated CSV quoted field");
  }
  pos_ = i;
  if (raw_ == "\\.") {
    pos_ = data_.size();
    return false;
  }
  finish();
  return true;
}

// ---- output

void AppendCopyField(std::string_view value, const CopyOptions& f, std::string* out) {
  if (!f.csv) {
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
    return;
  }
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

std::string CopyContextText(std::string_view text) {
  constexpr size_t kMaxBytes = 100;  // PostgreSQL's MAX_COPY_DATA_DISPLAY
  if (text.size() <= kMaxBytes) return std::string(text);
  size_t n = kMaxBytes;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) n--;  // not inside a UTF-8 character
  return std::string(text.substr(0, n)) + "...";
}

}  // namespace kanto::commands
