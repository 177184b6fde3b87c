// ALTER TABLE through the embedding API: the DETAIL and HINT lines of its errors (the texts
// PostgreSQL 15 gives for the same statements; the .slt files check SQLSTATEs and messages), and a
// changed table surviving a reopen of the database.
#include <gtest/gtest.h>


#include "kanto/kanto.hpp"
#include "temp_database.hpp"

namespace kanto {
namespace {

class AlterTableTest : public TempDatabaseTest {
 protected:
  void SetUp() override {
    TempDatabaseTest::SetUp();
    Open();
  }
  std::string One(const std::string& sql) {
    auto r = conn().Execute(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.error().message();
    return r.ok() ? r.GetText(0, 0) : "";
  }
};

TEST_F(AlterTableTest, AlterColumnTypeHints) {
  Ok("CREATE TABLE t (a int, b text, c varchar(10) DEFAULT 'x')");
  Error e = Fails("ALTER TABLE t ALTER b TYPE integer");
  EXPECT_EQ(e.sqlstate(), "42804");
  EXPECT_EQ(e.message(), "column \"b\" cannot be cast automatically to type integer");
  EXPECT_EQ(e.hint(), "You might need to specify \"USING b::integer\".");
  e = Fails("ALTER TABLE t ALTER a TYPE int[]");
  EXPECT_EQ(e.hint(), "You might need to specify \"USING a::integer[]\".");
  e = Fails("ALTER TABLE t ALTER b TYPE date USING 5");
  EXPECT_EQ(e.message(), "result of USING clause for column \"b\" cannot be cast automatically to type date");
  EXPECT_EQ(e.hint(), "You might need to add an explicit cast.");
  e = Fails("ALTER TABLE t ALTER c TYPE int USING 1");
  EXPECT_EQ(e.message(), "default for column \"c\" cannot be cast automatically to type integer");
  EXPECT_EQ(e.hint(), "");
}

TEST_F(AlterTableTest, AlterColumnTypeDetails) {
  Ok("CREATE SCHEMA s; CREATE TABLE t (a int, b text); CREATE VIEW s.v AS SELECT b FROM t");
  Error e = Fails("ALTER TABLE t ALTER b TYPE varchar(5)");
  EXPECT_EQ(e.sqlstate(), "0A000");
  EXPECT_EQ(e.message(), "cannot alter type of a column used by a view or rule");
  EXPECT_EQ(e.detail(), "rule _RETURN on view s.v depends on column \"b\"");
  Ok("CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (pid int REFERENCES p); INSERT INTO p VALUES (1)");
  e = Fails("ALTER TABLE c ALTER pid TYPE text");
  EXPECT_EQ(e.message(), "foreign key constraint \"c_pid_fkey\" cannot be implemented");
  EXPECT_EQ(e.detail(), "Key columns \"pid\" and \"id\" are of incompatible types: text and integer.");
  Ok("INSERT INTO p VALUES (2); CREATE TABLE u (k int UNIQUE); INSERT INTO u VALUES (1), (2)");
  e = Fails("ALTER TABLE u ALTER k TYPE int USING k / 3");
  EXPECT_EQ(e.message(), "could not create unique index \"u_k_key\"");
  EXPECT_EQ(e.detail(), "Key (k)=(0) is duplicated.");
}

TEST_F(AlterTableTest, AlterColumnTypeSurvivesReopen) {
  Ok("CREATE TABLE t (id int PRIMARY KEY, v text); CREATE INDEX t_v ON t (v)");
  Ok("INSERT INTO t VALUES (1, '10'), (2, '20')");
  Ok("ALTER TABLE t ALTER v TYPE bigint USING v::bigint + id, ALTER id TYPE numeric(4,1)");
  Open();  // reopen
  EXPECT_EQ(One("SELECT id FROM t WHERE v = 22"), "2.0");
  EXPECT_EQ(One("SELECT pg_typeof(v)::text || ',' || pg_typeof(id)::text FROM t LIMIT 1"), "bigint,numeric");
}

TEST_F(AlterTableTest, SetSchemaDetails) {
  Ok("CREATE SCHEMA s; CREATE TABLE t (id serial PRIMARY KEY)");
  Error e = Fails("ALTER SEQUENCE t_id_seq SET SCHEMA s");
  EXPECT_EQ(e.sqlstate(), "0A000");
  EXPECT_EQ(e.message(), "cannot move an owned sequence into another schema");
  EXPECT_EQ(e.detail(), "Sequence \"t_id_seq\" is linked to table \"t\".");
  e = Fails("ALTER TABLE t_pkey SET SCHEMA s");
  EXPECT_EQ(e.sqlstate(), "42809");
  EXPECT_EQ(e.hint(), "Change the schema of the table instead.");
  Ok("ALTER TABLE t SET SCHEMA s");
  auto r = conn().Execute("ALTER TABLE IF EXISTS t SET SCHEMA s");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.notices().size(), 1u);
  EXPECT_EQ(r.notices()[0].message(), "relation \"t\" does not exist, skipping");
  Open();  // reopen
  Ok("INSERT INTO s.t DEFAULT VALUES");
  EXPECT_EQ(One("SELECT pg_get_serial_sequence('s.t', 'id') || ':' || max(id) FROM s.t"), "s.t_id_seq:1");
}

}  // namespace
}  // namespace kanto
