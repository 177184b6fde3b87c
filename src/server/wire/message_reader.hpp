// Reads fields of one PostgreSQL protocol message body. Every read checks bounds: a malformed or
// truncated message raises Error 08P01 (protocol_violation), never reads past the buffer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kanto/error.hpp"

namespace kanto::wire {

class MessageReader {
 public:
  explicit MessageReader(std::string_view body) : data_(body) {}

  uint8_t Byte() {
    Need(1);
    return static_cast<uint8_t>(data_[pos_++]);
  }
  int16_t Int16() {
    Need(2);
    uint16_t v = static_cast<uint16_t>((static_cast<uint8_t>(data_[pos_]) << 8) | static_cast<uint8_t>(data_[pos_ + 1]));
    pos_ += 2;
    return static_cast<int16_t>(v);
  }
  int32_t Int32() {
    Need(4);
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) v = (v << 8) | static_cast<uint8_t>(data_[pos_ + i]);
    pos_ += 4;
    return static_cast<int32_t>(v);
  }
  // A NUL-terminated string.
  std::string CString() {
    size_t end = data_.find('\0', pos_);
    if (end == std::string_view::npos) Fail("invalid string in message");
    std::string s(data_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return s;
  }
  std::string_view Bytes(size_t n) {
    Need(n);
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  size_t remaining() const { return data_.size() - pos_; }
  bool AtEnd() const { return pos_ == data_.size(); }
  // Messages must be consumed exactly.
  void ExpectEnd() {
    if (!AtEnd()) Fail("invalid message format");
  }

  [[noreturn]] static void Fail(const std::string& message) { throw Error(sqlstate::kProtocolViolation, message); }

 private:
  void Need(size_t n) {
    if (data_.size() - pos_ < n) Fail("invalid message format");
  }
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace kanto::wire
