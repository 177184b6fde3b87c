// PostgreSQL binary formats (the wire protocol's format code 1) for result columns and parameters,
// by type OID: the engine knows its types' representations, so a server over this API needs no
// internal header to send and receive binary values.
#pragma once

#include <cstdint>
#include <string>

#include "kanto/kanto.hpp"

namespace kanto::wire {

// pg_type.typlen of a type OID (-1 for variable length).
int16_t TypeLength(uint32_t oid);
// Whether the binary form of type `oid` is its text form (text, varchar, bpchar, name, unknown).
bool BinaryIsText(uint32_t oid);
// Binary form of a non-NULL result value. Throws 0A000 for types without a binary encoder.
std::string EncodeBinary(const QueryResult& r, size_t row, size_t col);
// A binary parameter of type `oid`, as a Param (text or number). Throws 08P01/22P03 on bad input.
Param DecodeBinaryParam(const std::string& value, uint32_t oid);
// The same value in its type's text input form ("t", "42", "1.5", "\\x00ff", "{...}").
std::string DecodeBinaryText(const std::string& value, uint32_t oid);

}  // namespace kanto::wire
