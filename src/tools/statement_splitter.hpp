// Splits SQL text into statements at semicolons outside quotes, dollar quotes and comments.
#pragma once

#include <string>
#include <vector>

namespace kanto::tools {

class StatementSplitter {
 public:
  // Adds text; returns the statements completed by it (each without its final ';').
  std::vector<std::string> Feed(const std::string& text);
  // What is left (an unterminated statement), trimmed.
  std::string Rest() const;
  bool Empty() const;

 private:
  std::string buffer_;
  size_t scanned_ = 0;
  enum class State { kNormal, kSingle, kDouble, kDollar, kLineComment, kBlockComment } state_ = State::kNormal;
  std::string dollar_tag_;
  int block_depth_ = 0;
};

}  // namespace kanto::tools
