// jsonb: PostgreSQL's decomposed JSON. A jsonb value is held (in memory, in rows, on the wire) as
// its normalised text, which is exactly PostgreSQL's jsonb output: object keys sorted by length
// then bytes with the last of duplicate keys kept, numbers as numeric writes them, one space after
// ':' and ','. Output is then a copy; operators parse the normalised text into a JsonValue tree
// (docs/jsonb.md says why this form and not a binary one).
#pragma once

#include <string>
#include <string_view>

#include "types/json.hpp"

namespace kanto {

// jsonb input: parses `text` as JSON (22P02 / 22P05 / 54001 as ParseJson) and returns the
// normalised form. Numbers out of numeric's range are 22003.
std::string JsonbFromText(std::string_view text);

// Sorts and de-duplicates object keys (recursively) and rewrites numbers as numeric writes them.
void NormalizeJsonb(JsonValue* v);

// The normalised text of a normalised tree.
std::string JsonbText(const JsonValue& v);
void AppendJsonbText(std::string* out, const JsonValue& v);

// jsonb_pretty: one member or element per line, indented by four spaces.
std::string JsonbPretty(const JsonValue& v);

// The tree of a stored (normalised) jsonb value. Its `raw` views point into `stored`.
JsonValue JsonbTree(std::string_view stored);

// A memcomparable key of a stored jsonb value: byte order of keys is PostgreSQL's jsonb btree
// order (object > array > boolean > number > string > null; containers by size first, then member
// by member; an empty top-level array sorts before scalars), and equal values (1.0 and 1) give
// equal keys, so it serves indexes, sorting, hashing and equality alike.
void AppendJsonbKey(std::string* out, std::string_view stored);
int CompareJsonb(std::string_view a, std::string_view b);

// PostgreSQL's order of object keys in jsonb: shorter first, then bytewise.
bool JsonbKeyLess(const std::string& a, const std::string& b);

// Whether `a` contains `b` (jsonb's @>): PostgreSQL's JsonbDeepContains.
bool JsonbContains(const JsonValue& a, const JsonValue& b);

}  // namespace kanto
