// Transactions through the embedding API with several connections on one database.
#include <gtest/gtest.h>

#include <thread>

#include "kanto/kanto.hpp"
#include "temp_database.hpp"

namespace kanto {
namespace {

class TransactionTest : public TempDatabaseTest {
 protected:
  void SetUp() override {
    TempDatabaseTest::SetUp();
    Open();
    Connection setup(db_);
    Ok(setup, "CREATE TABLE acct (id int PRIMARY KEY, balance int)");
    Ok(setup, "INSERT INTO acct VALUES (1, 100), (2, 200)");
  }
  static int64_t Balance(Connection& c, int id) {
    return Int(c, "SELECT balance FROM acct WHERE id = " + std::to_string(id));
  }
};

TEST_F(TransactionTest, ReadCommittedSeesNewCommitsPerStatement) {
  Connection a(db_), b(db_);
  ASSERT_TRUE(a.Execute("BEGIN").ok());
  EXPECT_EQ(Balance(a, 1), 100);
  ASSERT_TRUE(b.Execute("UPDATE acct SET balance = 150 WHERE id = 1").ok());
  EXPECT_EQ(Balance(a, 1), 150);
  ASSERT_TRUE(a.Execute("COMMIT").ok());
}

TEST_F(TransactionTest, RepeatableReadKeepsItsSnapshot) {
  Connection a(db_), b(db_);
  ASSERT_TRUE(a.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ").ok());
  EXPECT_EQ(Balance(a, 1), 100);
  ASSERT_TRUE(b.Execute("UPDATE acct SET balance = 150 WHERE id = 1").ok());
  EXPECT_EQ(Balance(a, 1), 100);
  ASSERT_TRUE(a.Execute("COMMIT").ok());
  EXPECT_EQ(Balance(a, 1), 150);
}

TEST_F(TransactionTest, RepeatableReadWriteConflictIsSerializationFailure) {
  Connection a(db_), b(db_);
  ASSERT_TRUE(a.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ").ok());
  EXPECT_EQ(Balance(a, 1), 100);
  ASSERT_TRUE(b.Execute("UPDATE acct SET balance = balance + 1 WHERE id = 1").ok());
  auto r = a.Execute("UPDATE acct SET balance = balance + 10 WHERE id = 1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().sqlstate(), "40001");
  EXPECT_EQ(a.transaction_status(), 'E');
  auto after = a.Execute("SELECT 1");
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().sqlstate(), "25P02");
  ASSERT_TRUE(a.Execute("ROLLBACK").ok());
  EXPECT_EQ(a.transaction_status(), 'I');
  EXPECT_EQ(Balance(a, 1), 101);
}

TEST_F(TransactionTest, UncommittedWritesAreInvisibleToOthers) {
  Connection a(db_), b(db_);
  ASSERT_TRUE(a.Execute("BEGIN").ok());
  ASSERT_TRUE(a.Execute("INSERT INTO acct VALUES (3, 300)").ok());
  EXPECT_EQ(Balance(a, 3), 300);
  EXPECT_EQ(Balance(b, 3), -1);
  ASSERT_TRUE(a.Execute("ROLLBACK").ok());
  EXPECT_EQ(Balance(b, 3), -1);
}

TEST_F(TransactionTest, ConcurrentDuplicateKeyWaitsThenFails) {
  Connection a(db_), b(db_);
  ASSERT_TRUE(a.Execute("BEGIN").ok());
  ASSERT_TRUE(a.Execute("INSERT INTO acct VALUES (5, 1)").ok());
  QueryResult second;
  std::thread t([&] { second = b.Execute("INSERT INTO acct VALUES (5, 2)"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(a.Execute("COMMIT").ok());
  t.join();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().sqlstate(), "23505");
}

TEST_F(TransactionTest, DdlIsInvisibleUntilCommit) {
  Connection a(db_), b(db_);
  ASSERT_TRUE(a.Execute("BEGIN").ok());
  ASSERT_TRUE(a.Execute("CREATE TABLE fresh (x int)").ok());
  ASSERT_TRUE(a.Execute("INSERT INTO fresh VALUES (1)").ok());
  auto r = b.Execute("SELECT * FROM fresh");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().sqlstate(), "42P01");
  ASSERT_TRUE(a.Execute("COMMIT").ok());
  auto r2 = b.Execute("SELECT count(*) FROM fresh");
  ASSERT_TRUE(r2.ok()) << r2.error().message();
  EXPECT_EQ(r2.GetInt64(0, 0), 1);
}

TEST_F(TransactionTest, PreparedStatementInfersParameterTypes) {
  Connection a(db_);
  Error e("00000", "");
  auto stmt = a.Prepare("SELECT balance FROM acct WHERE id = $1", &e);
  ASSERT_NE(stmt, nullptr) << e.message();
  ASSERT_EQ(stmt->param_count(), 1u);
  EXPECT_EQ(stmt->param_type_oid(0), 23u);
  ASSERT_EQ(stmt->columns().size(), 1u);
  EXPECT_EQ(stmt->columns()[0].name, "balance");
  auto r = stmt->Execute({Param(2)});
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r.GetInt64(0, 0), 200);
  auto text = stmt->Execute({Param("1")});
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.GetInt64(0, 0), 100);
  auto bad = stmt->Execute({Param("x")});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().sqlstate(), "22P02");
}

TEST_F(TransactionTest, ReopenKeepsCommittedDataAndCatalog) {
  {
    Connection a(db_);
    ASSERT_TRUE(a.Execute("CREATE INDEX acct_balance ON acct (balance)").ok());
    ASSERT_TRUE(a.Execute("BEGIN; INSERT INTO acct VALUES (9, 900); COMMIT").ok());
    ASSERT_TRUE(a.Execute("BEGIN; INSERT INTO acct VALUES (10, 1000)").ok());
    // not committed: lost at close
  }
  Open();  // reopen
  Connection b(db_);
  EXPECT_EQ(Balance(b, 9), 900);
  EXPECT_EQ(Balance(b, 10), -1);
  auto r = b.Execute("SELECT id FROM acct WHERE balance = 900");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.row_count(), 1u);
  auto explain = b.Execute("EXPLAIN SELECT id FROM acct WHERE balance = 900");
  ASSERT_TRUE(explain.ok());
  bool uses_index = false;
  for (size_t i = 0; i < explain.row_count(); i++) {
    uses_index |= explain.GetText(i, 0).find("Index Scan using acct_balance") != std::string::npos;
  }
  EXPECT_TRUE(uses_index);
}

TEST_F(TransactionTest, SecondOpenOfSameDirectoryIsRefused) {
  Error e("00000", "");
  auto second = Database::Open(dir_.string(), {}, &e);
  EXPECT_EQ(second, nullptr);
  EXPECT_EQ(e.sqlstate(), "55006");
}

}  // namespace
}  // namespace kanto
