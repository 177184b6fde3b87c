// to_date(text, text) and to_timestamp(text, text): reading a date/time under a template, with
// PostgreSQL 15's leniency (spaces and separators skipped outside FX mode, fields read up to the
// next separator, two-digit years near 2020) and its checks (22007 for text that does not fit the
// template, 22008 for fields out of range).
#include <cctype>
#include <climits>
#include <cstdlib>

#include "function/formatting.hpp"
#include "function/formatting_calendar.hpp"
#include "function/kernel_util.hpp"
#include "function/time_zone_functions.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

using namespace formatting;

// What the template's fields read (PostgreSQL's TmFromChar); 0 means not given.
struct FromChar {
  DateMode mode = DateMode::kNone;
  int hh = 0, pm = 0, mi = 0, ss = 0, ssss = 0, d = 0, dd = 0, ddd = 0, mm = 0, ms = 0, year = 0, bc = 0, ww = 0,
      w = 0, cc = 0, j = 0, us = 0, yysz = 0, tzsign = 0, tzh = 0, tzm = 0, ff = 0;
  bool clock12 = false;
};

Error FormatError(std::string message) { return Error(sqlstate::kInvalidDatetimeFormat, std::move(message)); }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

bool IsSeparator(char c) {
  return c > 0x20 && c < 0x7F && !std::isalnum(static_cast<unsigned char>(c));
}

size_t CharLen(const std::string& s, size_t pos) {
  if (pos >= s.size()) return 0;
  unsigned char c = static_cast<unsigned char>(s[pos]);
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::min(n, s.size() - pos);
}

class Reader {
 public:
  Reader(const std::vector<FormatNode>& nodes, const std::string& in) : nodes_(nodes), in_(in) {}

  FromChar Read() {
    bool fx = false;
    int extra_skip = 0;  // characters skipped beyond what the template accounts for
    size_t i = 0;
    for (; i < nodes_.size() && pos_ < in_.size(); i++) {
      const FormatNode& n = nodes_[i];
      bool is_fx = n.type == NodeType::kAction && n.dch() == Dch::kFX;
      if (!fx && !is_fx && (n.type == NodeType::kAction || i == 0)) {
        while (pos_ < in_.size() && IsSpace(in_[pos_])) {
          pos_++;
          extra_skip++;
        }
      }
      if (n.type == NodeType::kSpace || n.type == NodeType::kSeparator) {
        if (!fx) {
          // One template separator or space matches one in the input, or nothing.
          extra_skip--;
          if (pos_ < in_.size() && (IsSpace(in_[pos_]) || IsSeparator(in_[pos_]))) {
            pos_++;
            extra_skip++;
          }
        } else {
          pos_ += CharLen(in_, pos_);
        }
        continue;
      }
      if (n.type != NodeType::kAction) {
        // Literal text consumes one input character, whatever it is.
        if (!fx && extra_skip > 0) extra_skip--;
        else pos_ += CharLen(in_, pos_);
        continue;
      }
      SetMode(n.key->mode);
      Field(n, i, &fx, extra_skip);
      if (!fx) {
        extra_skip = 0;
        while (pos_ < in_.size() && IsSpace(in_[pos_])) {
          pos_++;
          extra_skip++;
        }
      }
    }
    return out_;
  }

 private:
  void SetMode(DateMode mode) {
    if (mode == DateMode::kNone) return;
    if (out_.mode == DateMode::kNone) out_.mode = mode;
    else if (out_.mode != mode)
      throw FormatError("invalid combination of date conventions")
          .WithHint("Do not mix Gregorian and ISO week date conventions in a formatting template.");
  }

  static void Set(int* dest, int value, const FormatNode& n) {
    if (*dest != 0 && *dest != value)
      throw FormatError("conflicting values for \"" + std::string(n.key->name) + "\" field in formatting string")
          .WithDetail("This value contradicts a previous setting for the same field type.");
    *dest = value;
  }

