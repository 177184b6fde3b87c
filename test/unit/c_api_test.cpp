// The C API (include/kanto/kanto.h): a row or column outside the result answers NULL / 0 as
// SQLite's accessors do, and no C++ exception reaches the C caller.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "kanto/kanto.h"
#include "kanto/kanto.hpp"

namespace {

TEST(CApiTest, OutOfRangeAccessorsAnswerNullOrZero) {
  auto dir = std::filesystem::temp_directory_path() / ("kanto-capi-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  char* err = nullptr;
  kanto_db* db = kanto_open(dir.c_str(), &err);
  ASSERT_NE(db, nullptr) << (err ? err : "");
  kanto_conn* conn = kanto_connect(db);
  kanto_result* r = kanto_exec(conn, "SELECT 7 AS a, 'x' AS b");
  ASSERT_TRUE(kanto_result_ok(r));
  EXPECT_EQ(kanto_result_row_count(r), 1u);
  EXPECT_STREQ(kanto_result_text(r, 0, 1), "x");
  EXPECT_EQ(kanto_result_int64(r, 0, 0), 7);
  EXPECT_EQ(kanto_result_column_name(r, 2), nullptr);
  EXPECT_EQ(kanto_result_column_type_oid(r, 2), 0u);
  EXPECT_EQ(kanto_result_text(r, 1, 0), nullptr);
  EXPECT_EQ(kanto_result_text(r, 0, 2), nullptr);
  EXPECT_EQ(kanto_result_is_null(r, 5, 0), 1);
  EXPECT_EQ(kanto_result_int64(r, 1, 0), 0);
  EXPECT_EQ(kanto_result_double(r, 0, 9), 0.0);
  kanto_result_free(r);

  // No rows at all: every cell is outside.
  r = kanto_exec(conn, "SELECT 1 WHERE false");
  ASSERT_TRUE(kanto_result_ok(r));
  EXPECT_EQ(kanto_result_text(r, 0, 0), nullptr);
  EXPECT_EQ(kanto_result_is_null(r, 0, 0), 1);
  kanto_result_free(r);

  // An error result has no columns.
  r = kanto_exec(conn, "SELECT * FROM missing");
  EXPECT_FALSE(kanto_result_ok(r));
  EXPECT_STREQ(kanto_result_sqlstate(r), "42P01");
  EXPECT_EQ(kanto_result_column_name(r, 0), nullptr);
  EXPECT_EQ(kanto_result_text(r, 0, 0), nullptr);
  kanto_result_free(r);

  kanto_disconnect(conn);
  kanto_close(db);
  std::filesystem::remove_all(dir);
}

// The C++ API's accessors throw std::out_of_range outside the result, never read past it.
TEST(CApiTest, CppAccessorsThrowOutOfRange) {
  auto dir = std::filesystem::temp_directory_path() / ("kanto-capi-cpp-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  kanto::Error e("00000", "");
  auto db = kanto::Database::Open(dir.string(), {}, &e);
  ASSERT_NE(db, nullptr) << e.message();
  {
    kanto::Connection conn(db);
    kanto::QueryResult r = conn.Execute("SELECT 1 WHERE false");
    ASSERT_TRUE(r.ok());
    EXPECT_THROW(r.IsNull(0, 0), std::out_of_range);
    kanto::QueryResult one = conn.Execute("SELECT 1");
    EXPECT_THROW(one.GetText(1, 0), std::out_of_range);
    EXPECT_THROW(one.GetInt64(0, 1), std::out_of_range);
  }
  db.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
