// Record values (types/record): interning, the stored layout, ordering, key encoding and the
// catalog's record of a composite column type.
#include <gtest/gtest.h>

#include "catalog/catalog.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "storage/key_encoding.hpp"
#include "types/record.hpp"

namespace kanto {
namespace {

LogicalType Pair() {
  RecordType r;
  r.oid = 90001;
  r.array_oid = 90002;
  r.name = "pair";
  r.fields = {{"a", LogicalType(TypeId::kInt4)}, {"b", LogicalType(TypeId::kNumeric)}};
  return RecordLogicalType(r);
}

Value P(int64_t a, const char* b) {
  return MakeRecordValue(Pair(), {Value::Int4(a), b ? Value::FromNumeric(Numeric::Parse(b)) : Value::Null(LogicalType(TypeId::kNumeric))});
}

TEST(Record, InterningGivesEqualTypes) {
  EXPECT_EQ(Pair(), Pair());
  EXPECT_NE(Pair(), AnonymousRecordType({LogicalType(TypeId::kInt4), LogicalType(TypeId::kNumeric)}));
  EXPECT_EQ(Pair().oid(), 90001u);
  EXPECT_EQ(LogicalType::ArrayOf(Pair()).oid(), 90002u);
  EXPECT_EQ(LogicalType(TypeId::kRecord).oid(), kAnonymousRecordOid);
  EXPECT_EQ(Pair().ToString(), "pair");
}

TEST(Record, EncodeDecodeRoundTrip) {
  Value v = P(7, nullptr);
  std::vector<Value> f = DecodeRecord(v.str_value(), v.type());
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].int_value(), 7);
  EXPECT_TRUE(f[1].is_null());
  EXPECT_THROW(DecodeRecord(v.str_value().substr(0, 5), v.type()), Error);
}

TEST(Record, OrderFieldByFieldNullsLast) {
  EXPECT_LT(CompareRecords(P(1, "9").str_value(), P(2, "0").str_value(), Pair()), 0);
  EXPECT_LT(CompareRecords(P(1, "1.5").str_value(), P(1, nullptr).str_value(), Pair()), 0);
  EXPECT_EQ(CompareRecords(P(1, "1.5").str_value(), P(1, "1.50").str_value(), Pair()), 0);
}

TEST(Record, KeysOrderAndEqualAsValues) {
  auto key = [](const Value& v) {
    storage::KeyWriter w;
    w.AppendValue(v);
    return w.Release();
  };
  EXPECT_LT(key(P(1, "9")), key(P(2, "0")));
  EXPECT_LT(key(P(-1, "9")), key(P(1, "0")));
  EXPECT_LT(key(P(1, "2")), key(P(1, nullptr)));
  EXPECT_EQ(key(P(1, "1.5")), key(P(1, "1.50")));
}

TEST(Record, TextOutputAndInput) {
  FunctionContext ctx;
  EXPECT_EQ(ValueToText(P(1, "2.5"), ctx), "(1,2.5)");
  EXPECT_EQ(ValueToText(P(1, nullptr), ctx), "(1,)");
  Value back = TextToValue(" (3,\"4.25\")", Pair(), ctx);
  EXPECT_EQ(ValueToText(back, ctx), "(3,4.25)");
  EXPECT_THROW(TextToValue("(3)", Pair(), ctx), Error);
  EXPECT_THROW(TextToValue("(3,4,5)", Pair(), ctx), Error);
  EXPECT_THROW(TextToValue("3,4", Pair(), ctx), Error);
}

TEST(Record, CatalogKeepsTheColumnTypeDescription) {
  TableEntry t;
  t.id = 90010;
  t.name = "holder";
  t.columns.push_back({"p", Pair()});
  t.columns.push_back({"ps", LogicalType::ArrayOf(Pair())});
  TableEntry back = Catalog::DeserializeTable(Catalog::SerializeTable(t));
  ASSERT_EQ(back.columns.size(), 2u);
  EXPECT_EQ(back.columns[0].type, Pair());
  EXPECT_EQ(back.columns[1].type, LogicalType::ArrayOf(Pair()));
}

}  // namespace
}  // namespace kanto