  // Whether the field after node `i` cannot be digits (so node i may read as many digits as there are).
  bool NextIsSeparator(size_t i) const {
    const FormatNode& n = nodes_[i];
    if (n.type == NodeType::kAction && (n.suffix & (kSuffixTH | kSuffixth))) return true;
    if (i + 1 >= nodes_.size()) return true;
    const FormatNode& next = nodes_[i + 1];
    if (next.type == NodeType::kAction) return !next.key->is_digit;
    return !(next.character.size() == 1 && std::isdigit(static_cast<unsigned char>(next.character[0])));
  }

  // Reads an integer field of `len` characters (any number of them in FM mode or before a
  // separator); returns the characters consumed.
  int ReadInt(int* dest, int len, size_t i) {
    const FormatNode& n = nodes_[i];
    size_t init = pos_;
    while (pos_ < in_.size() && IsSpace(in_[pos_])) pos_++;
    std::string copy = in_.substr(pos_, len);
    long long result = 0;
    bool range = false;
    auto parse = [&range](const char* p, char** end) {
      errno = 0;
      long long v = std::strtoll(p, end, 10);
      if (errno == ERANGE || v < INT_MIN || v > INT_MAX) range = true;
      return v;
    };
    if ((n.suffix & kSuffixFM) || NextIsSeparator(i)) {
      const char* start = in_.c_str() + init;
      char* end = nullptr;
      result = parse(start, &end);
      pos_ = init + static_cast<size_t>(end - start);
    } else {
      if (static_cast<int>(copy.size()) < len)
        throw FormatError("source string too short for \"" + std::string(n.key->name) + "\" formatting field")
            .WithDetail("Field requires " + std::to_string(len) + " characters, but only " +
                        std::to_string(copy.size()) + " remain.")
            .WithHint("If your source string is not fixed-width, try using the \"FM\" modifier.");
      char* end = nullptr;
      result = parse(copy.c_str(), &end);
      int used = static_cast<int>(end - copy.c_str());
      if (used > 0 && used < len)
        throw FormatError("invalid value \"" + copy + "\" for \"" + std::string(n.key->name) + "\"")
            .WithDetail("Field requires " + std::to_string(len) + " characters, but only " + std::to_string(used) +
                        " could be parsed.")
            .WithHint("If your source string is not fixed-width, try using the \"FM\" modifier.");
      pos_ += used;
    }
    if (pos_ == init)
      throw FormatError("invalid value \"" + copy + "\" for \"" + std::string(n.key->name) + "\"")
          .WithDetail("Value must be an integer.");
    if (range)
      throw Error(sqlstate::kDatetimeFieldOverflow,
                  "value for \"" + std::string(n.key->name) + "\" in source string is out of range")
          .WithDetail("Value must be in the range -2147483648 to 2147483647.");
    if (dest) Set(dest, static_cast<int>(result), n);
    return static_cast<int>(pos_ - init);
  }

  // Matches one of `words` (case-insensitively) at the input; returns its index.
  template <size_t N>
  int ReadWord(const char* const (&words)[N], const FormatNode& n) {
    for (size_t k = 0; k < N; k++) {
      std::string_view w(words[k]);
      if (pos_ + w.size() > in_.size()) continue;
      bool match = true;
      for (size_t c = 0; c < w.size() && match; c++)
        match = std::tolower(static_cast<unsigned char>(in_[pos_ + c])) == std::tolower(static_cast<unsigned char>(w[c]));
      if (match) {
        pos_ += w.size();
        return static_cast<int>(k);
      }
    }
    std::string copy = in_.substr(pos_);
    for (size_t c = 0; c < copy.size(); c++) {
      if (IsSpace(copy[c])) {
        copy.resize(c);
        break;
      }
    }
    throw FormatError("invalid value \"" + copy + "\" for \"" + std::string(n.key->name) + "\"")
        .WithDetail("The given value did not match any of the allowed values for this field.");
  }

  void SkipOrdinal(const FormatNode& n) {
    if (!(n.suffix & (kSuffixTH | kSuffixth))) return;
    pos_ += CharLen(in_, pos_);
    pos_ += CharLen(in_, pos_);
  }

