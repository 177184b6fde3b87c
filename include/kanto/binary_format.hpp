// PostgreSQL binary formats (the wire protocol's format code 1) for result columns and parameters:
// the engine knows its types' representations, so a server over this API needs no internal header
// to send and receive binary values. Parameters are read by the statement's parameter types, not by
// OIDs (a user type's OID names different types in different databases).
#pragma once

#include <cstdint>
#include <string>

#include "kanto/kanto.hpp"

namespace kanto::wire {

// Whether the binary form of type `oid` is its text form (text, varchar, bpchar, name, unknown).
bool BinaryIsText(uint32_t oid);
// Binary form of a non-NULL result value. Throws 0A000 for types without a binary encoder.
std::string EncodeBinary(const QueryResult& r, size_t row, size_t col);
// Parameter `i` of `stmt` given in binary (a Bind parameter in format 1), read by the type the
// statement gives it (the type declared in Parse, else the inferred one; an enum's label, ...), as
// a Param (text or number). Throws 08P01 / 22P03 ("... in bind parameter N") on bad input.
Param DecodeBinaryParam(const std::string& value, PreparedStatement& stmt, size_t i);

}  // namespace kanto::wire
