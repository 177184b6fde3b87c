// Type names inside stored expression texts (column defaults, CHECK constraints).
//
// A stored expression names a user type (an enum) with its schema ("'ok'::s.mood",
// "'y'::public.pmood"), so it binds under whatever search_path a later INSERT runs with. It is
// printed as PostgreSQL's format_type prints the type from its OID: without the schema when the
// search path finds that same type by its bare name.
#pragma once

#include <string>

#include "catalog/search_path.hpp"
#include "types/logical_type.hpp"

namespace kanto {

class Catalog;

// The schema-qualified spelling of a user (enum) type or an array of one, quoted where needed;
// the type's own spelling for any other type, or when the catalog does not hold it.
std::string QualifiedTypeText(const Catalog& catalog, const LogicalType& type);

// `text` with each cast "::schema.name" to a user type printed as "::name" when `path` finds
// that type by its bare name. Everything else, string constants included, is left as it is.
std::string TypeNamesForSearchPath(const std::string& text, const Catalog& catalog, const SearchPath& path);

}  // namespace kanto
