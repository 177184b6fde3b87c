// Prepared statements keep their plan between executions; the plan must still see new data,
// follow DDL (a new catalog snapshot), settings that planning reads, and its parameters.
#include <gtest/gtest.h>


#include "kanto/kanto.hpp"
#include "temp_database.hpp"

namespace kanto {
namespace {

class PreparedTest : public TempDatabaseTest {
 protected:
  void SetUp() override {
    TempDatabaseTest::SetUp();
    Open();
    Ok("CREATE TABLE t (id int PRIMARY KEY, v int)");
    Ok("INSERT INTO t VALUES (1, 10), (2, 20)");
  }
  std::string One(PreparedStatement& p, const std::vector<Param>& params) {
    QueryResult r = p.Execute(params);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message());
    return r.ok() && r.row_count() ? r.GetText(0, 0) : "<none>";
  }
};

TEST_F(PreparedTest, ReusedPlanSeesParametersAndNewRows) {
  auto p = conn().Prepare("SELECT v + (SELECT count(*) FROM t) FROM t WHERE id = $1");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(One(*p, {Param(1)}), "12");
  EXPECT_EQ(One(*p, {Param(2)}), "22");
  ASSERT_TRUE(conn().Execute("INSERT INTO t VALUES (3, 30)").ok());
  // the uncorrelated subquery runs again: 3 rows now
  EXPECT_EQ(One(*p, {Param(3)}), "33");
  EXPECT_EQ(One(*p, {Param(1)}), "13");
}

TEST_F(PreparedTest, DdlReplansTheStatement) {
  auto p = conn().Prepare("SELECT count(*) FROM t WHERE v > $1");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(One(*p, {Param(15)}), "1");
  // an index changes the catalog snapshot: the next execution plans again (and may use it)
  ASSERT_TRUE(conn().Execute("CREATE INDEX t_v ON t (v)").ok());
  EXPECT_EQ(One(*p, {Param(15)}), "1");
  ASSERT_TRUE(conn().Execute("INSERT INTO t VALUES (5, 50)").ok());
  EXPECT_EQ(One(*p, {Param(15)}), "2");
}

TEST_F(PreparedTest, TimeZoneChangeReplans) {
  auto p = conn().Prepare("SELECT '2024-01-01 12:00:00+00'::timestamptz::text");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(One(*p, {}), "2024-01-01 12:00:00+00");
  ASSERT_TRUE(conn().Execute("SET timezone = '+02'").ok());
  EXPECT_EQ(One(*p, {}), "2024-01-01 14:00:00+02");
}

TEST_F(PreparedTest, WritesThroughACachedPlan) {
  auto ins = conn().Prepare("INSERT INTO t VALUES ($1, $2)");
  auto upd = conn().Prepare("UPDATE t SET v = v + $1 WHERE id = $2");
  ASSERT_NE(ins, nullptr);
  ASSERT_NE(upd, nullptr);
  for (int i = 10; i < 20; i++) ASSERT_TRUE(ins->Execute({Param(i), Param(i * 100)}).ok());
  for (int i = 10; i < 20; i++) ASSERT_TRUE(upd->Execute({Param(1), Param(i)}).ok());
  QueryResult dup = ins->Execute({Param(10), Param(0)});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().sqlstate(), std::string("23505"));
  auto sum = conn().Execute("SELECT sum(v) FROM t WHERE id >= 10");
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum.GetText(0, 0), "14510");
}

}  // namespace
}  // namespace kanto
