// FunctionContext: what scalar functions and casts may read from the session and statement.
#pragma once

#include <cstdint>
#include <string>

namespace kanto::datetime {
class TimeZone;
}

namespace kanto {

class Catalog;

struct FunctionContext {
  // Session time zone (never null while a statement runs).
  const datetime::TimeZone* time_zone = nullptr;
  std::string time_zone_name = "UTC";
  // now()/CURRENT_TIMESTAMP: start of the transaction; statement_timestamp(): start of the statement.
  int64_t transaction_start_micros = 0;
  int64_t statement_start_micros = 0;
  std::string current_user = "kanto";
  std::string current_database = "kanto";
  std::string current_schema = "public";
  // The statement's catalog snapshot (catalog information functions); may be null.
  const Catalog* catalog = nullptr;
  // Settings lookup for current_setting(); may be null.
  const class SessionSettings* settings = nullptr;
};

}  // namespace kanto
