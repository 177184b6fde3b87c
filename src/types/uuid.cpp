#include "types/uuid.hpp"

#include <sys/random.h>

#include <cerrno>

#include "kanto/error.hpp"

namespace kanto {

namespace {
int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string UuidFromText(std::string_view text) {
  auto fail = [&]() {
    return Error(sqlstate::kInvalidTextRepresentation,
                 "invalid input syntax for type uuid: \"" + std::string(text) + "\"");
  };
  // As PostgreSQL's string_to_uuid: a hyphen may follow each second byte but the last.
  size_t at = 0;
  bool braces = !text.empty() && text[0] == '{';
  if (braces) at++;
  std::string out(16, '\0');
  for (int i = 0; i < 16; i++) {
    if (at + 2 > text.size()) throw fail();
    int hi = HexDigit(text[at]), lo = HexDigit(text[at + 1]);
    if (hi < 0 || lo < 0) throw fail();
    out[i] = static_cast<char>((hi << 4) | lo);
    at += 2;
    if (at < text.size() && text[at] == '-' && i % 2 == 1 && i < 15) at++;
  }
  if (braces) {
    if (at >= text.size() || text[at] != '}') throw fail();
    at++;
  }
  if (at != text.size()) throw fail();
  return out;
}

std::string UuidToText(const std::string& bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes.size(); i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    auto b = static_cast<unsigned char>(bytes[i]);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

std::string UuidFromBinary(const std::string& bytes) {
  if (bytes.size() != 16) throw Error("22P03", "incorrect binary data format in bind parameter");
  return bytes;
}

std::string RandomUuid() {
  std::string out(16, '\0');
  size_t got = 0;
  while (got < out.size()) {
    ssize_t n = getrandom(out.data() + got, out.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(sqlstate::kInternalError, "could not generate random values");
    got += static_cast<size_t>(n);
  }
  out[6] = static_cast<char>((out[6] & 0x0F) | 0x40);  // version 4
  out[8] = static_cast<char>((out[8] & 0x3F) | 0x80);  // RFC 4122 variant
  return out;
}

}  // namespace kanto
