#include "tools/statement_splitter.hpp"

#include <cctype>

namespace kanto::tools {

namespace {
std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}
}  // namespace

std::vector<std::string> StatementSplitter::Feed(const std::string& text) {
  buffer_ += text;
  std::vector<std::string> out;
  size_t i = scanned_;
  size_t start = 0;
  while (i < buffer_.size()) {
    char c = buffer_[i];
    char next = i + 1 < buffer_.size() ? buffer_[i + 1] : '\0';
    switch (state_) {
      case State::kNormal:
        if (c == '\'') state_ = State::kSingle;
        else if (c == '"') state_ = State::kDouble;
        else if (c == '-' && next == '-') { state_ = State::kLineComment; i++; }
        else if (c == '/' && next == '*') { state_ = State::kBlockComment; block_depth_ = 1; i++; }
        else if (c == '$') {
          size_t j = i + 1;
          while (j < buffer_.size() && (std::isalnum(static_cast<unsigned char>(buffer_[j])) || buffer_[j] == '_')) j++;
          if (j < buffer_.size() && buffer_[j] == '$' && (j == i + 1 || !std::isdigit(static_cast<unsigned char>(buffer_[i + 1])))) {
            dollar_tag_ = buffer_.substr(i, j - i + 1);
            state_ = State::kDollar;
            i = j;
          }
        } else if (c == ';') {
          std::string stmt = Trim(buffer_.substr(start, i - start));
          if (!stmt.empty()) out.push_back(stmt);
          start = i + 1;
        }
        break;
      case State::kSingle:
        if (c == '\'') {
          if (next == '\'') i++;
          else state_ = State::kNormal;
        }
        break;
      case State::kDouble:
        if (c == '"') state_ = State::kNormal;
        break;
      case State::kDollar:
        if (c == '$' && buffer_.compare(i, dollar_tag_.size(), dollar_tag_) == 0) {
          i += dollar_tag_.size() - 1;
          state_ = State::kNormal;
        }
        break;
      case State::kLineComment:
        if (c == '\n') state_ = State::kNormal;
        break;
      case State::kBlockComment:
        if (c == '/' && next == '*') { block_depth_++; i++; }
        else if (c == '*' && next == '/') {
          i++;
          if (--block_depth_ == 0) state_ = State::kNormal;
        }
        break;
    }
    i++;
  }
  buffer_.erase(0, start);
  scanned_ = i - start;
  return out;
}

std::string StatementSplitter::Rest() const { return Trim(buffer_); }

bool StatementSplitter::Empty() const { return Rest().empty(); }

}  // namespace kanto::tools
