// LISTEN / NOTIFY through the embedding API: Connection::TakeNotifications, the wake callback, the
// queue bound (Options::notification_queue_bytes, 54000 when full) and PREPARE TRANSACTION across
// a reopen of the database.
#include <gtest/gtest.h>

#include <atomic>

#include "kanto/kanto.hpp"
#include "temp_database.hpp"

namespace kanto {
namespace {

class NotificationsTest : public TempDatabaseTest {};

TEST_F(NotificationsTest, DeliveredAtCommitOutsideBlocks) {
  Open({});
  Connection listener(db_), sender(db_);
  ASSERT_NE(listener.backend_pid(), sender.backend_pid());
  std::atomic<int> wakes{0};
  listener.SetNotificationWake([&] { wakes++; });
  Ok(listener, "LISTEN ch");
  Ok(sender, "BEGIN");
  Ok(sender, "NOTIFY ch, 'one'");
  EXPECT_TRUE(listener.TakeNotifications().empty());
  Ok(sender, "COMMIT");
  EXPECT_EQ(wakes.load(), 1);
  auto got = listener.TakeNotifications();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].channel, "ch");
  EXPECT_EQ(got[0].payload, "one");
  EXPECT_EQ(got[0].pid, sender.backend_pid());  // the engine-assigned pid, as pg_backend_pid()
  EXPECT_TRUE(listener.TakeNotifications().empty());
  // Inside a transaction block they wait for its end.
  Ok(listener, "BEGIN");
  Ok(sender, "NOTIFY ch, 'two'");
  EXPECT_TRUE(listener.TakeNotifications().empty());
  Ok(listener, "COMMIT");
  got = listener.TakeNotifications();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].payload, "two");
}

TEST_F(NotificationsTest, QueueBoundFailsTheCommit) {
  Options options;
  options.notification_queue_bytes = 200;  // each copy of ("ch", "x") counts 2 + 1 + 32 bytes
  Open(options);
  Connection listener(db_), sender(db_);
  Ok(listener, "LISTEN ch");
  for (int i = 0; i < 5; i++) Ok(sender, "NOTIFY ch, 'x'");
  auto r = sender.Execute("NOTIFY ch, 'x'");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().sqlstate(), "54000");
  EXPECT_EQ(r.error().message(), "too many notifications in the NOTIFY queue");
  // The failed transaction did not commit its writes either.
  Ok(sender, "CREATE TABLE t (id int)");
  Ok(sender, "BEGIN");
  Ok(sender, "INSERT INTO t VALUES (1)");
  Ok(sender, "NOTIFY ch, 'y'");
  EXPECT_FALSE(sender.Execute("COMMIT").ok());
  auto count = sender.Execute("SELECT count(*) FROM t");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(count.GetInt64(0, 0), 0);
  EXPECT_EQ(listener.TakeNotifications().size(), 5u);
  Ok(sender, "NOTIFY ch, 'x'");  // room again
  EXPECT_EQ(listener.TakeNotifications().size(), 1u);
}

TEST_F(NotificationsTest, PreparedTransactionSurvivesReopen) {
  Options options;
  options.max_prepared_transactions = 2;
  Open(options);
  {
    Connection c(db_);
    Ok(c, "CREATE TABLE t (id int PRIMARY KEY)");
    Ok(c, "BEGIN");
    Ok(c, "INSERT INTO t VALUES (1)");
    Ok(c, "PREPARE TRANSACTION 'keep'");
    Ok(c, "BEGIN");
    Ok(c, "INSERT INTO t VALUES (2)");
    Ok(c, "PREPARE TRANSACTION 'drop'");
    Ok(c, "BEGIN");
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
  Ok(c, "COMMIT PREPARED 'keep'");
  Ok(c, "ROLLBACK PREPARED 'drop'");
  r = c.Execute("SELECT id FROM t");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.row_count(), 1u);
  EXPECT_EQ(r.GetInt64(0, 0), 1);
}

}  // namespace
}  // namespace kanto
