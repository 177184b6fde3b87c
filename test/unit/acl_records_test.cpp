// The ACLs of catalog records (GRANT / REVOKE on sequences, schemas, columns and databases; ALTER
// DEFAULT PRIVILEGES) survive a round trip, and records written before them read as "no ACL".
#include <gtest/gtest.h>

#include "catalog/catalog.hpp"
#include "kanto/error.hpp"

namespace kanto {
namespace {

const Acl kSample = {AclItem{16500, 10, kAclSelect | kAclUsage, kAclUsage}, AclItem{kAclPublic, 10, kAclUsage, 0}};

TEST(AclRecords, SequenceSchemaDatabaseRoundTrip) {
  SequenceEntry seq;
  seq.id = 16400;
  seq.name = "s";
  seq.acl = kSample;
  EXPECT_EQ(Catalog::DeserializeSequence(Catalog::SerializeSequence(seq)).acl, kSample);
  seq.acl.reset();
  EXPECT_FALSE(Catalog::DeserializeSequence(Catalog::SerializeSequence(seq)).acl.has_value());

  SchemaEntry schema{16401, "app", "alice", kSample};
  EXPECT_EQ(Catalog::DeserializeSchema(Catalog::SerializeSchema(schema)).acl, kSample);

  DatabaseEntry db;
  db.id = 16402;
  db.name = "d";
  db.acl = Acl{};
  SchemaEntry back_schema = Catalog::DeserializeSchema(Catalog::SerializeSchema(SchemaEntry{1, "x", "kanto", {}}));
  EXPECT_FALSE(back_schema.acl.has_value());
  DatabaseEntry back = Catalog::DeserializeDatabase(Catalog::SerializeDatabase(db));
  ASSERT_TRUE(back.acl.has_value());  // an empty ACL (everything revoked) is not "none"
  EXPECT_TRUE(back.acl->empty());
}

TEST(AclRecords, ColumnAclsRoundTrip) {
  TableEntry t;
  t.id = 16410;
  t.name = "t";
  t.columns.push_back({"a", LogicalType(TypeId::kInt4), false, ""});
  t.columns.push_back({"b", LogicalType(TypeId::kText), false, ""});
  t.columns[1].acl = kSample;
  TableEntry back = Catalog::DeserializeTable(Catalog::SerializeTable(t));
  ASSERT_EQ(back.columns.size(), 2u);
  EXPECT_FALSE(back.columns[0].acl.has_value());
  EXPECT_EQ(back.columns[1].acl, kSample);
}

TEST(AclRecords, OlderRecordsReadWithoutAcl) {
  // Each older version is the newer record without its trailing ACL (a single false byte here).
  SequenceEntry seq;
  seq.id = 16420;
  seq.name = "s";
  std::string data = Catalog::SerializeSequence(seq);
  data.pop_back();
  data[0] = 2;
  EXPECT_FALSE(Catalog::DeserializeSequence(data).acl.has_value());
  std::string schema = Catalog::SerializeSchema(SchemaEntry{16421, "app", "kanto", {}});
  schema.pop_back();
  schema[0] = 1;
  EXPECT_EQ(Catalog::DeserializeSchema(schema).name, "app");
  TableEntry t;
  t.id = 16422;
  t.name = "t";
  t.columns.push_back({"a", LogicalType(TypeId::kInt4), false, ""});
  std::string table = Catalog::SerializeTable(t);
  table.pop_back();
  table[0] = 9;
  EXPECT_FALSE(Catalog::DeserializeTable(table).columns[0].acl.has_value());
}

TEST(AclRecords, DefaultAclRoundTripAndLookup) {
  DefaultAclEntry d{16430, 16500, kPublicSchemaId, DefaultAclEntry::kSequences, kSample};
  DefaultAclEntry back = Catalog::DeserializeDefaultAcl(Catalog::SerializeDefaultAcl(d));
  EXPECT_EQ(back.id, d.id);
  EXPECT_EQ(back.role, d.role);
  EXPECT_EQ(back.schema_id, d.schema_id);
  EXPECT_EQ(back.object_type, 'S');
  EXPECT_EQ(back.acl, kSample);
  EXPECT_THROW(Catalog::DeserializeDefaultAcl(std::string("\x02", 1)), Error);

  Catalog catalog;
  catalog.PutDefaultAcl(d);
  EXPECT_NE(catalog.FindDefaultAcl(16500, kPublicSchemaId, 'S'), nullptr);
  EXPECT_EQ(catalog.FindDefaultAcl(16500, 0, 'S'), nullptr);
  EXPECT_EQ(catalog.FindDefaultAcl(16500, kPublicSchemaId, 'r'), nullptr);
  catalog.RemoveDefaultAcl(d.id);
  EXPECT_TRUE(catalog.DefaultAcls().empty());
}

}  // namespace
}  // namespace kanto
