// jsonb's normalised form and its memcomparable key (types/jsonb.hpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kanto/error.hpp"
#include "types/jsonb.hpp"

namespace kanto {
namespace {

std::string Key(const std::string& text) {
  std::string k;
  AppendJsonbKey(&k, JsonbFromText(text));
  return k;
}

TEST(Jsonb, NormalisedFormIsAFixedPoint) {
  for (const char* text : {R"({"bb":1, "a":[1e2, -0.50, {"z":null,"y":true}], "a":"x\u00e9\n"})", "[]", "  3.0  ",
                           R"({"":{}, "\u0000x":1})"}) {
    std::string once;
    try {
      once = JsonbFromText(text);
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.sqlstate()), "22P05") << text;  // \u0000 is refused, as in PostgreSQL
      continue;
    }
    EXPECT_EQ(once, JsonbFromText(once)) << text;
  }
  EXPECT_EQ(JsonbFromText(R"({"bb":1, "a":2, "a":3})"), R"({"a": 3, "bb": 1})");
}

TEST(Jsonb, EqualValuesGiveEqualKeys) {
  EXPECT_EQ(Key("1"), Key("1.000"));
  EXPECT_EQ(Key(R"({"a":[1.0, 2]})"), Key(R"({"a":[1, 2.00]})"));
  EXPECT_NE(Key("[1]"), Key("1"));
  EXPECT_NE(Key(R"("a")"), Key(R"("a\u0001")"));
}

// The order PostgreSQL 15 gives these values (SELECT ... ORDER BY doc::jsonb, in a C.UTF-8
// database; the same list as test/sql/types/jsonb.slt).
TEST(Jsonb, KeysSortInPostgresOrder) {
  std::vector<std::string> sorted = {"[]",       "null",      R"("abc")",  R"("str")", "-3",          "1.5",
                                     "false",    "true",      "[1]",       "[[1]]",    "[{}]",        "[1, 2]",
                                     "{}",       R"({"a": 1})", R"({"a": [1]})", R"({"aa": 1})", R"({"b": 1})",
                                     R"({"a": 1, "b": 2})"};
  for (size_t i = 0; i + 1 < sorted.size(); i++) {
    EXPECT_LT(Key(sorted[i]), Key(sorted[i + 1])) << sorted[i] << " < " << sorted[i + 1];
    EXPECT_EQ(CompareJsonb(JsonbFromText(sorted[i + 1]), JsonbFromText(sorted[i])), 1);
  }
}

TEST(Jsonb, ContainmentFollowsPostgres) {
  auto contains = [](const char* a, const char* b) {
    return JsonbContains(JsonbTree(JsonbFromText(a)), JsonbTree(JsonbFromText(b)));
  };
  EXPECT_TRUE(contains(R"({"a":1, "b":[1,2,{"c":3}]})", R"({"b":[{"c":3}]})"));
  EXPECT_TRUE(contains("[1, 2]", "1"));     // an array may contain a scalar
  EXPECT_FALSE(contains("1", "[1]"));       // but not the other way
  EXPECT_FALSE(contains(R"({"a":[1,2]})", R"({"a":1})"));
  EXPECT_FALSE(contains("{}", "[]"));
}

}  // namespace
}  // namespace kanto
