// PostgreSQL's binary input forms (what its receive functions read: Bind parameters in format 1,
// the fields of COPY ... (FORMAT binary)), read by the value's LogicalType, never by a type OID:
// the OIDs of user types (enums and their arrays) are per database, and the type the statement
// gave a parameter or COPY's column says how its bytes read.
#pragma once

#include <string>
#include <string_view>

#include "kanto/kanto.hpp"
#include "types/logical_type.hpp"

namespace kanto {

// A binary value of type `type` as a Param: integers, floats and bool as numbers, every other
// type in its text input form (an enum's label, as enum_recv reads it; an array as a literal
// whose elements are all quoted). The Param is then read as the type's input, which checks it
// (an enum label not in the type is 22P02 there); a record as a literal of its fields, each read by
// its field's type. Errors, as PostgreSQL's:
//   08P01 "insufficient data left in message" (a fixed-length value too short, an array cut off);
//   22P03 "incorrect binary data format" (too long, bytes left after an array), "improper binary
//         format in array element N" / "in record column N";
//   42804 an array of another built-in element type, a record of another field count or with a
//         field of another built-in type;
//   0A000 a type Kanto reads no binary form of (anonymous records, multidimensional arrays).
Param BinaryReceive(std::string_view bytes, const LogicalType& type);
// The same value in its type's text input form ("t", "42", "1.5", "\\x00ff", "{...}").
std::string BinaryReceiveText(std::string_view bytes, const LogicalType& type);

}  // namespace kanto
