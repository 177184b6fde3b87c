// UTF-8 steps the pattern-matching code shares: the length of the character at a byte offset,
// decoding one character, and appending a code point.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kanto::utf8 {

// Bytes of the character that starts at s[i] (1 past a stray continuation byte).
inline size_t CharLen(std::string_view s, size_t i) {
  size_t j = i + 1;
  while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) j++;
  return j - i;
}

// The code point at s[i]; advances i past it.
inline uint32_t Decode(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = CharLen(s, i);
  if (c < 0x80 || len > 4) {
    i += len;
    return c;
  }
  uint32_t cp = c & (0x3F >> (len - 1));
  for (size_t k = 1; k < len; k++) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

inline void Append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace kanto::utf8
