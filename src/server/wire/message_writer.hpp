// Builds backend messages into an output buffer: type byte, then a length that is patched when the
// message is finished.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kanto::wire {

class MessageWriter {
 public:
  explicit MessageWriter(std::string* out) : out_(out) {}

  // Starts a message of `type`.
  MessageWriter& Begin(char type) {
    out_->push_back(type);
    start_ = out_->size();
    Int32(0);
    return *this;
  }
  // Patches the length of the message begun last.
  void End() {
    uint32_t len = static_cast<uint32_t>(out_->size() - start_);
    for (int i = 0; i < 4; i++) (*out_)[start_ + i] = static_cast<char>((len >> (24 - 8 * i)) & 0xff);
  }

  MessageWriter& Byte(uint8_t v) {
    out_->push_back(static_cast<char>(v));
    return *this;
  }
  // Integers are appended whole (one append, not a push_back per byte: a push_back checks the
  // capacity each time, and RowDescription / DataRow are mostly such words).
  MessageWriter& Int16(int16_t v) {
    uint16_t u = static_cast<uint16_t>(v);
    const char bytes[2] = {static_cast<char>(u >> 8), static_cast<char>(u & 0xff)};
    out_->append(bytes, 2);
    return *this;
  }
  MessageWriter& Int32(int32_t v) {
    uint32_t u = static_cast<uint32_t>(v);
    const char bytes[4] = {static_cast<char>(u >> 24), static_cast<char>((u >> 16) & 0xff),
                           static_cast<char>((u >> 8) & 0xff), static_cast<char>(u & 0xff)};
    out_->append(bytes, 4);
    return *this;
  }
  MessageWriter& CString(std::string_view s) {
    out_->append(s.data(), s.size());
    out_->push_back('\0');
    return *this;
  }
  MessageWriter& Bytes(std::string_view s) {
    out_->append(s.data(), s.size());
    return *this;
  }

 private:
  std::string* out_;
  size_t start_ = 0;
};

}  // namespace kanto::wire
