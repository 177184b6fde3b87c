// "char" (OID 18): PostgreSQL's one-byte type of the catalogs' kind and flag columns. A value is
// held as a string of one byte, or of none for the byte 0 (whose text form is the empty string).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kanto {

// charin / text_char: the first byte of `text`, or the byte written \ooo (exactly four characters,
// octal, as PostgreSQL 15 reads them); "" (the byte 0) for empty input.
std::string CharFromText(std::string_view text);
// charout / char_text: the byte itself, \ooo for a byte with the high bit set, "" for the byte 0.
std::string CharToText(const std::string& value);
// chartoi4: the byte as a signed integer (-128 .. 127).
int64_t CharToInt(const std::string& value);
// i4tochar: the byte of a signed integer; 22003 "\"char\" out of range" outside -128 .. 127.
std::string CharFromInt(int64_t v);

}  // namespace kanto
