// time and timetz (types/time): the input forms PostgreSQL's time_in / timetz_in accept and those
// they refuse (with their SQLSTATEs), the output forms, precision rounding, the packed timetz order
// (PostgreSQL's timetz_cmp), the binary forms and the arithmetic that wraps at midnight.
#include <gtest/gtest.h>

#include <vector>

#include "kanto/error.hpp"
#include "types/time.hpp"
#include "types/zoneinfo.hpp"

namespace kanto::datetime {
namespace {

constexpr int64_t kHour = 3600 * kMicrosPerSecond;

int64_t Time(const char* text) { return TimeFromText(text, TimeZone(), 0); }
std::string TimeText(const char* text) { return TimeToText(Time(text)); }
std::string TimeTzText(const char* text, const TimeZone& session = TimeZone()) {
  return TimeTzToText(TimeTzFromText(text, session, 0));
}
std::string Sqlstate(const char* text, bool tz) {
  try {
    if (tz) TimeTzFromText(text, TimeZone(), 0);
    else Time(text);
  } catch (const Error& e) {
    return e.sqlstate();
  }
  return "ok";
}

TEST(Time, InputForms) {
  EXPECT_EQ(TimeText("04:05:06.789"), "04:05:06.789");
  EXPECT_EQ(TimeText("04:05 PM"), "16:05:00");
  EXPECT_EQ(TimeText("12:30 am"), "00:30:00");
  EXPECT_EQ(TimeText("040506"), "04:05:06");
  EXPECT_EQ(TimeText("0405"), "04:05:00");
  EXPECT_EQ(TimeText("T04:05:06"), "04:05:06");
  EXPECT_EQ(TimeText("T040506.5"), "04:05:06.5");
  EXPECT_EQ(TimeText("allballs"), "00:00:00");
  EXPECT_EQ(TimeText("24:00:00"), "24:00:00");
  EXPECT_EQ(TimeText("04:05:60"), "04:06:00");
  EXPECT_EQ(TimeText("04:05.5"), "00:04:05.5");  // minutes to seconds, as PostgreSQL
  EXPECT_EQ(TimeText("2003-04-12 04:05:06"), "04:05:06");
  EXPECT_EQ(TimeText("04:05:06-08"), "04:05:06");  // time drops the zone
  EXPECT_EQ(TimeText(" 4:5 "), "04:05:00");
}

TEST(Time, FractionsRoundLikePostgres) {
  EXPECT_EQ(TimeText("04:05:06.1234567"), "04:05:06.123457");
  EXPECT_EQ(TimeText("23:59:59.9999999"), "24:00:00");
  EXPECT_EQ(TimeText("00:00:00.0000005"), "00:00:00");  // rint: half to even
  EXPECT_EQ(TimeToText(RoundTime(Time("01:02:03.4567"), 2)), "01:02:03.46");
  EXPECT_EQ(TimeToText(RoundTime(Time("23:59:59.9"), 0)), "24:00:00");
  EXPECT_EQ(TimeToText(RoundTime(Time("01:02:03.05"), 1)), "01:02:03.1");
  EXPECT_EQ(RoundTime(123456, 6), 123456);
  EXPECT_EQ(RoundTime(123456, -1), 123456);
}

TEST(Time, RefusedInput) {
  for (const char* bad : {"", "abc", "today", "epoch", "infinity", "4 pm", "16", "2003-04-12T04:05:06",
                          "04:05:06 foo", "04:05:06 04:05:06", "04:05:06 America/New_York"}) {
    EXPECT_EQ(Sqlstate(bad, false), "22007") << bad;
  }
  for (const char* bad : {"24:00:01", "13:00 PM", "04:60", "24:00:00.5", "25:00"}) {
    EXPECT_EQ(Sqlstate(bad, false), "22008") << bad;
  }
  EXPECT_EQ(Sqlstate("04:05:06-16", false), "22009");
  EXPECT_EQ(Sqlstate("04:05:06+155959", true), "22009");
}

TEST(TimeTz, InputAndOutput) {
  EXPECT_EQ(TimeTzText("04:05:06-08"), "04:05:06-08");
  EXPECT_EQ(TimeTzText("04:05:06+05:30"), "04:05:06+05:30");
  EXPECT_EQ(TimeTzText("04:05:06+15:59:59"), "04:05:06+15:59:59");
  EXPECT_EQ(TimeTzText("040506-08"), "04:05:06-08");
  EXPECT_EQ(TimeTzText("04:05:06.5 +0530"), "04:05:06.5+05:30");
  EXPECT_EQ(TimeTzText("04:05:06 PST"), "04:05:06-08");
  EXPECT_EQ(TimeTzText("04:05:06 z"), "04:05:06+00");
  EXPECT_EQ(TimeTzText("allballs"), "00:00:00+00");
  EXPECT_EQ(TimeTzText("04:05:06"), "04:05:06+00");
  EXPECT_EQ(TimeTzText("04:05:06", TimeZone::Load("-03")), "04:05:06-03");
  if (FindZoneFile("America/New_York")) {
    EXPECT_EQ(TimeTzText("2003-04-12 04:05:06 America/New_York"), "04:05:06-04");
    EXPECT_EQ(TimeTzText("2003-01-12 04:05:06 America/New_York"), "04:05:06-05");
  }
  EXPECT_EQ(Sqlstate("04:05:06 America/New_York", true), "22007");  // a zone with rules needs a date
  EXPECT_EQ(Sqlstate("04:05:06+16", true), "22009");
  // Abbreviations whose offset changed over time (IST, MSK, ...): refused, not guessed.
  EXPECT_EQ(Sqlstate("04:05:06 IST", true), "0A000");
  EXPECT_EQ(Sqlstate("04:05:06 msk", false), "0A000");
}

TEST(TimeTz, PackedOrderIsTimetzCmp) {
  // By UTC time, then by zone (seconds west): 12:05:06+00 < 04:05:06-08 (the same instant).
  std::vector<const char*> sorted = {"00:00+00", "12:05:06+01", "13:05:06+01", "12:05:06+00",
                                     "04:05:06-08", "12:05:06-01", "23:00-03", "24:00:00-15:59"};
  for (size_t i = 0; i + 1 < sorted.size(); i++) {
    int64_t a = PackTimeTz(TimeTzFromText(sorted[i], TimeZone(), 0));
    int64_t b = PackTimeTz(TimeTzFromText(sorted[i + 1], TimeZone(), 0));
    EXPECT_LT(a, b) << sorted[i] << " < " << sorted[i + 1];
  }
  for (const char* text : {"00:00+15:59:59", "24:00:00-15:59:59", "12:34:56.789012+05:30", "00:00-00:00:01"}) {
    TimeTz t = TimeTzFromText(text, TimeZone(), 0);
    TimeTz back = UnpackTimeTz(PackTimeTz(t));
    EXPECT_EQ(back.time, t.time) << text;
    EXPECT_EQ(back.zone, t.zone) << text;
  }
}

TEST(Time, BinaryForms) {
  EXPECT_EQ(TimeSend(1), std::string("\0\0\0\0\0\0\0\1", 8));
  EXPECT_EQ(TimeRecv(TimeSend(Time("24:00"))), kMicrosPerDay);
  TimeTz t = TimeTzFromText("04:05:06-08", TimeZone(), 0);
  std::string b = TimeTzSend(t);
  ASSERT_EQ(b.size(), 12u);
  EXPECT_EQ(b.substr(8), std::string("\0\0\x70\x80", 4));  // 28800 seconds west
  EXPECT_EQ(TimeTzRecv(b).zone, 28800);
  auto state = [](auto f) {
    try {
      f();
    } catch (const Error& e) {
      return e.sqlstate();
    }
    return std::string("ok");
  };
  EXPECT_EQ(state([] { TimeRecv(std::string(7, '\0')); }), "08P01");
  EXPECT_EQ(state([] { TimeRecv(std::string(9, '\0')); }), "22P03");
  EXPECT_EQ(state([] { TimeRecv(TimeSend(kMicrosPerDay + 1)); }), "22P03");
  EXPECT_EQ(state([] { TimeTzRecv(TimeTzSend(TimeTz{0, 16 * 3600})); }), "22P03");
}

TEST(Time, ArithmeticWrapsAtMidnight) {
  EXPECT_EQ(TimeToText(TimeAddInterval(Time("23:30"), Interval{0, 0, kHour})), "00:30:00");
  EXPECT_EQ(TimeToText(TimeAddInterval(Time("01:00"), Interval{0, 0, -2 * kHour})), "23:00:00");
  EXPECT_EQ(TimeToText(TimeAddInterval(Time("04:05"), Interval{1, 1, 2 * kHour})), "06:05:00");
  EXPECT_EQ(TimeToText(TimeAddInterval(Time("24:00"), Interval{})), "00:00:00");
  EXPECT_EQ(TimeToText(IntervalToTime(Interval{0, 0, -kHour})), "23:00:00");
  TimeTz t = TimeTzAtZone(TimeTzFromText("23:05:06-08", TimeZone(), 0), 9 * 3600);
  EXPECT_EQ(TimeTzToText(t), "16:05:06+09");
}

TEST(Time, ExtractAndMakeTime) {
  EXPECT_EQ(ExtractTime("second", Time("04:05:06.5")), "6.500000");
  EXPECT_EQ(ExtractTime("epoch", Time("04:05:06.5")), "14706.500000");
  EXPECT_EQ(ExtractTime("HOURS", Time("24:00")), "24");
  EXPECT_EQ(ExtractTimeTz("timezone_minute", TimeTzFromText("04:05:06-05:30", TimeZone(), 0)), "-30");
  EXPECT_EQ(ExtractTimeTz("epoch", TimeTzFromText("04:05:06-05:30", TimeZone(), 0)), "34506.000000");
  EXPECT_EQ(TimeToText(MakeTime(8, 15, 23.5)), "08:15:23.5");
  EXPECT_EQ(TimeToText(MakeTime(8, 0, 59.9999999)), "08:01:00");
  try {
    MakeTime(8, 60, 0);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "22008");
    EXPECT_STREQ(e.what(), "time field value out of range: 8:60:00");
  }
}

}  // namespace
}  // namespace kanto::datetime
