// Sequences through the embedding API: nextval from several connections at once, values never
// handed out twice (also across a restart), and outside the user's transaction.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "kanto/kanto.hpp"
#include "temp_database.hpp"

namespace kanto {
namespace {

class SequenceTest : public TempDatabaseTest {
 protected:
  void SetUp() override {
    TempDatabaseTest::SetUp();
    Open();
  }
};

TEST_F(SequenceTest, ConcurrentNextvalHandsOutEveryValueOnce) {
  {
    Connection setup(db_);
    ASSERT_TRUE(setup.Execute("CREATE SEQUENCE s").ok());
  }
  constexpr int kThreads = 4, kCalls = 250;
  std::vector<std::vector<int64_t>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([&, t] {
      Connection c(db_);
      for (int i = 0; i < kCalls; i++) got[t].push_back(Int(c, "SELECT nextval('s')"));
    });
  }
  for (auto& th : threads) th.join();
  std::set<int64_t> all;
  for (const auto& v : got) {
    for (size_t i = 1; i < v.size(); i++) EXPECT_LT(v[i - 1], v[i]);  // increasing within a session
    all.insert(v.begin(), v.end());
  }
  EXPECT_EQ(all.size(), size_t{kThreads * kCalls});
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), kThreads * kCalls);
}

TEST_F(SequenceTest, RestartNeverRepeatsAValue) {
  int64_t last = 0;
  {
    Connection c(db_);
    ASSERT_TRUE(c.Execute("CREATE SEQUENCE s").ok());
    for (int i = 0; i < 5; i++) last = Int(c, "SELECT nextval('s')");
    EXPECT_EQ(last, 5);
  }
  Open();  // reopen
  {
    Connection c(db_);
    int64_t after = Int(c, "SELECT nextval('s')");
    EXPECT_GT(after, last);
    // A clean close wrote the exact counter, so nothing is skipped (as in PostgreSQL after a clean
    // shutdown; after a crash the rest of the logged range would be skipped).
    EXPECT_EQ(after, 6);
    // setval is written through at once.
    EXPECT_EQ(Int(c, "SELECT setval('s', 1000)"), 1000);
  }
  Open();  // reopen
  Connection d(db_);
  EXPECT_EQ(Int(d, "SELECT nextval('s')"), 1001);
}

TEST_F(SequenceTest, NextvalIsNotRolledBackAndSeesOtherSessions) {
  Connection a(db_), b(db_);
  ASSERT_TRUE(a.Execute("CREATE SEQUENCE s").ok());
  ASSERT_TRUE(a.Execute("BEGIN").ok());
  EXPECT_EQ(Int(a, "SELECT nextval('s')"), 1);
  EXPECT_EQ(Int(b, "SELECT nextval('s')"), 2);
  ASSERT_TRUE(a.Execute("ROLLBACK").ok());
  EXPECT_EQ(Int(a, "SELECT nextval('s')"), 3);
  EXPECT_EQ(Int(b, "SELECT currval('s')"), 2);  // currval is per session
  EXPECT_EQ(Int(a, "SELECT lastval()"), 3);
}

TEST_F(SequenceTest, SerialColumnSurvivesRestart) {
  {
    Connection c(db_);
    ASSERT_TRUE(c.Execute("CREATE TABLE t (id serial PRIMARY KEY, v text)").ok());
    ASSERT_TRUE(c.Execute("INSERT INTO t (v) VALUES ('a'), ('b')").ok());
  }
  Open();  // reopen
  Connection c(db_);
  ASSERT_TRUE(c.Execute("INSERT INTO t (v) VALUES ('c')").ok());
  EXPECT_EQ(Int(c, "SELECT count(DISTINCT id) FROM t"), 3);
  EXPECT_GT(Int(c, "SELECT max(id) FROM t WHERE v = 'c'"), 2);
}

}  // namespace
}  // namespace kanto
