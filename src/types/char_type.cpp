#include "types/char_type.hpp"

#include "kanto/error.hpp"

namespace kanto {

namespace {
bool IsOctal(char c) { return c >= '0' && c <= '7'; }
}  // namespace

std::string CharFromText(std::string_view text) {
  if (text.size() == 4 && text[0] == '\\' && IsOctal(text[1]) && IsOctal(text[2]) && IsOctal(text[3])) {
    int v = ((text[1] - '0') << 6) + ((text[2] - '0') << 3) + (text[3] - '0');
    char c = static_cast<char>(v & 0xFF);
    return c == '\0' ? std::string() : std::string(1, c);
  }
  if (text.empty() || text[0] == '\0') return std::string();
  return std::string(1, text[0]);
}

std::string CharToText(const std::string& value) {
  if (value.empty() || value[0] == '\0') return std::string();
  auto c = static_cast<unsigned char>(value[0]);
  if (c < 0x80) return std::string(1, value[0]);
  std::string out = "\\";
  out.push_back(static_cast<char>('0' + ((c >> 6) & 3)));
  out.push_back(static_cast<char>('0' + ((c >> 3) & 7)));
  out.push_back(static_cast<char>('0' + (c & 7)));
  return out;
}

int64_t CharToInt(const std::string& value) {
  return value.empty() ? 0 : static_cast<int64_t>(static_cast<signed char>(value[0]));
}

std::string CharFromInt(int64_t v) {
  if (v < -128 || v > 127) throw Error(sqlstate::kNumericValueOutOfRange, "\"char\" out of range");
  return v == 0 ? std::string() : std::string(1, static_cast<char>(v));
}

}  // namespace kanto
