// encode(bytea, format) / decode(text, format) for hex, base64 and escape, and convert_to /
// convert_from between text and bytes (UTF8 and SQL_ASCII; other encodings are 0A000), with
// PostgreSQL's messages and SQLSTATEs.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "function/kernel_util.hpp"
#include "function/string_library.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string DecodeHex(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size();) {
    if (IsSpace(in[i])) {
      i++;
      continue;
    }
    int hi = HexDigitValue(in[i]);
    if (hi < 0) throw Error(sqlstate::kInvalidParameterValue, "invalid hexadecimal digit: \"" + in.substr(i, 1) + "\"");
    if (i + 1 >= in.size()) throw Error(sqlstate::kInvalidParameterValue, "invalid hexadecimal data: odd number of digits");
    int lo = HexDigitValue(in[i + 1]);
    if (lo < 0) throw Error(sqlstate::kInvalidParameterValue, "invalid hexadecimal digit: \"" + in.substr(i + 1, 1) + "\"");
    out += static_cast<char>(hi << 4 | lo);
    i += 2;
  }
  return out;
}

// Lines of 76 characters, as PostgreSQL writes them.
std::string EncodeBase64(const std::string& in) {
  std::string out;
  size_t line = 0;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    if (line >= 76) {
      out += '\n';
      line = 0;
    }
    out += kBase64[v >> 18 & 63];
    out += kBase64[v >> 12 & 63];
    out += i + 1 < in.size() ? kBase64[v >> 6 & 63] : '=';
    out += i + 2 < in.size() ? kBase64[v & 63] : '=';
    line += 4;
  }
  return out;
}

std::string DecodeBase64(const std::string& in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0, pad = 0;
  size_t count = 0;
  for (char c : in) {
    if (IsSpace(c)) continue;
    if (c == '=') {
      pad++;
      count++;
      continue;
    }
    const char* p = c ? std::strchr(kBase64, c) : nullptr;
    if (p == nullptr) throw Error(sqlstate::kInvalidParameterValue, std::string("invalid symbol \"") + c + "\" found while decoding base64 sequence");
    if (pad > 0) throw Error(sqlstate::kInvalidParameterValue, "invalid base64 end sequence");
    acc = acc << 6 | static_cast<uint32_t>(p - kBase64);
    bits += 6;
    count++;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>(acc >> bits & 0xFF);
    }
  }
  if (count % 4 != 0 || pad > 2) throw Error(sqlstate::kInvalidParameterValue, "invalid base64 end sequence");
  return out;
}

std::string EncodeEscape(const std::string& in) {
  std::string out;
  for (unsigned char c : in) {
    if (c == 0 || c >= 0x80) {
      char buf[5];
      std::snprintf(buf, sizeof(buf), "\\%03o", c);
      out += buf;
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

std::string DecodeEscape(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); i++) {
    if (in[i] != '\\') {
      out += in[i];
    } else if (i + 1 < in.size() && in[i + 1] == '\\') {
      out += '\\';
      i++;
    } else if (i + 3 < in.size() + 0 && in[i + 1] >= '0' && in[i + 1] <= '3' && IsOctal(in[i + 2]) && IsOctal(in[i + 3])) {
      out += static_cast<char>((in[i + 1] - '0') << 6 | (in[i + 2] - '0') << 3 | (in[i + 3] - '0'));
      i += 3;
    } else {
      throw Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bytea");
    }
  }
  return out;
}

// PostgreSQL matches encoding names ignoring case and punctuation ("utf-8", "UTF8").
std::string EncodingKey(const std::string& name) {
  std::string key;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

void CheckEncoding(const std::string& name, const char* role) {
  std::string key = EncodingKey(name);
  if (key == "utf8" || key == "unicode" || key == "sqlascii") return;
  static const char* const kKnown[] = {"latin1", "latin2", "latin9", "win1252", "win1251", "euc_jp", "eucjp", "sjis", "koi8r", "gbk", "big5", "iso88591", "iso885915", "windows1252"};
  for (const char* k : kKnown) {
    if (key == EncodingKey(k)) throw Error(sqlstate::kFeatureNotSupported, "conversion to or from encoding \"" + name + "\" is not supported");
  }
  throw Error(sqlstate::kInvalidParameterValue, std::string("invalid ") + role + " encoding name \"" + name + "\"");
}

// The first invalid UTF-8 sequence, reported as PostgreSQL does (its bytes in hex).
void CheckUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && c != 0 && i + len <= s.size() && !(len == 2 && c < 0xC2);
    for (size_t k = 1; ok && k < len; k++) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 3) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90) && c <= 0xF4;
    }
    if (!ok) {
      std::string bytes;
      for (size_t k = i; k < s.size() && k < i + std::max<size_t>(len, 1); k++) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), k == i ? "0x%02x" : " 0x%02x", static_cast<unsigned char>(s[k]));
        bytes += buf;
      }
      throw Error(sqlstate::kCharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\": " + bytes);
    }
    i += len;
  }
}

}  // namespace

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string EncodeHex(const std::string& in) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(in.size() * 2);
  for (unsigned char c : in) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

void AddByteaEncodingFunctions(FunctionRegistry& r) {
  const LogicalType text(TypeId::kText), bytea(TypeId::kBytea), name(TypeId::kName);
  AddRowFunction(r, "encode", {bytea, text}, text, [](const std::vector<Value>& a, FunctionContext&) {
    std::string format = Lower(a[1].str_value());
    const std::string& in = a[0].str_value();
    if (format == "hex") return Value::Text(EncodeHex(in));
    if (format == "base64") return Value::Text(EncodeBase64(in));
    if (format == "escape") return Value::Text(EncodeEscape(in));
    throw Error(sqlstate::kInvalidParameterValue, "unrecognized encoding: \"" + a[1].str_value() + "\"");
  });
  AddRowFunction(r, "decode", {text, text}, bytea, [](const std::vector<Value>& a, FunctionContext&) {
    std::string format = Lower(a[1].str_value());
    const std::string& in = a[0].str_value();
    if (format == "hex") return Value::Bytea(DecodeHex(in));
    if (format == "base64") return Value::Bytea(DecodeBase64(in));
    if (format == "escape") return Value::Bytea(DecodeEscape(in));
    throw Error(sqlstate::kInvalidParameterValue, "unrecognized encoding: \"" + a[1].str_value() + "\"");
  });
  // The database encoding is UTF8, so text is already UTF-8 bytes.
  AddRowFunction(r, "convert_to", {text, name}, bytea, [](const std::vector<Value>& a, FunctionContext&) {
    CheckEncoding(a[1].str_value(), "destination");
    return Value::Bytea(a[0].str_value());
  });
  AddRowFunction(r, "convert_from", {bytea, name}, text, [](const std::vector<Value>& a, FunctionContext&) {
    CheckEncoding(a[1].str_value(), "source");
    CheckUtf8(a[0].str_value());
    return Value::Text(a[0].str_value());
  });
}

}  // namespace kanto
