// Calendar arithmetic the formatting functions share: Julian day numbers and ISO 8601 week dates
// (years are astronomical: 0 is 1 BC), and the English names to_char writes and to_date reads.
#pragma once

#include <cstdint>

#include "types/datetime.hpp"

namespace kanto::formatting {

inline constexpr int64_t kUnixEpochJulian = 2440588;  // Julian day of 1970-01-01

// The Julian day number of a date, by the arithmetic PostgreSQL uses (date2j), which also gives
// its answers for the month and day counts of an interval (to_char(interval, 'J')).
inline int64_t DateToJulian(int64_t y, int64_t m, int64_t d) {
  if (m > 2) {
    m += 1;
    y += 4800;
  } else {
    m += 13;
    y += 4799;
  }
  int64_t century = y / 100;
  return y * 365 - 32167 + y / 4 - century + century / 4 + 7834 * m / 256 + d;
}

inline void JulianToDate(int64_t j, int64_t* y, int64_t* m, int64_t* d) {
  unsigned mm = 0, dd = 0;
  datetime::CivilFromDays(j - kUnixEpochJulian, y, &mm, &dd);
  *m = mm;
  *d = dd;
}

// Day of the week, 0 = Sunday.
inline int64_t JulianWeekday(int64_t j) {
  int64_t w = (j + 1) % 7;
  return w < 0 ? w + 7 : w;
}

// Julian day of the Monday of ISO week `week` of ISO year `year`.
inline int64_t IsoWeekToJulian(int64_t year, int64_t week) {
  int64_t day4 = DateToJulian(year, 1, 4);
  return (week - 1) * 7 + (day4 - JulianWeekday(day4 - 1));
}

// ISO year and week of a date.
inline void IsoWeekOf(int64_t y, int64_t m, int64_t d, int64_t* iso_year, int64_t* week) {
  int64_t dayn = DateToJulian(y, m, d);
  int64_t year = y;
  int64_t start = IsoWeekToJulian(year, 1);
  if (dayn < start) {
    year--;
    start = IsoWeekToJulian(year, 1);
  }
  int64_t w = (dayn - start) / 7 + 1;
  if (w >= 52) {
    int64_t next = IsoWeekToJulian(year + 1, 1);
    if (dayn >= next) {
      year++;
      w = (dayn - next) / 7 + 1;
    }
  }
  *iso_year = year;
  *week = w;
}

inline bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

inline const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
inline const char* const kMonthAbbrevs[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
inline const char* const kDayNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
inline const char* const kDayAbbrevs[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
// Roman month numerals, December first (as to_date searches them: VIII before V).
inline const char* const kRomanMonthsUpper[] = {"XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I"};
inline const char* const kRomanMonthsLower[] = {"xii", "xi", "x", "ix", "viii", "vii", "vi", "v", "iv", "iii", "ii", "i"};

}  // namespace kanto::formatting
