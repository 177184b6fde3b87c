// SIMILAR TO: the SQL pattern rewritten as an anchored regular expression, as PostgreSQL's
// similar_to_escape() does (x SIMILAR TO p arrives as x ~ similar_to_escape(p [, escape])).
#pragma once

#include <string>
#include <string_view>

namespace kanto {

// `escape` null: the default escape, backslash; empty: no escape character. With
// `shortest_prefix`, the part before an escape-double-quote separator matches as little as it can
// with Perl's rules too (the form substring(x similar p escape e) matches with; PostgreSQL's own
// rules give that part the shortest match through its {1,1}? quantifier).
std::string SimilarToRegex(std::string_view pattern, const std::string_view* escape, bool shortest_prefix = false);

}  // namespace kanto
