// Key encoding order must equal SQL value order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "storage/key_encoding.hpp"
#include "storage/row_codec.hpp"
#include "kanto/error.hpp"
#include "types/value_compare.hpp"

namespace kanto {
namespace {

std::string Key(const Value& v, bool desc = false) {
  storage::KeyWriter w;
  w.AppendValue(v, desc);
  return w.Release();
}

void ExpectOrderPreserved(std::vector<Value> values) {
  std::mt19937 rng(42);
  std::shuffle(values.begin(), values.end(), rng);
  auto by_value = values;
  std::stable_sort(by_value.begin(), by_value.end(), [](const Value& a, const Value& b) {
    if (a.is_null() || b.is_null()) return !a.is_null() && b.is_null();  // NULLS LAST
    return CompareValues(a, b) < 0;
  });
  for (size_t i = 0; i + 1 < by_value.size(); i++) {
    const Value& a = by_value[i];
    const Value& b = by_value[i + 1];
    bool equal = (a.is_null() && b.is_null()) || (!a.is_null() && !b.is_null() && CompareValues(a, b) == 0);
    if (equal) {
      EXPECT_EQ(Key(a), Key(b));
    } else {
      EXPECT_LT(Key(a), Key(b)) << i;
      EXPECT_GT(Key(a, true), Key(b, true)) << i;
    }
  }
}

TEST(KeyEncoding, Integers) {
  std::vector<Value> v;
  for (int64_t x : {INT64_MIN, int64_t{-1000000}, int64_t{-1}, int64_t{0}, int64_t{1}, int64_t{255}, int64_t{256}, INT64_MAX}) {
    v.push_back(Value::Int8(x));
  }
  v.push_back(Value::Null(LogicalType(TypeId::kInt8)));
  ExpectOrderPreserved(v);
}

TEST(KeyEncoding, Doubles) {
  std::vector<Value> v;
  for (double d : std::vector<double>{-INFINITY, -1e300, -1.5, -0.0, 0.0, 1e-300, 0.5, 2.0, 1e300, INFINITY, NAN}) v.push_back(Value::Float8(d));
  ExpectOrderPreserved(v);
  EXPECT_EQ(Key(Value::Float8(-0.0)), Key(Value::Float8(0.0)));
}

TEST(KeyEncoding, StringsWithZerosAndPrefixes) {
  std::vector<Value> v;
  for (const char* s : {"", "a", "ab", "abc", "b", "\xff"}) v.push_back(Value::Text(s));
  v.push_back(Value::Text(std::string("a\0b", 3)));
  v.push_back(Value::Text(std::string("a\0", 2)));
  v.push_back(Value::Null(LogicalType(TypeId::kText)));
  ExpectOrderPreserved(v);
}

TEST(KeyEncoding, Numerics) {
  std::vector<Value> v;
  for (const char* s : {"-Infinity", "-1000", "-10.5", "-10.25", "-1", "-0.001", "0", "0.00", "0.001", "1", "1.5", "1.50",
                        "10", "99.99", "100", "1e20", "Infinity", "NaN"}) {
    v.push_back(Value::FromNumeric(Numeric::Parse(s)));
  }
  ExpectOrderPreserved(v);
  EXPECT_EQ(Key(Value::FromNumeric(Numeric::Parse("1.5"))), Key(Value::FromNumeric(Numeric::Parse("1.500"))));
}

TEST(KeyEncoding, PrefixSuccessor) {
  EXPECT_EQ(storage::PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(storage::PrefixSuccessor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(storage::PrefixSuccessor("\xff\xff"), "");
}

TEST(RowCodec, RoundTripAndAddedColumns) {
  std::vector<Value> row = {Value::Int4(7), Value::Null(LogicalType(TypeId::kText)), Value::Text("hi"),
                            Value::FromNumeric(Numeric::Parse("12.340")), Value::Float8(2.5)};
  std::string data;
  storage::EncodeRow(3, row, &data);
  std::vector<LogicalType> types = {LogicalType(TypeId::kInt4), LogicalType(TypeId::kText), LogicalType(TypeId::kText),
                                    LogicalType(TypeId::kNumeric), LogicalType(TypeId::kFloat8),
                                    LogicalType(TypeId::kInt8)};
  DataChunk chunk(types);
  EXPECT_EQ(storage::DecodeRow(data, types, &chunk), 3u);
  ASSERT_EQ(chunk.size(), 1u);
  EXPECT_EQ(chunk.column(0).ints()[0], 7);
  EXPECT_TRUE(chunk.column(1).IsNull(0));
  EXPECT_EQ(chunk.column(2).strings()[0], "hi");
  EXPECT_EQ(chunk.column(3).numerics()[0].ToString(), "12.340");
  EXPECT_EQ(chunk.column(4).doubles()[0], 2.5);
  EXPECT_TRUE(chunk.column(5).IsNull(0));  // column added after the row was written
}

TEST(RowCodec, CorruptInputIsAnErrorNotACrash) {
  std::vector<Value> row = {Value::Text("hello"), Value::FromNumeric(Numeric::Parse("1.5"))};
  std::string data;
  storage::EncodeRow(1, row, &data);
  std::vector<LogicalType> types = {LogicalType(TypeId::kText), LogicalType(TypeId::kNumeric)};
  for (size_t cut = 0; cut < data.size(); cut++) {
    DataChunk chunk(types);
    try {
      storage::DecodeRow(data.substr(0, cut), types, &chunk);
      ADD_FAILURE() << "no error at " << cut;
    } catch (const Error& e) {
      EXPECT_EQ(e.sqlstate(), "XX001");
    }
  }
}

}  // namespace
}  // namespace kanto
