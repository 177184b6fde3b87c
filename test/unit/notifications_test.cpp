// LISTEN / NOTIFY through the embedding API: Connection::TakeNotifications, the wake callback, the
// queue bound (Options::notification_queue_bytes, 54000 when full) and PREPARE TRANSACTION across
// a reopen of the database.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "kanto/kanto.hpp"

namespace kanto {
namespace {

class NotificationsTest : public ::testing::Test {
 protected:
  void Open(const Options& options) {
    db_.reset();
    Error e("00000", "");
    db_ = Database::Open(dir_.string(), options, &e);
    ASSERT_NE(db_, nullptr) << e.message();
  }
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("kanto-notify-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  static void Run(Connection& c, const std::string& sql) {
    auto r = c.Execute(sql);
    ASSERT_TRUE(r.ok()) << sql << ": " << r.error().message();
  }

  std::filesystem::path dir_;
  std::shared_ptr<Database> db_;
};

TEST_F(NotificationsTest, DeliveredAtCommitOutsideBlocks) {
  Open({});
  Connection listener(db_), sender(db_);
  ASSERT_NE(listener.backend_pid(), sender.backend_pid());
  std::atomic<int> wakes{0};
  listener.SetNotificationWake([&] { wakes++; });
  Run(listener, "LISTEN ch");
  Run(sender, "BEGIN");
  Run(sender, "NOTIFY ch, 'one'");
  EXPECT_TRUE(listener.TakeNotifications().empty());
  Run(sender, "COMMIT");
  EXPECT_EQ(wakes.load(), 1);
  auto got = listener.TakeNotifications();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].channel, "ch");
  EXPECT_EQ(got[0].payload, "one");
  EXPECT_EQ(got[0].pid, sender.backend_pid());  // the engine-assigned pid, as pg_backend_pid()
  EXPECT_TRUE(listener.TakeNotifications().empty());
  // Inside a transaction block they wait for its end.
  Run(listener, "BEGIN");
  Run(sender, "NOTIFY ch, 'two'");
  EXPECT_TRUE(listener.TakeNotifications().empty());
  Run(listener, "COMMIT");
  got = listener.TakeNotifications();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].payload, "two");
}

TEST_F(NotificationsTest, QueueBoundFailsTheCommit) {
  Options options;
  options.notification_queue_bytes = 200;  // each copy of ("ch", "x") counts 2 + 1 + 32 bytes
  Open(options);
  Connection listener(db_), sender(db_);
  Run(listener, "LISTEN ch");
  for (int i = 0; i < 5; i++) Run(sender, "NOTIFY ch, 'x'");
  auto r = sender.Execute("NOTIFY ch, 'x'");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().sqlstate(), "54000");
  EXPECT_EQ(r.error().message(), "too many notifications in the NOTIFY queue");
  // The failed transaction did not commit its writes either.
  Run(sender, "CREATE TABLE t (id int)");
  Run(sender, "BEGIN");
  Run(sender, "INSERT INTO t VALUES (1)");
  Run(sender, "NOTIFY ch, 'y'");
  EXPECT_FALSE(sender.Execute("COMMIT").ok());
  auto count = sender.Execute("SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count.GetInt64(0, 0), 0);
  EXPECT_EQ(listener.TakeNotifications().size(), 5u);
  Run(sender, "NOTIFY ch, 'x'");  // room again
  EXPECT_EQ(listener.TakeNotifications().size(), 1u);
}

TEST_F(NotificationsTest, PreparedTransactionSurvivesReopen) {
  Options options;
  options.max_prepared_transactions = 2;
  Open(options);
  {
    Connection c(db_);
    Run(c, "CREATE TABLE t (id int PRIMARY KEY)");
    Run(c, "BEGIN");
    Run(c, "INSERT INTO t VALUES (1)");
    Run(c, "PREPARE TRANSACTION 'keep'");
    Run(c, "BEGIN");
    Run(c, "INSERT INTO t VALUES (2)");
    Run(c, "PREPARE TRANSACTION 'drop'");
    Run(c, "BEGIN");
    auto r = c.Execute("PREPARE TRANSACTION 'third'");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().sqlstate(), "53200");
  }
  Open(options);
  Connection c(db_);
  auto r = c.Execute("SELECT gid FROM pg_prepared_xacts ORDER BY gid");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.row_count(), 2u);
  EXPECT_EQ(r.GetText(0, 0), "drop");
  EXPECT_EQ(r.GetText(1, 0), "keep");
  Run(c, "COMMIT PREPARED 'keep'");
  Run(c, "ROLLBACK PREPARED 'drop'");
  r = c.Execute("SELECT id FROM t");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.row_count(), 1u);
  EXPECT_EQ(r.GetInt64(0, 0), 1);
}

}  // namespace
}  // namespace kanto
