// Parts of the string function library, registered by RegisterStringFunctions.
#pragma once

#include <string>
#include <vector>

#include "function/function.hpp"

namespace kanto {

void AddCryptoHashFunctions(FunctionRegistry& r);     // md5, sha224, sha256, sha384, sha512 (crypto_hashes.cpp)
void AddByteaEncodingFunctions(FunctionRegistry& r);  // encode, decode, convert_to, convert_from (bytea_encoding.cpp)
// Lower-case hex digits of `bytes` (encode(..., 'hex'), md5).
std::string EncodeHex(const std::string& bytes);
// 0-15 for a hex digit of either case, -1 otherwise (bytea_encoding.cpp).
int HexDigitValue(char c);

void AddTextEditFunctions(FunctionRegistry& r);       // translate, overlay, to_hex(int4) (text_edit.cpp)
// `s` split into its UTF-8 characters (text_edit.cpp).
std::vector<std::string> Utf8Chars(const std::string& s);

}  // namespace kanto
