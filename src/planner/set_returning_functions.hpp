#pragma once

#include <string>

namespace kanto {

// The set-returning functions Kanto has (unnest, generate_series, regexp_split_to_table,
// pg_listening_channels, generate_subscripts, pg_partition_ancestors, pg_options_to_table,
// regexp_matches, information_schema._pg_expandarray): they run as a function in
// FROM, and elsewhere as PostgreSQL's ProjectSet runs them (project_set.hpp).
bool IsSetReturningFunction(const std::string& name);

// json[b]_each[_text], json[b]_array_elements[_text], json[b]_object_keys: they run as unnest of
// one array per result column ("$<name>.<column>", function/json_processing.cpp).
bool IsJsonSetFunction(const std::string& name);

}  // namespace kanto
