#include "tools/result_printer.hpp"

#include <algorithm>

namespace kanto::tools {

namespace {
size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsNumericOid(uint32_t oid) {
  return oid == 20 || oid == 21 || oid == 23 || oid == 700 || oid == 701 || oid == 1700 || oid == 26;
}
}  // namespace

void PrintTable(std::ostream& out, const std::string& title, const std::vector<std::string>& headers,
                const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right_align, bool footer) {
  size_t ncols = headers.size();
  std::vector<size_t> width(ncols);
  for (size_t c = 0; c < ncols; c++) width[c] = DisplayWidth(headers[c]);
  for (const auto& row : rows) {
    for (size_t c = 0; c < ncols; c++) width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  size_t total = 0;
  for (size_t c = 0; c < ncols; c++) total += width[c] + 3;
  if (!title.empty()) {
    size_t line = total > 0 ? total - 1 : 0;
    size_t pad = line > DisplayWidth(title) ? (line - DisplayWidth(title)) / 2 : 0;
    out << std::string(pad, ' ') << title << "\n";
  }
  std::string header;
  for (size_t c = 0; c < ncols; c++) {
    size_t w = DisplayWidth(headers[c]);
    size_t left = (width[c] - w) / 2;
    header += (c ? " | " : " ") + std::string(left, ' ') + headers[c] + std::string(width[c] - w - left, ' ');
  }
  out << header << " \n";
  std::string sep;
  for (size_t c = 0; c < ncols; c++) sep += (c ? "+" : "") + std::string(width[c] + 2, '-');
  out << sep << "\n";
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < ncols; c++) {
      size_t w = DisplayWidth(row[c]);
      line += c ? " | " : " ";
      if (right_align[c]) {
        line += std::string(width[c] - w, ' ') + row[c];
      } else {
        line += row[c];
        if (c + 1 < ncols) line += std::string(width[c] - w, ' ');
      }
    }
    out << line << "\n";
  }
  if (footer) out << "(" << rows.size() << (rows.size() == 1 ? " row)" : " rows)") << "\n\n";
}

void PrintResult(std::ostream& out, const QueryResult& r) {
  if (!r.has_rows()) {
    if (!r.command_tag().empty()) out << r.command_tag() << "\n";
    return;
  }
  std::vector<std::string> headers;
  std::vector<bool> right;
  for (size_t c = 0; c < r.column_count(); c++) {
    headers.push_back(r.column(c).name);
    right.push_back(IsNumericOid(r.column(c).type_oid));
  }
  std::vector<std::vector<std::string>> rows;
  for (size_t row = 0; row < r.row_count(); row++) {
    std::vector<std::string> cells;
    for (size_t c = 0; c < r.column_count(); c++) cells.push_back(r.IsNull(row, c) ? "" : r.GetText(row, c));
    rows.push_back(std::move(cells));
  }
  PrintTable(out, "", headers, rows, right);
}

}  // namespace kanto::tools
