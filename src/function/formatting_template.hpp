// Templates of PostgreSQL's formatting functions (to_char, to_date, to_timestamp, to_number):
// the template text split into keyword nodes (HH24, YYYY, 9, PR, ...) with their modifiers, literal
// characters, separators and spaces, following PostgreSQL 15's rules (formatting.c): the longest
// keyword that starts at a position wins, "..." quotes literal text (\ escapes inside it, and \"
// outside it), and FM / TM before and TH / th / SP after a date/time keyword modify it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kanto::formatting {

// Date/time keywords. Lower-case spellings that mean the same field share the upper-case id;
// those whose output differs in letter case (month, mon, day, dy, rm, tz, am, ...) have their own.
enum class Dch : uint8_t {
  kA_D, kA_M, kAD, kAM, kB_C, kBC, kCC, kDAY, kDDD, kDD, kDY, kDay, kDy, kD,
  kFF1, kFF2, kFF3, kFF4, kFF5, kFF6, kFX, kHH24, kHH12, kHH, kIDDD, kID, kIW, kIYYY, kIYY, kIY, kI,
  kJ, kMI, kMM, kMONTH, kMON, kMS, kMonth, kMon, kOF, kP_M, kPM, kQ, kRM, kSSSS, kSS, kTZH, kTZM, kTZ,
  kUS, kWW, kW, kY_YYY, kYYYY, kYYY, kYY, kY,
  ka_d, ka_m, kad, kam, kb_c, kbc, kday, kdy, kmonth, kmon, kp_m, kpm, krm, ktz,
};

// Number keywords.
enum class Num : uint8_t { kComma, kDec, k0, k9, kB, kC, kD, kE, kFM, kG, kL, kMI, kPL, kPR, kRN, kSG, kSP, kS, kTH, kV, krn, kth };

// Which calendar a date keyword belongs to (to_date refuses a template that mixes them).
enum class DateMode : uint8_t { kNone, kGregorian, kIsoWeek };

struct KeyWord {
  std::string_view name;
  uint8_t id;  // a Dch or a Num
  bool is_digit = false;  // the field reads and writes digits (to_date's field widths)
  DateMode mode = DateMode::kNone;
};

// Modifiers of a date/time keyword.
inline constexpr int kSuffixFM = 0x01;  // fill mode: no padding
inline constexpr int kSuffixTH = 0x02;  // upper-case ordinal suffix (1ST)
inline constexpr int kSuffixth = 0x04;  // lower-case ordinal suffix (1st)
inline constexpr int kSuffixSP = 0x08;  // spell mode (accepted, has no effect, as in PostgreSQL)
inline constexpr int kSuffixTM = 0x10;  // translation mode: names in the locale, unpadded

enum class NodeType : uint8_t { kAction, kChar, kSeparator, kSpace };

struct FormatNode {
  NodeType type = NodeType::kChar;
  const KeyWord* key = nullptr;  // kAction
  int suffix = 0;                // kAction: kSuffix* bits
  std::string character;         // otherwise: one (UTF-8) character

  Dch dch() const { return static_cast<Dch>(key->id); }
  Num num() const { return static_cast<Num>(key->id); }
};

// What a number template asks for (PostgreSQL's NUMDesc).
struct NumberDesc {
  int pre = 0;             // digit positions before the decimal point
  int post = 0;            // digit positions after it
  int lsign = 0;           // S: -1 before the number, +1 after it, 0 none
  int pre_lsign_num = 0;   // digit positions before S
  int multi = 0;           // digits after V
  int zero_start = 0;      // position of the first 0 (1-based), 0 when none
  int zero_end = 0;        // position of the last 0
  int flag = 0;            // kNum* bits
  bool need_locale = false;
};

inline constexpr int kNumDecimal = 0x01;
inline constexpr int kNumLDecimal = 0x02;
inline constexpr int kNumZero = 0x04;
inline constexpr int kNumBlank = 0x08;
inline constexpr int kNumFillMode = 0x10;
inline constexpr int kNumLSign = 0x20;
inline constexpr int kNumBracket = 0x40;
inline constexpr int kNumMinus = 0x80;
inline constexpr int kNumPlus = 0x100;
inline constexpr int kNumRoman = 0x200;
inline constexpr int kNumMulti = 0x400;
inline constexpr int kNumPlusPost = 0x800;
inline constexpr int kNumMinusPost = 0x1000;
inline constexpr int kNumEEEE = 0x2000;

struct DateTemplate {
  std::vector<FormatNode> nodes;
  bool uses_zone_name = false;  // has TZ or tz (to_char then looks up the zone's abbreviation)
};

struct NumberTemplate {
  std::vector<FormatNode> nodes;
  NumberDesc desc;
};

// Parses a date/time template. Never fails: text that is no keyword is literal.
DateTemplate ParseDateTemplate(std::string_view text);
// Parses a number template; throws 42601 for contradictory patterns ("multiple decimal points",
// "cannot use "S" twice", ...), with PostgreSQL's messages.
NumberTemplate ParseNumberTemplate(std::string_view text);

// The parsed template for `text`, from a small per-thread cache (a query formats many rows with
// one template).
const DateTemplate& CachedDateTemplate(const std::string& text);
const NumberTemplate& CachedNumberTemplate(const std::string& text);

}  // namespace kanto::formatting
