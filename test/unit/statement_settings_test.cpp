// SettingValues' version changes exactly when a value does, and what a statement reads from the
// settings (parsed once per version) follows SET, SET LOCAL, RESET and DISCARD ALL at once.
#include <gtest/gtest.h>

#include <memory>

#include "main/setting_values.hpp"
#include "temp_database.hpp"

namespace kanto {
namespace {

TEST(SettingValuesVersionTest, ChangesOnlyWithAValue) {
  auto defaults = std::make_shared<const SettingValues::Map>(SettingValues::Map{{"work_mem", "4MB"}});
  SettingValues m(defaults);
  EXPECT_NE(m.version(), SettingValues(defaults).version());  // a new object: a new version
  uint64_t v = m.version();
  m.Set("work_mem", "4MB");
  EXPECT_EQ(m.version(), v);
  m.Set("work_mem", "8MB");
  EXPECT_NE(m.version(), v);
  EXPECT_EQ(*m.Find("work_mem"), "8MB");
  v = m.version();
  m.Set("work_mem", "4MB");  // back to the default
  EXPECT_NE(m.version(), v);
  EXPECT_EQ(m.changed_count(), 0u);
  v = m.version();
  m.Set("timezone", "UTC");
  EXPECT_NE(m.version(), v);
  EXPECT_EQ(m.Find("missing"), nullptr);
  EXPECT_TRUE(m.Contains("timezone"));
}

class StatementSettingsTest : public TempDatabaseTest {
 protected:
  void SetUp() override {
    TempDatabaseTest::SetUp();
    Open();
  }
};

TEST_F(StatementSettingsTest, TimeoutsFollowSetAndReset) {
  Ok("SELECT pg_sleep(0.01)");
  Ok("SET statement_timeout = '20ms'");
  EXPECT_EQ(Fails("SELECT pg_sleep(0.5)").sqlstate(), "57014");
  Ok("RESET statement_timeout");
  Ok("SELECT pg_sleep(0.05)");
  Ok("BEGIN");
  Ok("SET LOCAL statement_timeout = '20ms'");
  EXPECT_EQ(Fails("SELECT pg_sleep(0.5)").sqlstate(), "57014");
  Ok("ROLLBACK");
  Ok("SELECT pg_sleep(0.05)");  // SET LOCAL ended with the transaction
}

TEST_F(StatementSettingsTest, TimeZoneAndSearchPathFollowSetAndDiscard) {
  const std::string ts = "SELECT '2020-01-01 00:00:00+00'::timestamptz::text";
  Ok("SET TimeZone = 'UTC'");
  EXPECT_EQ(Text(ts), "2020-01-01 00:00:00+00");
  Ok("SET TimeZone = 'Asia/Tokyo'");
  EXPECT_EQ(Text(ts), "2020-01-01 09:00:00+09");
  Ok("CREATE SCHEMA s");
  Ok("CREATE TABLE s.only_here (x int)");
  EXPECT_EQ(Fails("SELECT * FROM only_here").sqlstate(), "42P01");
  Ok("SET search_path = s, public");
  Ok("SELECT * FROM only_here");
  Ok("DISCARD ALL");
  EXPECT_EQ(Fails("SELECT * FROM only_here").sqlstate(), "42P01");
  EXPECT_EQ(Text(ts).find("+09"), std::string::npos) << Text(ts);  // back to the default zone
}

// Autocommit statements skip setting the transaction modes while the settings are unchanged;
// a change of the defaults, BEGIN's modes and SET TRANSACTION still apply, and end with the block.
TEST_F(StatementSettingsTest, TransactionModesFollowDefaultsAndBlocks) {
  Ok("CREATE TABLE m (x int)");
  Ok("INSERT INTO m VALUES (1)");
  EXPECT_EQ(Text("SHOW transaction_read_only"), "off");
  Ok("SET default_transaction_read_only = on");
  EXPECT_EQ(Fails("INSERT INTO m VALUES (2)").sqlstate(), "25006");
  EXPECT_EQ(Text("SHOW transaction_read_only"), "on");
  Ok("RESET default_transaction_read_only");
  Ok("INSERT INTO m VALUES (3)");
  Ok("BEGIN READ ONLY");
  EXPECT_EQ(Fails("INSERT INTO m VALUES (4)").sqlstate(), "25006");
  Ok("ROLLBACK");
  Ok("INSERT INTO m VALUES (5)");
  Ok("BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(Text("SHOW transaction_isolation"), "repeatable read");
  Ok("COMMIT");
  EXPECT_EQ(Text("SHOW transaction_isolation"), "read committed");
  Ok("SET default_transaction_isolation = 'serializable'");
  EXPECT_EQ(Text("SHOW transaction_isolation"), "serializable");
  Ok("BEGIN");
  Ok("SET TRANSACTION READ ONLY");
  EXPECT_EQ(Fails("INSERT INTO m VALUES (6)").sqlstate(), "25006");
  Ok("ROLLBACK");
  EXPECT_EQ(Text("SELECT string_agg(x::text, ',' ORDER BY x) FROM m"), "1,3,5");
}

}  // namespace
}  // namespace kanto