  void Field(const FormatNode& n, size_t i, bool* fx, int extra_skip) {
    static const char* const kAmPm[] = {"am", "pm", "AM", "PM"};
    static const char* const kAmPmLong[] = {"a.m.", "p.m.", "A.M.", "P.M."};
    static const char* const kAdBc[] = {"ad", "bc", "AD", "BC"};
    static const char* const kAdBcLong[] = {"a.d.", "b.c.", "A.D.", "B.C."};
    int len = 0;
    switch (n.dch()) {
      case Dch::kFX: *fx = true; break;
      case Dch::kA_M: case Dch::kP_M: case Dch::ka_m: case Dch::kp_m:
        Set(&out_.pm, ReadWord(kAmPmLong, n) % 2, n);
        out_.clock12 = true;
        break;
      case Dch::kAM: case Dch::kPM: case Dch::kam: case Dch::kpm:
        Set(&out_.pm, ReadWord(kAmPm, n) % 2, n);
        out_.clock12 = true;
        break;
      case Dch::kHH: case Dch::kHH12:
        ReadInt(&out_.hh, 2, i);
        out_.clock12 = true;
        SkipOrdinal(n);
        break;
      case Dch::kHH24: ReadInt(&out_.hh, 2, i); SkipOrdinal(n); break;
      case Dch::kMI: ReadInt(&out_.mi, 2, i); SkipOrdinal(n); break;
      case Dch::kSS: ReadInt(&out_.ss, 2, i); SkipOrdinal(n); break;
      case Dch::kMS:
        len = ReadInt(&out_.ms, 3, i);
        out_.ms *= len == 1 ? 100 : len == 2 ? 10 : 1;  // 25 and 250 are .25 seconds, 025 is .025
        SkipOrdinal(n);
        break;
      case Dch::kFF1: case Dch::kFF2: case Dch::kFF3: case Dch::kFF4: case Dch::kFF5: case Dch::kFF6:
      case Dch::kUS: {
        int width = 6;
        if (n.dch() != Dch::kUS) width = out_.ff = static_cast<int>(n.dch()) - static_cast<int>(Dch::kFF1) + 1;
        len = ReadInt(&out_.us, width, i);
        static const int kScale[] = {1, 100000, 10000, 1000, 100, 10, 1};
        out_.us *= kScale[std::min(len, 6)];
        SkipOrdinal(n);
        break;
      }
      case Dch::kSSSS: ReadInt(&out_.ssss, static_cast<int>(n.key->name.size()), i); SkipOrdinal(n); break;
      case Dch::kTZ: case Dch::ktz: case Dch::kOF:
        throw Error(sqlstate::kFeatureNotSupported,
                    "formatting field \"" + std::string(n.key->name) + "\" is only supported in to_char");
      case Dch::kTZH:
        // A minus skipped as a separator just before may be the offset's sign.
        if (pos_ < in_.size() && (in_[pos_] == '+' || in_[pos_] == '-' || in_[pos_] == ' ')) {
          out_.tzsign = in_[pos_] == '-' ? -1 : 1;
          pos_++;
        } else {
          out_.tzsign = extra_skip > 0 && pos_ > 0 && in_[pos_ - 1] == '-' ? -1 : 1;
        }
        ReadInt(&out_.tzh, 2, i);
        break;
      case Dch::kTZM:
        if (!out_.tzsign) out_.tzsign = 1;
        ReadInt(&out_.tzm, 2, i);
        break;
      case Dch::kA_D: case Dch::kB_C: case Dch::ka_d: case Dch::kb_c: Set(&out_.bc, ReadWord(kAdBcLong, n) % 2, n); break;
      case Dch::kAD: case Dch::kBC: case Dch::kad: case Dch::kbc: Set(&out_.bc, ReadWord(kAdBc, n) % 2, n); break;
      case Dch::kMONTH: case Dch::kMonth: case Dch::kmonth: Set(&out_.mm, ReadWord(kMonthNames, n) + 1, n); break;
      case Dch::kMON: case Dch::kMon: case Dch::kmon: Set(&out_.mm, ReadWord(kMonthAbbrevs, n) + 1, n); break;
      case Dch::kMM: ReadInt(&out_.mm, 2, i); SkipOrdinal(n); break;
      case Dch::kDAY: case Dch::kDay: case Dch::kday: Set(&out_.d, ReadWord(kDayNames, n), n); out_.d++; break;
      case Dch::kDY: case Dch::kDy: case Dch::kdy: Set(&out_.d, ReadWord(kDayAbbrevs, n), n); out_.d++; break;
      case Dch::kDDD: ReadInt(&out_.ddd, 3, i); SkipOrdinal(n); break;
      case Dch::kIDDD: ReadInt(&out_.ddd, 3, i); SkipOrdinal(n); break;
      case Dch::kDD: ReadInt(&out_.dd, 2, i); SkipOrdinal(n); break;
      case Dch::kD: ReadInt(&out_.d, 1, i); SkipOrdinal(n); break;
      case Dch::kID:
        ReadInt(&out_.d, 1, i);
        if (++out_.d > 7) out_.d = 1;  // ISO Monday = 1 becomes Gregorian Sunday = 1
        SkipOrdinal(n);
        break;
      case Dch::kWW: case Dch::kIW: ReadInt(&out_.ww, 2, i); SkipOrdinal(n); break;
      case Dch::kQ: ReadInt(nullptr, 1, i); SkipOrdinal(n); break;  // read and ignored, as in PostgreSQL
      case Dch::kCC: ReadInt(&out_.cc, 2, i); SkipOrdinal(n); break;
      case Dch::kY_YYY: {
        const char* start = in_.c_str() + pos_;
        char* end = nullptr;
        long millennia = std::strtol(start, &end, 10);
        if (end == start || *end != ',' || !std::isdigit(static_cast<unsigned char>(end[1])))
          throw FormatError("invalid input string for \"Y,YYY\"");
        const char* p = end + 1;
        long years = 0;
        int digits = 0;
        while (digits < 3 && std::isdigit(static_cast<unsigned char>(*p))) {
          years = years * 10 + (*p++ - '0');
          digits++;
        }
        long long total = static_cast<long long>(millennia) * 1000 + years;
        if (total > INT_MAX || total < INT_MIN)
          throw Error(sqlstate::kDatetimeFieldOverflow, "value for \"Y,YYY\" in source string is out of range");
        Set(&out_.year, static_cast<int>(total), n);
        out_.yysz = 4;
        pos_ = static_cast<size_t>(p - in_.c_str());
        SkipOrdinal(n);
        break;
      }
      case Dch::kYYYY: case Dch::kIYYY:
        ReadInt(&out_.year, 4, i);
        out_.yysz = 4;
        SkipOrdinal(n);
        break;
      case Dch::kYYY: case Dch::kIYY: case Dch::kYY: case Dch::kIY: case Dch::kY: case Dch::kI: {
        int width = static_cast<int>(n.key->name.size());
        len = ReadInt(&out_.year, width, i);
        if (len < 4) out_.year = AdjustYear(out_.year);
        out_.yysz = width;
        SkipOrdinal(n);
        break;
      }
      case Dch::kRM: case Dch::krm: Set(&out_.mm, 12 - ReadWord(kRomanMonthsLower, n), n); break;
      case Dch::kW: ReadInt(&out_.w, 1, i); SkipOrdinal(n); break;
      case Dch::kJ: ReadInt(&out_.j, 1, i); SkipOrdinal(n); break;
      default: break;
    }
  }

