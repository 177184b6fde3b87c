// Reads sqllogictest files into records.
#pragma once

#include <string>
#include <vector>

namespace kanto::slt {

struct Record {
  enum class Kind { kStatementOk, kStatementError, kQuery, kHashThreshold, kHalt, kSkipped };
  Kind kind = Kind::kStatementOk;
  int line = 0;
  std::string sql;
  std::string expected_error;       // statement error <fragment>
  int64_t expected_count = -1;      // statement count N
  std::string types;                // query column types (I, R, T)
  std::string sort = "nosort";      // nosort, rowsort, valuesort
  std::vector<std::string> expected;  // expected result lines
  int hash_threshold = 0;
  std::vector<std::string> conditions;  // "skipif X" / "onlyif X" lines
};

// Parses a whole file. Unknown directives become kSkipped records (counted as skipped).
std::vector<Record> ParseSlt(const std::string& text);

}  // namespace kanto::slt
