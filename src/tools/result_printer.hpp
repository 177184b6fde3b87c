// Prints query results the way psql's aligned format does.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "kanto/kanto.hpp"

namespace kanto::tools {

void PrintResult(std::ostream& out, const QueryResult& r);
// A titled table of text cells (used by \d).
void PrintTable(std::ostream& out, const std::string& title, const std::vector<std::string>& headers,
                const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right_align,
                bool footer = true);

}  // namespace kanto::tools
