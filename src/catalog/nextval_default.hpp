// The DEFAULT that draws from a sequence, nextval('seq'::regclass), as Kanto stores it (the name
// qualified unless the sequence is in public), and where a stored DEFAULT calls it: how DROP
// SEQUENCE, RENAME and pg_depend find the defaults that depend on a sequence.
#pragma once

#include <cstddef>
#include <string>

#include "catalog/catalog.hpp"

namespace kanto {

// nextval('seq'::regclass): the DEFAULT of a serial column.
std::string NextvalDefault(const Catalog& catalog, const SequenceEntry& seq);
// Where `default_sql` calls nextval('seq') or nextval('seq'::regclass) (by the text of the name), and
// the length of the call's start "nextval('seq'"; npos when it does not.
size_t FindNextvalCall(const std::string& default_sql, const Catalog& catalog, const SequenceEntry& seq, size_t* length);

}  // namespace kanto
