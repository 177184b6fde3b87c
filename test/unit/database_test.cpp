// Several databases in one data directory, through the embedding API: each its own catalog and
// keys, roles shared, DROP refused while connected, everything surviving a reopen.
#include <gtest/gtest.h>


#include "kanto/kanto.hpp"
#include "temp_database.hpp"

namespace kanto {
namespace {

class DatabaseTest : public TempDatabaseTest {
 protected:
  void SetUp() override {
    TempDatabaseTest::SetUp();
    Open();
  }
  void Open(const std::string& database = "") {
    Options options;
    options.database = database;
    TempDatabaseTest::Open(options);
  }
};

TEST_F(DatabaseTest, ObjectsBelongToTheirDatabase) {
  Connection main(db_);
  EXPECT_EQ(Text(main, "SELECT current_database()"), "kanto");
  EXPECT_EQ(State(main, "CREATE DATABASE app"), "ok");
  EXPECT_EQ(State(main, "CREATE TABLE t (a int)"), "ok");
  EXPECT_EQ(State(main, "INSERT INTO t VALUES (1)"), "ok");
  Error e("00000", "");
  auto app = db_->OpenDatabase("app", &e);
  ASSERT_NE(app, nullptr) << e.message();
  Connection other(app);
  EXPECT_EQ(Text(other, "SELECT current_database()"), "app");
  EXPECT_EQ(State(other, "SELECT * FROM t"), "42P01 relation \"t\" does not exist");
  EXPECT_EQ(State(other, "CREATE TABLE t (b text)"), "ok");
  EXPECT_EQ(State(other, "INSERT INTO t VALUES ('x'), ('y')"), "ok");
  EXPECT_EQ(Text(other, "SELECT b FROM t ORDER BY b"), "x,y");
  EXPECT_EQ(Text(main, "SELECT a FROM t"), "1");
  // Roles are shared: created in one database, seen in the other.
  EXPECT_EQ(State(other, "CREATE ROLE shared_role"), "ok");
  EXPECT_EQ(Text(main, "SELECT count(*) FROM pg_roles WHERE rolname = 'shared_role'"), "1");
  EXPECT_EQ(Text(other, "SELECT datname FROM pg_database ORDER BY datname"), "app,kanto,template0,template1");
  EXPECT_EQ(State(main, "DROP DATABASE app"),
            "55006 database \"app\" is being accessed by other users");
  EXPECT_EQ(State(other, "DROP DATABASE app"), "55006 cannot drop the currently open database");
  EXPECT_EQ(State(main, "CREATE DATABASE app"), "42P04 database \"app\" already exists");
  EXPECT_EQ(db_->OpenDatabase("nope", &e), nullptr);
  EXPECT_EQ(e.sqlstate(), "3D000");
  EXPECT_EQ(e.message(), "database \"nope\" does not exist");
}

TEST_F(DatabaseTest, SurvivesReopenAndDropReclaims) {
  {
    Connection main(db_);
    ASSERT_EQ(State(main, "CREATE DATABASE app"), "ok");
    Error e("00000", "");
    auto app = db_->OpenDatabase("app", &e);
    ASSERT_NE(app, nullptr) << e.message();
    Connection c(app);
    ASSERT_EQ(State(c, "CREATE TABLE kept (id int PRIMARY KEY, v text)"), "ok");
    ASSERT_EQ(State(c, "INSERT INTO kept SELECT g, 'v' || g FROM generate_series(1, 100) g"), "ok");
  }
  Open("app");  // reopen
  {
    Connection c(db_);
    EXPECT_EQ(Text(c, "SELECT current_database()"), "app");
    EXPECT_EQ(Text(c, "SELECT count(*) FROM kept"), "100");
    Error e("00000", "");
    auto main_db = db_->OpenDatabase("kanto", &e);
    ASSERT_NE(main_db, nullptr) << e.message();
    Connection main(main_db);
    EXPECT_EQ(State(main, "DROP DATABASE app"), "55006 database \"app\" is being accessed by other users");
  }
  {
    Error e("00000", "");
    auto main_db = db_->OpenDatabase("kanto", &e);
    Connection main(main_db);
    EXPECT_EQ(State(main, "DROP DATABASE app"), "ok");
    EXPECT_EQ(Text(main, "SELECT count(*) FROM pg_database WHERE datname = 'app'"), "0");
    // A database created again under the name starts empty.
    EXPECT_EQ(State(main, "CREATE DATABASE app"), "ok");
    auto app = main_db->OpenDatabase("app", &e);
    ASSERT_NE(app, nullptr);
    Connection c(app);
    EXPECT_EQ(State(c, "SELECT * FROM kept"), "42P01 relation \"kept\" does not exist");
  }
}

TEST_F(DatabaseTest, TemplateIsCopied) {
  Connection main(db_);
  ASSERT_EQ(State(main, "CREATE TABLE base (a int)"), "ok");
  ASSERT_EQ(State(main, "INSERT INTO base VALUES (7)"), "ok");
  ASSERT_EQ(State(main, "CREATE DATABASE copy TEMPLATE kanto"), "ok");
  Error e("00000", "");
  auto copy = db_->OpenDatabase("copy", &e);
  ASSERT_NE(copy, nullptr) << e.message();
  Connection c(copy);
  EXPECT_EQ(Text(c, "SELECT a FROM base"), "7");
  ASSERT_EQ(State(c, "INSERT INTO base VALUES (8)"), "ok");
  EXPECT_EQ(Text(main, "SELECT count(*) FROM base"), "1");
  // The copy's id counter continues: new objects do not collide with copied ones.
  ASSERT_EQ(State(c, "CREATE TABLE more (b int)"), "ok");
  EXPECT_EQ(Text(c, "SELECT count(DISTINCT oid) FROM pg_class WHERE relname IN ('base', 'more')"), "2");
}

}  // namespace
}  // namespace kanto
