#include <gtest/gtest.h>

#include "catalog/catalog.hpp"
#include "kanto/error.hpp"

namespace kanto {
namespace {

TableEntry SampleTable() {
  TableEntry t;
  t.id = 16400;
  t.schema_id = kPublicSchemaId;
  t.name = "orders";
  t.columns.push_back({"id", LogicalType(TypeId::kInt8), true, ""});
  t.columns.push_back({"total", LogicalType(TypeId::kNumeric, 10, 2), false, "0"});
  t.columns.push_back({"note", LogicalType(TypeId::kVarchar, 20), false, "'none'::text"});
  IndexEntry pk;
  pk.id = 16401;
  pk.name = "orders_pkey";
  pk.columns = {0};
  pk.descending = {false};
  pk.unique = true;
  pk.primary = true;
  t.indexes.push_back(pk);
  IndexEntry idx;
  idx.id = 16402;
  idx.name = "orders_total_idx";
  idx.columns = {1, 2};
  idx.descending = {true, false};
  t.indexes.push_back(idx);
  t.primary_index = 0;
  t.schema_version = 3;
  return t;
}

TEST(Catalog, TableRecordRoundTrip) {
  TableEntry t = SampleTable();
  TableEntry back = Catalog::DeserializeTable(Catalog::SerializeTable(t));
  EXPECT_EQ(back.id, t.id);
  EXPECT_EQ(back.name, "orders");
  ASSERT_EQ(back.columns.size(), 3u);
  EXPECT_EQ(back.columns[1].type, LogicalType(TypeId::kNumeric, 10, 2));
  EXPECT_EQ(back.columns[2].default_sql, "'none'::text");
  EXPECT_TRUE(back.columns[0].not_null);
  ASSERT_EQ(back.indexes.size(), 2u);
  EXPECT_EQ(back.indexes[1].descending, (std::vector<bool>{true, false}));
  EXPECT_EQ(back.row_index_id(), 16401u);
  EXPECT_EQ(back.schema_version, 3u);
}

// The code a table record stores for a column's type (the byte after the column's name).
int StoredCode(const LogicalType& type) {
  TableEntry t = SampleTable();
  t.columns.push_back({"type_code_probe", type, false, ""});
  std::string data = Catalog::SerializeTable(t);
  size_t at = data.find("type_code_probe");
  return at == std::string::npos ? -1 : static_cast<unsigned char>(data[at + 15]);
}

// Stored type codes never change meaning (data directories hold them), whatever TypeId's order;
// every type has one and reads back as itself, alone and as an array's element.
TEST(Catalog, StoredTypeCodesAreFixed) {
  EXPECT_EQ(StoredCode(LogicalType(TypeId::kInt4)), 3);
  EXPECT_EQ(StoredCode(LogicalType(TypeId::kJson)), 24);
  EXPECT_EQ(StoredCode(LogicalType(TypeId::kRecord)), 25);
  EXPECT_EQ(StoredCode(LogicalType(TypeId::kCharByte)), 26);
  EXPECT_EQ(StoredCode(LogicalType(TypeId::kJsonb)), 27);
  EXPECT_EQ(StoredCode(LogicalType(TypeId::kUuid)), 37);
  EXPECT_EQ(StoredCode(LogicalType(TypeId::kTime)), 38);
  EXPECT_EQ(StoredCode(LogicalType(TypeId::kTimeTz)), 39);
  for (int i = 0; i <= static_cast<int>(kLastTypeId); i++) {
    auto id = static_cast<TypeId>(i);
    if (id == TypeId::kArray) continue;
    LogicalType type(id);
    TableEntry t = SampleTable();
    t.columns.push_back({"c", type, false, ""});
    if (id != TypeId::kUnknown) t.columns.push_back({"a", LogicalType::ArrayOf(type), false, ""});
    TableEntry back = Catalog::DeserializeTable(Catalog::SerializeTable(t));
    EXPECT_EQ(back.columns[3].type, type) << i;
    if (id != TypeId::kUnknown) EXPECT_EQ(back.columns[4].type, LogicalType::ArrayOf(type)) << i;
  }
}

TEST(Catalog, ForeignKeyRoundTrip) {
  TableEntry t = SampleTable();
  ForeignKeyEntry fk;
  fk.id = 16410;
  fk.name = "orders_total_note_fkey";
  fk.columns = {1, 2};
  fk.ref_table = 16300;
  fk.ref_columns = {4, 0};
  fk.ref_index = 16302;
  fk.on_update = ForeignKeyEntry::kCascade;
  fk.on_delete = ForeignKeyEntry::kSetNull;
  fk.delete_set_columns = {2};
  fk.match = ForeignKeyEntry::kMatchFull;
  fk.deferrable = fk.initially_deferred = true;
  fk.validated = false;
  t.foreign_keys.push_back(fk);
  TableEntry back = Catalog::DeserializeTable(Catalog::SerializeTable(t));
  ASSERT_EQ(back.foreign_keys.size(), 1u);
  const ForeignKeyEntry& b = back.foreign_keys[0];
  EXPECT_EQ(b.name, fk.name);
  EXPECT_EQ(b.columns, fk.columns);
  EXPECT_EQ(b.ref_table, 16300u);
  EXPECT_EQ(b.ref_columns, fk.ref_columns);
  EXPECT_EQ(b.ref_index, 16302u);
  EXPECT_EQ(b.on_update, 'c');
  EXPECT_EQ(b.on_delete, 'n');
  EXPECT_EQ(b.delete_set_columns, fk.delete_set_columns);
  EXPECT_EQ(b.match, 'f');
  EXPECT_TRUE(b.deferrable && b.initially_deferred);
  EXPECT_FALSE(b.validated);
}

// The bytes version 8 added at the end of SampleTable()'s record: per index the expression count,
// the predicate (empty) and the INCLUDE and expression column counts; per column `generated`.
constexpr size_t kVersion8Trailer = 2 * (4 + 4 + 4 + 4) + 3;

TEST(Catalog, IndexExpressionsAndGeneratedColumnsRoundTrip) {
  TableEntry t = SampleTable();
  IndexEntry& idx = t.indexes[1];
  idx.columns = {IndexEntry::kExpression, 2};
  idx.expressions = {"lower(note)"};
  idx.predicate = "(total > 0)";
  idx.include = {0};
  idx.expression_columns = {2, 1};
  t.columns[1].generated = 's';
  TableEntry back = Catalog::DeserializeTable(Catalog::SerializeTable(t));
  const IndexEntry& b = back.indexes[1];
  EXPECT_EQ(b.columns, idx.columns);
  EXPECT_EQ(b.expressions, idx.expressions);
  EXPECT_EQ(b.predicate, "(total > 0)");
  EXPECT_EQ(b.include, idx.include);
  EXPECT_EQ(b.expression_columns, idx.expression_columns);
  EXPECT_TRUE(b.computed());
  EXPECT_FALSE(back.indexes[0].computed());
  EXPECT_EQ(back.columns[1].generated, 's');
  EXPECT_EQ(back.columns[0].generated, 0);
  // An expression key part without its text is corruption.
  idx.expressions.clear();
  EXPECT_THROW(Catalog::DeserializeTable(Catalog::SerializeTable(t)), Error);
}

TEST(Catalog, Version7RecordReadsWithPlainIndexes) {
  std::string data = Catalog::SerializeTable(SampleTable());
  data = data.substr(0, data.size() - kVersion8Trailer);
  data[0] = 7;
  TableEntry back = Catalog::DeserializeTable(data);
  ASSERT_EQ(back.indexes.size(), 2u);
  EXPECT_EQ(back.indexes[1].columns, (std::vector<uint32_t>{1, 2}));
  EXPECT_FALSE(back.indexes[1].computed());
  EXPECT_TRUE(back.indexes[1].include.empty());
  EXPECT_EQ(back.columns[2].generated, 0);
}

TEST(Catalog, Version6RecordReadsWithoutForeignKeys) {
  // A version 6 record is a version 7 one without the trailing foreign key count.
  std::string data = Catalog::SerializeTable(SampleTable());
  data = data.substr(0, data.size() - kVersion8Trailer - 4);
  data[0] = 6;
  TableEntry back = Catalog::DeserializeTable(data);
  EXPECT_EQ(back.name, "orders");
  EXPECT_TRUE(back.foreign_keys.empty());
}

TEST(Catalog, TruncatedRecordIsCorruption) {
  std::string data = Catalog::SerializeTable(SampleTable());
  for (size_t cut : {size_t{0}, size_t{1}, data.size() / 2, data.size() - 1}) {
    try {
      Catalog::DeserializeTable(data.substr(0, cut));
      FAIL() << "no error at cut " << cut;
    } catch (const Error& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kDataCorrupted);
    }
  }
}

TEST(Catalog, LookupAndCopyOnWrite) {
  Catalog c;
  ASSERT_NE(c.FindSchema("public"), nullptr);
  c.PutTable(SampleTable());
  Catalog copy = c;
  copy.RemoveTable(16400);
  EXPECT_NE(c.FindTable(kPublicSchemaId, "orders"), nullptr);
  EXPECT_EQ(copy.FindTable(kPublicSchemaId, "orders"), nullptr);
  const TableEntry* owner = nullptr;
  EXPECT_NE(c.FindIndex(kPublicSchemaId, "orders_total_idx", &owner), nullptr);
  EXPECT_EQ(owner->name, "orders");
  EXPECT_TRUE(c.RelationExists(kPublicSchemaId, "orders_pkey"));
}

TEST(LogicalType, PostgresNamesAndOids) {
  EXPECT_EQ(LogicalType(TypeId::kVarchar, 10).ToString(), "character varying(10)");
  EXPECT_EQ(LogicalType(TypeId::kNumeric, 10, 2).ToString(), "numeric(10,2)");
  EXPECT_EQ(LogicalType(TypeId::kInt4).oid(), 23u);
  EXPECT_EQ(LogicalType(TypeId::kNumeric, 10, 2).typmod(), (10 << 16 | 2) + 4);
  EXPECT_EQ(LogicalType(TypeId::kVarchar, 10).typmod(), 14);
}

}  // namespace
}  // namespace kanto