  // Two- and three-digit years are taken near 2020: 70..99 in the 1900s, 0..69 and 100..519 in
  // the 2000s, 520..999 in the 1000s.
  static int AdjustYear(int year) {
    if (year < 70) return year + 2000;
    if (year < 100) return year + 1900;
    if (year < 520) return year + 2000;
    if (year < 1000) return year + 1000;
    return year;
  }

  const std::vector<FormatNode>& nodes_;
  const std::string& in_;
  size_t pos_ = 0;
  FromChar out_;
};

struct Parsed {
  int64_t year = 0, mon = 1, mday = 1, hour = 0, min = 0, sec = 0, usec = 0;
  bool has_tz = false;
  int32_t tz_east = 0;  // offset east of UTC, seconds
};

Error FieldOverflow(const std::string& input) {
  return Error(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: \"" + input + "\"");
}

// Turns the fields read into a date and time (PostgreSQL's do_to_timestamp).
Parsed Resolve(const std::string& input, const std::string& fmt) {
  FromChar f;
  if (!fmt.empty()) f = Reader(CachedDateTemplate(fmt).nodes, input).Read();
  Parsed p;
  bool has_year = false, has_month = false, has_day = false;
  if (f.ssss) {
    p.hour = f.ssss / 3600;
    p.min = f.ssss % 3600 / 60;
    p.sec = f.ssss % 60;
  }
  if (f.ss) p.sec = f.ss;
  if (f.mi) p.min = f.mi;
  if (f.hh) p.hour = f.hh;
  if (f.clock12) {
    if (p.hour < 1 || p.hour > 12)
      throw FormatError("hour \"" + std::to_string(p.hour) + "\" is invalid for the 12-hour clock")
          .WithHint("Use the 24-hour clock, or give an hour between 1 and 12.");
    if (f.pm && p.hour < 12) p.hour += 12;
    else if (!f.pm && p.hour == 12) p.hour = 0;
  }
  if (f.year) {
    if (f.cc && f.yysz <= 2) {
      // CC with YY: YY is the year within the century (21st century = 2001-2100).
      int64_t cc = f.bc ? -f.cc : f.cc;
      p.year = f.year % 100;
      if (p.year) p.year = cc >= 0 ? (cc - 1) * 100 + p.year : (cc + 1) * 100 - p.year + 1;
      else p.year = cc * 100 + (cc >= 0 ? 0 : 1);
    } else {
      p.year = f.bc ? -static_cast<int64_t>(f.year) : f.year;
      if (p.year < 0) p.year++;  // 1 BC is year 0
    }
    has_year = true;
  } else if (f.cc) {
    int64_t cc = f.bc ? -f.cc : f.cc;
    p.year = cc >= 0 ? (cc - 1) * 100 + 1 : cc * 100 + 1;
    has_year = true;
  }
  if (f.j) {
    JulianToDate(f.j, &p.year, &p.mon, &p.mday);
    has_year = has_month = has_day = true;
  }
  int64_t ddd = f.ddd, dd = f.dd;
  if (f.ww) {
    if (f.mode == DateMode::kIsoWeek) {
      int64_t jd = IsoWeekToJulian(p.year, f.ww);
      if (f.d) jd += f.d > 1 ? f.d - 2 : 6;  // Gregorian Sunday = 1 to ISO Monday-based days
      JulianToDate(jd, &p.year, &p.mon, &p.mday);
      has_year = has_month = has_day = true;
    } else {
      ddd = (static_cast<int64_t>(f.ww) - 1) * 7 + 1;
    }
  }
  if (f.w) dd = (static_cast<int64_t>(f.w) - 1) * 7 + 1;
  if (dd) {
    p.mday = dd;
    has_day = true;
  }
  if (f.mm) {
    p.mon = f.mm;
    has_month = true;
  }
  if (ddd && (p.mon <= 1 || p.mday <= 1)) {
    if (!p.year && !f.bc) throw FormatError("cannot calculate day of year without year information");
    if (f.mode == DateMode::kIsoWeek) {
      JulianToDate(IsoWeekToJulian(p.year, 1) - 1 + ddd, &p.year, &p.mon, &p.mday);
      has_year = has_month = has_day = true;
    } else {
      static const int kCumulative[2][13] = {{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
                                            {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}};
      const int* y = kCumulative[IsLeapYear(p.year)];
      int m = 1;
      while (m <= 12 && ddd > y[m]) m++;
      if (p.mon <= 1) p.mon = m;
      if (p.mday <= 1) p.mday = ddd - y[m - 1];
      has_month = has_day = true;
    }
  }
  if (f.ms) p.usec += static_cast<int64_t>(f.ms) * 1000;
  if (f.us) p.usec += f.us;
  // Range checks (PostgreSQL's ValidateDate on the fields given).
  if (has_month && (p.mon < 1 || p.mon > 12)) throw FieldOverflow(input);
  if (has_day && (p.mday < 1 || p.mday > 31)) throw FieldOverflow(input);
  if (has_year && has_month && has_day) {
    static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t max = p.mon == 2 && IsLeapYear(p.year) ? 29 : kDays[p.mon - 1];
    if (p.mday > max) throw FieldOverflow(input);
  }
  if (p.hour < 0 || p.hour >= 24 || p.min < 0 || p.min >= 60 || p.sec < 0 || p.sec >= 60 || p.usec < 0 ||
      p.usec >= datetime::kMicrosPerSecond)
    throw FieldOverflow(input);
  if (f.tzsign) {
    if (f.tzh < 0 || f.tzh > 15 || f.tzm < 0 || f.tzm >= 60)
      throw Error("22009", "time zone displacement out of range: \"" + input + "\"");
    p.has_tz = true;
    p.tz_east = (f.tzh * 60 + f.tzm) * 60 * (f.tzsign > 0 ? 1 : -1);
  }
  return p;
}

// PostgreSQL's IS_VALID_JULIAN: 4714-11 BC to 5874898-05.
bool ValidJulian(int64_t y, int64_t m) {
  return (y > -4713 || (y == -4713 && m >= 11)) && (y < 5874898 || (y == 5874898 && m < 6));
}

constexpr int64_t kPostgresEpochJulian = 2451545;  // 2000-01-01
constexpr int64_t kDateEndJulian = 2147483494;     // 5874898-01-01
constexpr __int128 kMinTimestamp = -211813488000000000LL;  // 4714-11-24 BC, from 2000-01-01
constexpr __int128 kEndTimestamp = 9223371331200000000LL;  // 294277-01-01, from 2000-01-01

}  // namespace

