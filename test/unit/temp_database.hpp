// The fixture of unit tests that run SQL through the embedding API: a database in a fresh
// temporary directory (named after the test, removed after it), reopened at will, and the small
// helpers the tests use to run statements and read their answers.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "kanto/kanto.hpp"
#include "test_dir.hpp"

namespace kanto {

class TempDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = FreshTestDir(); }
  void TearDown() override {
    conn_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Opens the database in dir_, closing the one open before (and conn()'s connection to it).
  void Open(const Options& options = {}) {
    conn_.reset();
    db_.reset();
    Error e("00000", "");
    db_ = Database::Open(dir_.string(), options, &e);
    ASSERT_NE(db_, nullptr) << e.message();
  }
  // The fixture's own connection, made on first use.
  Connection& conn() {
    if (!conn_) conn_ = std::make_unique<Connection>(db_);
    return *conn_;
  }

  static void Ok(Connection& c, const std::string& sql) {
    auto r = c.Execute(sql);
    ASSERT_TRUE(r.ok()) << sql << ": " << r.error().message();
  }
  // The error the statement must give.
  static Error Fails(Connection& c, const std::string& sql) {
    auto r = c.Execute(sql);
    EXPECT_FALSE(r.ok()) << sql;
    return r.ok() ? Error("00000", "") : r.error();
  }
  // "ok", or the SQLSTATE and message of the error.
  static std::string State(Connection& c, const std::string& sql) {
    auto r = c.Execute(sql);
    return r.ok() ? "ok" : r.error().sqlstate() + " " + r.error().message();
  }
  // The first column of every row, joined by commas.
  static std::string Text(Connection& c, const std::string& sql) {
    auto r = c.Execute(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << (r.ok() ? "" : r.error().message());
    std::string out;
    for (size_t row = 0; r.ok() && row < r.row_count(); row++) out += (row ? "," : "") + r.GetText(row, 0);
    return out;
  }
  // The first column of the first row as an integer; -1 without one.
  static int64_t Int(Connection& c, const std::string& sql) {
    auto r = c.Execute(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << (r.ok() ? "" : r.error().message());
    return r.ok() && r.row_count() ? r.GetInt64(0, 0) : -1;
  }

  void Ok(const std::string& sql) { Ok(conn(), sql); }
  Error Fails(const std::string& sql) { return Fails(conn(), sql); }
  std::string Text(const std::string& sql) { return Text(conn(), sql); }

  std::filesystem::path dir_;
  std::shared_ptr<Database> db_;

 private:
  std::unique_ptr<Connection> conn_;
};

}  // namespace kanto
