// Dependencies through the embedding API: the DETAIL, HINT and NOTICEs of DROP ... RESTRICT /
// CASCADE (the texts PostgreSQL 15 gives for the same statements), and the stored dependencies
// surviving a reopen of the database.
#include <gtest/gtest.h>


#include "catalog/catalog.hpp"
#include "kanto/kanto.hpp"
#include "temp_database.hpp"

namespace kanto {
namespace {

class DependencyTest : public TempDatabaseTest {
 protected:
  void SetUp() override {
    TempDatabaseTest::SetUp();
    Open();
  }
};

TEST_F(DependencyTest, RestrictListsTheDependents) {
  Ok("CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a FROM t; CREATE VIEW w AS SELECT * FROM v");
  Error e = Fails("DROP TABLE t");
  EXPECT_EQ(e.sqlstate(), "2BP01");
  EXPECT_EQ(e.message(), "cannot drop table t because other objects depend on it");
  EXPECT_EQ(e.detail(), "view v depends on table t\nview w depends on view v");
  EXPECT_EQ(e.hint(), "Use DROP ... CASCADE to drop the dependent objects too.");
  e = Fails("ALTER TABLE t DROP COLUMN a");
  EXPECT_EQ(e.message(), "cannot drop column a of table t because other objects depend on it");
  EXPECT_EQ(e.detail(), "view v depends on column a of table t\nview w depends on view v");
  e = Fails("DROP VIEW v");
  EXPECT_EQ(e.detail(), "view w depends on view v");
}

TEST_F(DependencyTest, CascadeNotices) {
  Ok("CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a FROM t; CREATE VIEW w AS SELECT * FROM v");
  auto r = conn().Execute("DROP TABLE t CASCADE");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.notices().size(), 1u);
  EXPECT_EQ(r.notices()[0].message(), "drop cascades to 2 other objects");
  EXPECT_EQ(r.notices()[0].detail(), "drop cascades to view v\ndrop cascades to view w");
  Ok("CREATE SEQUENCE s; CREATE TABLE u (id int DEFAULT nextval('s'), x int CHECK (x > 0)); CREATE INDEX ui ON u (x)");
  Error e = Fails("DROP SEQUENCE s");
  EXPECT_EQ(e.detail(), "default value for column id of table u depends on sequence s");
  r = conn().Execute("ALTER TABLE u DROP COLUMN x");  // the index and CHECK go silently
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.notices().empty());
  r = conn().Execute("DROP SEQUENCE s CASCADE");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.notices().size(), 1u);
  EXPECT_EQ(r.notices()[0].message(), "drop cascades to default value for column id of table u");
  EXPECT_EQ(r.notices()[0].detail(), "");
}

TEST_F(DependencyTest, DropSchema) {
  Ok("CREATE SCHEMA sc; CREATE TABLE sc.t1 (a int); CREATE VIEW sc.v1 AS SELECT * FROM sc.t1;"
     "CREATE VIEW pv AS SELECT * FROM sc.v1");
  Error e = Fails("DROP SCHEMA sc");
  EXPECT_EQ(e.message(), "cannot drop schema sc because other objects depend on it");
  EXPECT_EQ(e.detail(), "table sc.t1 depends on schema sc\nview sc.v1 depends on schema sc\nview pv depends on view sc.v1");
  auto r = conn().Execute("DROP SCHEMA sc CASCADE");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.notices().size(), 1u);
  EXPECT_EQ(r.notices()[0].message(), "drop cascades to 3 other objects");
  EXPECT_EQ(r.notices()[0].detail(), "drop cascades to table sc.t1\ndrop cascades to view sc.v1\ndrop cascades to view pv");
}

TEST_F(DependencyTest, StoredDependenciesSurviveReopen) {
  Ok("CREATE TABLE t (a int, b int, c int); CREATE VIEW v AS SELECT c FROM t");
  Ok("ALTER TABLE t DROP COLUMN a");  // v's column reference moves from attnum 3 to 2
  Open();  // reopen
  Error e = Fails("DROP TABLE t");
  EXPECT_EQ(e.detail(), "view v depends on table t");
  e = Fails("ALTER TABLE t DROP COLUMN c");
  EXPECT_EQ(e.detail(), "view v depends on column c of table t");
  Ok("ALTER TABLE t DROP COLUMN b");
  Ok("DROP VIEW v");
  Ok("DROP TABLE t");
}

TEST_F(DependencyTest, IfExistsNotices) {
  auto notice = [&](const std::string& sql) {
    auto r = conn().Execute(sql);
    EXPECT_TRUE(r.ok()) << sql;
    return r.ok() && r.notices().size() == 1 ? r.notices()[0].message() : std::string("(none)");
  };
  EXPECT_EQ(notice("DROP TABLE IF EXISTS nosuch"), "table \"nosuch\" does not exist, skipping");
  EXPECT_EQ(notice("DROP VIEW IF EXISTS nosuch"), "view \"nosuch\" does not exist, skipping");
  EXPECT_EQ(notice("DROP SEQUENCE IF EXISTS nosuch"), "sequence \"nosuch\" does not exist, skipping");
  EXPECT_EQ(notice("DROP INDEX IF EXISTS nosuch"), "index \"nosuch\" does not exist, skipping");
  EXPECT_EQ(notice("DROP SCHEMA IF EXISTS nosuch"), "schema \"nosuch\" does not exist, skipping");
  EXPECT_EQ(notice("DROP TABLE IF EXISTS nosch.t"), "schema \"nosch\" does not exist, skipping");
  Ok("CREATE TABLE tt (a int)");
  EXPECT_EQ(notice("ALTER TABLE tt DROP COLUMN IF EXISTS x"), "column \"x\" of relation \"tt\" does not exist, skipping");
  EXPECT_EQ(notice("ALTER TABLE tt ADD COLUMN IF NOT EXISTS a int"), "column \"a\" of relation \"tt\" already exists, skipping");
  EXPECT_EQ(notice("ALTER TABLE IF EXISTS nosuch ADD COLUMN b int"), "relation \"nosuch\" does not exist, skipping");
}

TEST(DependencyRecord, RoundTrip) {
  std::vector<Dependency> deps = {
      {ObjectAddress::Relation(16390), ObjectAddress::Column(16384, 2), DependencyType::kNormal},
      {ObjectAddress::Constraint(16391), ObjectAddress::Relation(16384), DependencyType::kAuto}};
  EXPECT_EQ(Catalog::DeserializeDependencies(Catalog::SerializeDependencies(deps)), deps);
  std::string bad = Catalog::SerializeDependencies(deps);
  bad[0] = 9;
  EXPECT_THROW(Catalog::DeserializeDependencies(bad), Error);
}

}  // namespace
}  // namespace kanto
