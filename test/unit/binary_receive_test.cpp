// Binary input by type (types/binary_receive): what PostgreSQL's receive functions read, an enum's
// label, an enum array's labels and a record's fields included, with PostgreSQL's errors for misfits; and the type
// length the wire protocol's RowDescription gives (pg_type.typlen).
#include <gtest/gtest.h>

#include <string>

#include "catalog/system_tables.hpp"
#include "kanto/error.hpp"
#include "types/binary_receive.hpp"
#include "types/enum_type.hpp"
#include "types/record.hpp"

namespace kanto {
namespace {

LogicalType Mood() {
  EnumType e;
  e.oid = 92001;
  e.array_oid = 92002;
  e.name = "mood";
  e.labels = {{92003, 1, "sad"}, {92004, 2, "ok"}};
  return EnumLogicalType(e);
}

std::string Be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

// array_send's form of a one-dimensional array of `items` ("\xff" alone: NULL).
std::string BinaryArray(uint32_t element_oid, const std::vector<std::string>& items) {
  bool nulls = false;
  for (const auto& i : items) nulls = nulls || i == "\xff";
  std::string out = Be32(1) + Be32(nulls ? 1 : 0) + Be32(element_oid) + Be32(static_cast<uint32_t>(items.size())) + Be32(1);
  for (const auto& i : items) out += i == "\xff" ? Be32(0xffffffffu) : Be32(static_cast<uint32_t>(i.size())) + i;
  return out;
}

std::string SqlState(const std::string& bytes, const LogicalType& type) {
  try {
    BinaryReceive(bytes, type);
  } catch (const Error& e) {
    return e.sqlstate() + " " + e.message();
  }
  return "ok";
}

TEST(BinaryReceive, EnumIsItsLabel) {
  Param p = BinaryReceive("ok", Mood());
  EXPECT_EQ(p.kind(), Param::Kind::kText);
  EXPECT_EQ(p.text(), "ok");
}

TEST(BinaryReceive, EnumArrayElementsAreLabels) {
  LogicalType moods = LogicalType::ArrayOf(Mood());
  EXPECT_EQ(BinaryReceiveText(BinaryArray(92001, {"sad", "\xff", "o\"k"}), moods), "{\"sad\",NULL,\"o\\\"k\"}");
  // The OID in the header is a user type's (another database's, say): taken for the expected one.
  EXPECT_EQ(BinaryReceiveText(BinaryArray(16390, {"ok"}), moods), "{\"ok\"}");
  EXPECT_EQ(BinaryReceiveText(Be32(0) + Be32(0) + Be32(92001), moods), "{}");
}

TEST(BinaryReceive, FixedLengthValues) {
  LogicalType int4(TypeId::kInt4);
  Param p = BinaryReceive(Be32(static_cast<uint32_t>(-7)), int4);
  EXPECT_EQ(p.kind(), Param::Kind::kInt);
  EXPECT_EQ(p.int_value(), -7);
  EXPECT_EQ(SqlState(std::string(3, '\0'), int4), "08P01 insufficient data left in message");
  EXPECT_EQ(SqlState(std::string(5, '\0'), int4), "22P03 incorrect binary data format");
  EXPECT_EQ(BinaryReceiveText(std::string("\x00\x00\x00\x00\x00\x00\x00\x00", 8), LogicalType(TypeId::kTimestamp)),
            "2000-01-01 00:00:00");
}

TEST(BinaryReceive, ArraysOfAnotherBuiltInElementTypeAreRefused) {
  LogicalType int4s = LogicalType::ArrayOf(LogicalType(TypeId::kInt4));
  EXPECT_EQ(BinaryReceiveText(BinaryArray(23, {Be32(1), "\xff"}), int4s), "{\"1\",NULL}");
  EXPECT_EQ(SqlState(BinaryArray(20, {std::string(7, '\0') + "\x01"}), int4s),
            "42804 binary data has array element type 20 (bigint) instead of expected 23 (integer)");
  EXPECT_EQ(SqlState(BinaryArray(23, {Be32(1)}) + "x", int4s), "22P03 incorrect binary data format");
  EXPECT_EQ(SqlState(BinaryArray(23, {Be32(1)}).substr(0, 22), int4s), "08P01 insufficient data left in message");
}

LogicalType Pair() {
  RecordType r;
  r.oid = 92010;
  r.array_oid = 92011;
  r.name = "pair";
  r.fields = {{"a", LogicalType(TypeId::kInt4)}, {"b", LogicalType(TypeId::kText)}};
  return RecordLogicalType(r);
}

// record_send's form: the field count, then per field OID, length (-1: NULL) and bytes.
std::string BinaryRecord(const std::vector<std::pair<uint32_t, std::string>>& fields) {
  std::string out = Be32(static_cast<uint32_t>(fields.size()));
  for (const auto& [oid, bytes] : fields) {
    out += Be32(oid) + (bytes == "\xff" ? Be32(0xffffffffu) : Be32(static_cast<uint32_t>(bytes.size())) + bytes);
  }
  return out;
}

TEST(BinaryReceive, RecordsAsLiterals) {
  EXPECT_EQ(BinaryReceiveText(BinaryRecord({{23, Be32(5)}, {25, "a \"b\""}}), Pair()), "(\"5\",\"a \\\"b\\\"\")");
  EXPECT_EQ(BinaryReceiveText(BinaryRecord({{23, Be32(5)}, {25, "\xff"}}), Pair()), "(\"5\",)");
  EXPECT_EQ(SqlState(BinaryRecord({{23, Be32(5)}}), Pair()), "42804 wrong number of columns: 1, expected 2");
  EXPECT_EQ(SqlState(BinaryRecord({{20, std::string(8, '\0')}, {25, ""}}), Pair()),
            "42804 binary data has type 20 (bigint) instead of expected 23 (integer) in record column 1");
  EXPECT_EQ(SqlState(BinaryRecord({{23, std::string(5, '\0')}, {25, ""}}), Pair()),
            "22P03 improper binary format in record column 1");
  EXPECT_EQ(SqlState(BinaryRecord({{23, std::string(3, '\0')}, {25, ""}}), Pair()),
            "08P01 insufficient data left in message");
  EXPECT_EQ(SqlState(BinaryRecord({{23, Be32(5)}, {25, "abc"}}).substr(0, 26), Pair()),
            "22P03 insufficient data left in message");
  EXPECT_EQ(SqlState(Be32(0), LogicalType(TypeId::kRecord)),
            "0A000 input of anonymous composite types is not implemented");
  // An array element its type leaves bytes of.
  EXPECT_EQ(SqlState(BinaryArray(23, {std::string(5, '\0')}), LogicalType::ArrayOf(LogicalType(TypeId::kInt4))),
            "22P03 improper binary format in array element 1");
}

TEST(BinaryReceive, TypesWithoutABinaryInput) {
  EXPECT_EQ(SqlState("x", LogicalType(TypeId::kAclItem)), "42883 no binary input function available for type aclitem");
  EXPECT_EQ(SqlState("\x02{}", LogicalType(TypeId::kJsonb)), "XX000 unsupported jsonb version number 2");
}

TEST(TypeLength, AsPgType) {
  EXPECT_EQ(system_tables::TypeLength(Mood()), 4);
  EXPECT_EQ(system_tables::TypeLength(LogicalType::ArrayOf(Mood())), -1);
  EXPECT_EQ(system_tables::TypeLength(LogicalType(TypeId::kUuid)), 16);
  EXPECT_EQ(system_tables::TypeLength(LogicalType(TypeId::kDate)), 4);
  EXPECT_EQ(system_tables::TypeLength(LogicalType(TypeId::kJsonb)), -1);
  EXPECT_EQ(system_tables::TypeLength(LogicalType(TypeId::kName)), 64);
  EXPECT_EQ(system_tables::TypeLength(LogicalType(TypeId::kVarchar, 10)), -1);
}

}  // namespace
}  // namespace kanto