void AddDateTimeParsing(FunctionRegistry& r) {
  const LogicalType text = T(TypeId::kText);
  AddRowFunction(r, "to_date", {text, text}, T(TypeId::kDate), [](const std::vector<Value>& a, FunctionContext&) {
    const std::string& input = a[0].str_value();
    Parsed p = Resolve(input, a[1].str_value());
    auto out_of_range = [&input] { return Error(sqlstate::kDatetimeFieldOverflow, "date out of range: \"" + input + "\""); };
    // Days past the end of a month (no year given) roll over, as PostgreSQL's Julian arithmetic does.
    if (!ValidJulian(p.year, p.mon)) throw out_of_range();
    int64_t julian = DateToJulian(p.year, p.mon, 1) + p.mday - 1;
    if (julian < 0 || julian >= kDateEndJulian) throw out_of_range();
    int64_t days = julian - kUnixEpochJulian;
    return Value::Date(days);
  });
  AddRowFunction(r, "to_timestamp", {text, text}, T(TypeId::kTimestampTz), [](const std::vector<Value>& a, FunctionContext& ctx) {
    Parsed p = Resolve(a[0].str_value(), a[1].str_value());
    auto out_of_range = [] { return Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range"); };
    if (!ValidJulian(p.year, p.mon)) throw out_of_range();
    __int128 days = DateToJulian(p.year, p.mon, 1) + p.mday - 1 - kPostgresEpochJulian;
    __int128 local = days * datetime::kMicrosPerDay +
                     ((p.hour * 60 + p.min) * 60 + p.sec) * datetime::kMicrosPerSecond + p.usec;
    __int128 utc = 0;
    if (p.has_tz) {
      utc = local - static_cast<__int128>(p.tz_east) * datetime::kMicrosPerSecond;
    } else {
      constexpr int64_t kShift = (kPostgresEpochJulian - kUnixEpochJulian) * datetime::kMicrosPerDay;
      if (local < kMinTimestamp || local >= kEndTimestamp || local + kShift >= INT64_MAX) throw out_of_range();
      utc = static_cast<__int128>(datetime::TimestampToTimestampTz(static_cast<int64_t>(local) + kShift, SessionZone(ctx))) - kShift;
    }
    if (utc < kMinTimestamp || utc >= kEndTimestamp) throw out_of_range();
    utc += (kPostgresEpochJulian - kUnixEpochJulian) * datetime::kMicrosPerDay;
    if (utc >= INT64_MAX) throw out_of_range();
    return Value::TimestampTz(static_cast<int64_t>(utc));
  });
}

}  // namespace kanto
