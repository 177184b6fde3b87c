// uuid (OID 2950): a value is held as its 16 bytes, so byte order is PostgreSQL's uuid order
// (uuid_cmp is memcmp) and the string key encoding is memcomparable as it is.
#pragma once

#include <string>
#include <string_view>

namespace kanto {

// uuid_in: 32 hex digits (either case), a hyphen allowed after any group of four, the whole
// optionally in braces; no spaces. 22P02 "invalid input syntax for type uuid" otherwise.
std::string UuidFromText(std::string_view text);
// uuid_out: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in lower case. REQUIRES: bytes.size() == 16.
std::string UuidToText(const std::string& bytes);
// uuid_recv: the 16 bytes; 22P03 when the message is not 16 bytes long.
std::string UuidFromBinary(const std::string& bytes);
// gen_random_uuid: a version 4 (random) uuid from a cryptographic random source.
std::string RandomUuid();

}  // namespace kanto
