// The literal plan cache (main/literal_plan_cache.hpp): which texts get a key, and that a shape's
// third text runs from the cached plan (SHOW kanto.plan_cache_hits) with its own literals, while
// literals that would fail, other constants, DDL and settings take the ordinary path.
#include <gtest/gtest.h>

#include "parser/literal_scan.hpp"
#include "temp_database.hpp"

namespace kanto {
namespace {

std::string Key(const std::string& sql) {
  LiteralScan scan;
  if (!ScanLiterals(sql, &scan)) return "<none>";
  std::string out;
  for (char c : scan.key) out += c == '\x01' ? '#' : c;
  return out + " " + std::to_string(scan.literals.size());
}

TEST(LiteralScanTest, KeysAndRefusals) {
  EXPECT_EQ(Key("SELECT a FROM t WHERE a = 12345;"), "SELECT a FROM t WHERE a = #i; 1");
  EXPECT_EQ(Key("SELECT 2147483647, 2147483648, 00000000001"), "SELECT #i, #l, #i 3");
  EXPECT_EQ(Key("SELECT a FROM t WHERE a = -1.5e3 AND b = 'it''s'"), "SELECT a FROM t WHERE a = -#n AND b = #s 2");
  EXPECT_EQ(Key("SELECT \"a'1\" FROM t2 WHERE x1 = .5"), "SELECT \"a'1\" FROM t2 WHERE x1 = #n 1");
  EXPECT_EQ(Key("SELECT 1; SELECT 2"), "<none>");
  EXPECT_EQ(Key("SELECT 1 -- note"), "<none>");
  EXPECT_EQ(Key("SELECT /* note */ 1"), "<none>");
  EXPECT_EQ(Key("SELECT $1"), "<none>");
  EXPECT_EQ(Key("SELECT $$x$$"), "<none>");
  EXPECT_EQ(Key("SELECT E'\\n'"), "<none>");
  EXPECT_EQ(Key("SELECT X'1F'"), "<none>");
  EXPECT_EQ(Key("SELECT U&'d\\0061t'"), "<none>");
  EXPECT_EQ(Key("SELECT 'a'\n'b'"), "<none>");
  EXPECT_EQ(Key("SELECT 1a"), "<none>");
  EXPECT_EQ(Key("SELECT 1.2.3"), "<none>");
  EXPECT_EQ(Key("SELECT 1e"), "<none>");
  EXPECT_EQ(Key("SELECT 'open"), "<none>");
  auto lit = [](const std::string& sql, size_t i, bool negate) {
    LiteralScan scan;
    EXPECT_TRUE(ScanLiterals(sql, &scan));
    return LiteralConstant(sql, scan.literals.at(i), negate);
  };
  EXPECT_EQ(lit("SELECT 2147483648", 0, true).ival, -2147483648LL);
  EXPECT_EQ(lit("SELECT 99999999999999999999", 0, false).type, ast::Constant::Type::kNumeric);
  EXPECT_EQ(lit("SELECT 9223372036854775808", 0, true).type, ast::Constant::Type::kInteger);
  EXPECT_EQ(lit("SELECT 1.50", 0, true).str, "-1.50");
  EXPECT_EQ(lit("SELECT 'it''s'", 0, false).str, "it's");
}

class LiteralPlanCacheTest : public TempDatabaseTest {
 protected:
  void SetUp() override {
    TempDatabaseTest::SetUp();
    Open();
    Ok("CREATE TABLE t (id int PRIMARY KEY, v int8, d date, s varchar(3))");
    Ok("INSERT INTO t VALUES (1, 10, '2020-01-01', 'a'), (2, 20, '2021-01-01', 'b')");
  }
  int64_t Hits() { return std::stoll(Text("SHOW kanto.plan_cache_hits")); }
};

TEST_F(LiteralPlanCacheTest, ThirdTextOfAShapeRunsFromTheCache) {
  int64_t before = Hits();
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 1"), "10");  // seen
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 2"), "20");  // planned with $1
  EXPECT_EQ(Hits(), before);
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 1"), "10");
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 3"), "");
  EXPECT_EQ(Hits(), before + 2);
  // Larger integers (int8) and numerics are shapes of their own.
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 3000000000"), "");
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 1"), "10");
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 2.0"), "20");
  EXPECT_EQ(Hits(), before + 3);
  // -2147483648 is an int4 literal, -2147483649 an int8 one: the shape is planned again for each.
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = -2147483649"), "");
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = -2147483650"), "");
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = -2147483648"), "");
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = -2147483651"), "");
  EXPECT_EQ(Hits(), before + 3);
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = -2147483652"), "");
  EXPECT_EQ(Hits(), before + 4);
  // New rows are seen.
  Ok("INSERT INTO t VALUES (3, 30, '2022-01-01', 'c')");
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 3"), "30");
}

TEST_F(LiteralPlanCacheTest, FailingLiteralsTakeTheOrdinaryPath) {
  Ok("SELECT id FROM t WHERE d = '2020-01-01'");
  Ok("SELECT id FROM t WHERE d = '2021-01-01'");
  int64_t hits = Hits();
  Error e = Fails("SELECT id FROM t WHERE d = '2020-13-01'");
  EXPECT_EQ(Hits(), hits);
  Ok("SET kanto.plan_cache = off");
  Error fresh = Fails("SELECT id FROM t WHERE d = '2020-13-01'");
  Ok("SET kanto.plan_cache = on");
  EXPECT_EQ(e.sqlstate(), "22008");
  EXPECT_EQ(e.message(), fresh.message());
  EXPECT_EQ(e.position(), fresh.position());  // as the statement planned afresh reports it
  EXPECT_EQ(Text("SELECT id FROM t WHERE d = '2021-01-01'"), "2");
  EXPECT_EQ(Hits(), hits + 1);
  Ok("INSERT INTO t VALUES (5, 1, '2020-01-01', 'x')");
  Ok("INSERT INTO t VALUES (6, 1, '2020-01-01', 'y')");
  hits = Hits();
  EXPECT_EQ(State(conn(), "INSERT INTO t VALUES (7, 1, '2020-01-01', 'long')"),
            "22001 value too long for type character varying(3)");
  EXPECT_EQ(Hits(), hits);
  Ok("INSERT INTO t VALUES (7, 1, '2020-01-01', 'z')");
  EXPECT_EQ(Hits(), hits + 1);
}

TEST_F(LiteralPlanCacheTest, ConstantsThatStayMustMatch) {
  Ok("SELECT id FROM t ORDER BY 1 LIMIT 1");
  Ok("SELECT id FROM t ORDER BY 1 LIMIT 1");
  int64_t hits = Hits();
  EXPECT_EQ(Text("SELECT id, -v FROM t ORDER BY 2 LIMIT 2"), "2,1");
  EXPECT_EQ(Text("SELECT id, -v FROM t ORDER BY 2 LIMIT 1"), "2");
  EXPECT_EQ(Text("SELECT id, -v FROM t ORDER BY 1 LIMIT 2"), "1,2");
  EXPECT_EQ(Hits(), hits);
}

TEST_F(LiteralPlanCacheTest, DdlAndSettingsPlanAgain) {
  for (int i = 0; i < 3; i++) Ok("SELECT * FROM t WHERE id = 1");
  Ok("ALTER TABLE t ADD COLUMN w int DEFAULT 5");
  auto r = conn().Execute("SELECT * FROM t WHERE id = 2");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.column_count(), 5u);
  Ok("CREATE SCHEMA other");
  Ok("CREATE TABLE other.t (id int, v int)");
  Ok("INSERT INTO other.t VALUES (1, 99)");
  for (int i = 0; i < 3; i++) EXPECT_EQ(Text("SELECT v FROM t WHERE id = 1"), "10");
  Ok("SET search_path = other");
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 1"), "99");
  Ok("SET kanto.plan_cache = off");
  int64_t hits = Hits();
  for (int i = 0; i < 3; i++) EXPECT_EQ(Text("SELECT v FROM t WHERE id = 1"), "99");
  EXPECT_EQ(Hits(), hits);
}

TEST_F(LiteralPlanCacheTest, EagerModeAndDiscard) {
  Ok("SET kanto.plan_cache = eager");
  int64_t hits = Hits();
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 2"), "20");  // planned the first time
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 1"), "10");
  EXPECT_EQ(Hits(), hits + 1);
  Ok("DISCARD PLANS");
  EXPECT_EQ(Text("SELECT v FROM t WHERE id = 1"), "10");
  EXPECT_EQ(Hits(), hits + 1);
  // TPC-B's statements, in a transaction block.
  Ok("CREATE TABLE acc (aid int PRIMARY KEY, abalance int)");
  Ok("INSERT INTO acc VALUES (1, 0), (2, 0)");
  Ok("BEGIN");
  Ok("UPDATE acc SET abalance = abalance + -1234 WHERE aid = 1");
  Ok("UPDATE acc SET abalance = abalance + 17 WHERE aid = 2");
  Ok("UPDATE acc SET abalance = abalance + 3 WHERE aid = 1");
  Ok("COMMIT");
  EXPECT_EQ(Text("SELECT abalance FROM acc ORDER BY aid"), "-1231,17");
}

}  // namespace
}  // namespace kanto
