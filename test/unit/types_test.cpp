// Numeric, date/time and cast semantics against PostgreSQL 15's documented results.
#include <gtest/gtest.h>

#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "types/datetime.hpp"
#include "types/numeric.hpp"

namespace kanto {
namespace {

std::string N(const char* s) { return Numeric::Parse(s).ToString(); }

TEST(Numeric, ParseAndPrintKeepScale) {
  EXPECT_EQ(N("1.50"), "1.50");
  EXPECT_EQ(N("  -0.001 "), "-0.001");
  EXPECT_EQ(N("1.5e3"), "1500");
  EXPECT_EQ(N("-0"), "0");
  EXPECT_EQ(N("nan"), "NaN");
  EXPECT_THROW(Numeric::Parse("1.2.3"), Error);
}

TEST(Numeric, ArithmeticScales) {
  auto p = [](const char* s) { return Numeric::Parse(s); };
  EXPECT_EQ(p("1.10").Add(p("2.005")).ToString(), "3.105");
  EXPECT_EQ(p("1.5").Mul(p("2.25")).ToString(), "3.375");
  EXPECT_EQ(p("1").Div(p("3")).ToString(), "0.33333333333333333333");
  EXPECT_EQ(p("10").Div(p("4")).ToString(), "2.5000000000000000");
  EXPECT_EQ(p("7.0").Div(p("2")).ToString(), "3.5000000000000000");
  EXPECT_EQ(p("-7").Mod(p("3")).ToString(), "-1");
  EXPECT_EQ(p("2.5").Round(0).ToString(), "3");
  EXPECT_EQ(p("-2.5").Round(0).ToString(), "-3");
  EXPECT_EQ(p("2.345").Round(2).ToString(), "2.35");
  EXPECT_EQ(p("1234.5").Round(-2).ToString(), "1200");
  EXPECT_EQ(p("2").Sqrt().ToString(), "1.414213562373095");
  try {
    p("1").Div(p("0"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "22012");
  }
}

TEST(Numeric, Typmod) {
  EXPECT_EQ(Numeric::Parse("12345.678").ApplyTypmod(7, 2).ToString(), "12345.68");
  EXPECT_EQ(Numeric::Parse("1").ApplyTypmod(5, 2).ToString(), "1.00");
  try {
    Numeric::Parse("123456.7").ApplyTypmod(7, 2);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "22003");
    EXPECT_EQ(e.detail(), "A field with precision 7, scale 2 must round to an absolute value less than 10^5.");
  }
}

TEST(Numeric, HashIgnoresTrailingZeros) {
  EXPECT_EQ(Numeric::Parse("1.5").Hash(), Numeric::Parse("1.500").Hash());
  EXPECT_NE(Numeric::Parse("1.5").Hash(), Numeric::Parse("15").Hash());
}

TEST(Datetime, RoundTrips) {
  using namespace datetime;
  EXPECT_EQ(FormatDate(ParseDate("2024-02-29")), "2024-02-29");
  EXPECT_EQ(FormatTimestamp(ParseTimestamp("2024-01-05 10:11:12.5")), "2024-01-05 10:11:12.5");
  EXPECT_EQ(FormatTimestamp(ParseTimestamp("1999-12-31T23:59:59")), "1999-12-31 23:59:59");
  TimeZone utc = TimeZone::Load("UTC");
  EXPECT_EQ(FormatTimestampTz(ParseTimestampTz("2024-01-05 10:00:00+02", utc), utc), "2024-01-05 08:00:00+00");
  // SET TimeZone = '+05:30' is POSIX (west of UTC), '+05' a plain ISO hour offset, as PostgreSQL reads them.
  TimeZone posix530 = TimeZone::Load("+05:30");
  EXPECT_EQ(FormatTimestampTz(ParseTimestampTz("2024-01-05 00:00:00Z", utc), posix530), "2024-01-04 18:30:00-05:30");
  EXPECT_EQ(FormatTimestampTz(ParseTimestampTz("2024-01-05 00:00:00Z", utc), TimeZone::Load("+05")), "2024-01-05 05:00:00+05");
  EXPECT_EQ(FormatTimestampTz(ParseTimestampTz("2024-01-05 00:00:00Z", utc), TimeZone::Load("-03:00")), "2024-01-05 03:00:00+03");
  EXPECT_EQ(FormatDate(ParseDate("0044-03-15 BC")), "0044-03-15 BC");
  EXPECT_EQ(FormatInterval(ParseInterval("1 day 2 hours")), "1 day 02:00:00");
  EXPECT_EQ(FormatInterval(ParseInterval("1 year 2 months 3 days")), "1 year 2 mons 3 days");
  EXPECT_EQ(FormatInterval(ParseInterval("-1 days 2 hours")), "-1 days +02:00:00");
  EXPECT_THROW(ParseDate("2024-13-01"), Error);
  EXPECT_THROW(ParseDate("garbage"), Error);
  EXPECT_EQ(FormatTimestamp(AddInterval(ParseTimestamp("2024-01-31"), ParseInterval("1 month"))), "2024-02-29 00:00:00");
}

TEST(Cast, TextOutputOfFloats) {
  FunctionContext ctx;
  EXPECT_EQ(ValueToText(Value::Float8(0.1 + 0.2), ctx), "0.30000000000000004");
  EXPECT_EQ(ValueToText(Value::Float8(1e20), ctx), "1e+20");
  EXPECT_EQ(ValueToText(Value::Float8(123456789012345.0), ctx), "123456789012345");
  EXPECT_EQ(ValueToText(Value::Float8(1e-5), ctx), "1e-05");
  EXPECT_EQ(ValueToText(Value::Float8(0.0001), ctx), "0.0001");
  EXPECT_EQ(ValueToText(Value::Float4(2.5), ctx), "2.5");
}

TEST(Cast, IntegerInputAndRanges) {
  FunctionContext ctx;
  EXPECT_EQ(TextToValue(" 42 ", LogicalType(TypeId::kInt4), ctx).int_value(), 42);
  try {
    TextToValue("99999999999", LogicalType(TypeId::kInt4), ctx);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "22003");
    EXPECT_EQ(e.message(), "value \"99999999999\" is out of range for type integer");
  }
  try {
    CastValue(Value::Int8(40000), LogicalType(TypeId::kInt2), CastContext::kExplicit, ctx);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "smallint out of range");
  }
  EXPECT_EQ(CastValue(Value::Float8(2.5), LogicalType(TypeId::kInt4), CastContext::kExplicit, ctx).int_value(), 2);
}

TEST(Cast, LengthRules) {
  FunctionContext ctx;
  LogicalType vc3(TypeId::kVarchar, 3), ch3(TypeId::kChar, 3);
  EXPECT_EQ(CastValue(Value::Text("abcdef"), vc3, CastContext::kExplicit, ctx).str_value(), "abc");
  EXPECT_EQ(CastValue(Value::Text("abc   "), vc3, CastContext::kAssignment, ctx).str_value(), "abc");
  EXPECT_THROW(CastValue(Value::Text("abcd"), vc3, CastContext::kAssignment, ctx), Error);
  EXPECT_EQ(CastValue(Value::Text("a"), ch3, CastContext::kAssignment, ctx).str_value(), "a  ");
}

}  // namespace
}  // namespace kanto
