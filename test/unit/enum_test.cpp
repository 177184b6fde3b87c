// Enum types (types/enum_type): interning, text input and output by sort order, ordering of
// values and keys, and the catalog's records of an enum type and of a column of one.
#include <gtest/gtest.h>

#include "catalog/catalog.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "storage/key_encoding.hpp"
#include "types/enum_type.hpp"

namespace kanto {
namespace {

EnumType MoodDefinition() {
  EnumType e;
  e.oid = 91001;
  e.array_oid = 91002;
  e.name = "mood";
  // As after ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok': sort orders need not be whole numbers.
  e.labels = {{91003, 1, "sad"}, {91006, 1.5, "meh"}, {91004, 2, "ok"}, {91005, 3, "happy"}};
  return e;
}

LogicalType Mood() { return EnumLogicalType(MoodDefinition()); }

TEST(Enum, InterningGivesEqualTypes) {
  EXPECT_EQ(Mood(), Mood());
  EnumType renamed = MoodDefinition();
  renamed.labels[1].label = "so-so";
  EXPECT_NE(Mood(), EnumLogicalType(renamed));
  EXPECT_EQ(Mood().oid(), 91001u);
  EXPECT_EQ(LogicalType::ArrayOf(Mood()).oid(), 91002u);
  EXPECT_EQ(Mood().ToString(), "mood");
  EXPECT_EQ(LogicalType::ArrayOf(Mood()).ToString(), "mood[]");
  EXPECT_EQ(Mood().typmod(), -1);
}

TEST(Enum, TextInputAndOutput) {
  FunctionContext ctx;
  Value meh = TextToValue("meh", Mood(), ctx);
  EXPECT_EQ(meh.double_value(), 1.5);
  EXPECT_EQ(ValueToText(meh, ctx), "meh");
  try {
    TextToValue("Meh", Mood(), ctx);
    FAIL() << "an unknown label was read";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.sqlstate()), "22P02");
    EXPECT_EQ(e.message(), "invalid input value for enum mood: \"Meh\"");
  }
  EXPECT_THROW(ValueToText(Value::FromDouble(Mood(), 2.5), ctx), Error);  // no label has that order
}

TEST(Enum, KeysOrderByDeclaration) {
  FunctionContext ctx;
  auto key = [&](const char* label) {
    storage::KeyWriter w;
    w.AppendValue(TextToValue(label, Mood(), ctx));
    return w.Release();
  };
  EXPECT_LT(key("sad"), key("meh"));
  EXPECT_LT(key("meh"), key("ok"));
  EXPECT_LT(key("ok"), key("happy"));
}

TEST(Enum, CatalogRecords) {
  TypeEntry type;
  type.id = 91001;
  type.array_id = 91002;
  type.schema_id = kPublicSchemaId;
  type.name = "mood";
  type.owner = 10;
  type.labels = MoodDefinition().labels;
  TypeEntry back = Catalog::DeserializeType(Catalog::SerializeType(type));
  EXPECT_EQ(back.id, type.id);
  EXPECT_EQ(back.array_id, type.array_id);
  EXPECT_EQ(back.name, "mood");
  EXPECT_EQ(back.kind, TypeEntry::kEnum);
  EXPECT_EQ(back.labels, type.labels);
  Catalog catalog;
  catalog.PutType(back);
  EXPECT_EQ(catalog.TypeOf(*catalog.GetType(91001)), Mood());

  TableEntry t;
  t.id = 91010;
  t.name = "holder";
  t.columns.push_back({"m", Mood()});
  t.columns.push_back({"ms", LogicalType::ArrayOf(Mood())});
  TableEntry table = Catalog::DeserializeTable(Catalog::SerializeTable(t));
  ASSERT_EQ(table.columns.size(), 2u);
  EXPECT_EQ(table.columns[0].type, Mood());
  EXPECT_EQ(table.columns[1].type, LogicalType::ArrayOf(Mood()));
  EXPECT_EQ(UserTypeOid(table.columns[1].type), 91001u);
}

}  // namespace
}  // namespace kanto
