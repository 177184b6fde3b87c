// to_char over numbers (numeric, integer, bigint, double precision, real) and to_number, as
// PostgreSQL 15 formats and reads them: digit positions 9 and 0, decimal point, group separators,
// the sign patterns (S MI PL SG PR), Roman numerals, V, EEEE and FM; '#' fills a field the number
// does not fit. The locale is C: L writes a blank, D is '.', G is ','.
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "function/formatting.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/numeric.hpp"

namespace kanto {

namespace {

using namespace formatting;

// The digits and sign a to_char call hands the template processor.
struct NumberText {
  std::string number;      // without sign: "123.40", "MCM", "###.##", or the EEEE text
  int out_pre_spaces = 0;  // digit positions before the number's first digit
  char sign = 0;           // '+' or '-' (0 for Roman numerals)
};

bool Has(const NumberDesc& d, int flag) { return (d.flag & flag) != 0; }

// Writes `text` under the template (PostgreSQL's NUM_processor, to_char direction).
class NumberWriter {
 public:
  NumberWriter(const NumberTemplate& t, NumberDesc d, const NumberText& text)
      : nodes_(t.nodes), d_(d), number_(text.number), sign_(text.sign), out_pre_spaces_(text.out_pre_spaces) {}

  std::string Write() {
    if (d_.zero_start) d_.zero_start--;
    if (Has(d_, kNumEEEE)) return number_;
    if (Has(d_, kNumRoman)) {
      d_.lsign = d_.pre_lsign_num = d_.post = d_.pre = 0;
      d_.flag = kNumRoman | (d_.flag & kNumFillMode);
    }
    if (Has(d_, kNumPlus) || Has(d_, kNumMinus)) {
      sign_wrote_ = !(Has(d_, kNumPlus) && !Has(d_, kNumMinus));
    } else {
      if (sign_ != '-' && Has(d_, kNumFillMode)) d_.flag &= ~kNumBracket;
      sign_wrote_ = sign_ == '+' && Has(d_, kNumFillMode) && !Has(d_, kNumLSign);
      if (d_.lsign == -1 && d_.pre == d_.pre_lsign_num) d_.lsign = 1;
    }
    num_count_ = d_.post + d_.pre - 1;
    if (Has(d_, kNumFillMode) && Has(d_, kNumDecimal)) {
      size_t dot = number_.find('.');
      if (dot != std::string::npos) {
        last_relevant_ = dot;
        for (size_t k = dot + 1; k < number_.size(); k++)
          if (number_[k] != '0') last_relevant_ = k;
        // Digits the template writes with 0 are kept.
        if (d_.zero_end > out_pre_spaces_) {
          int64_t last_zero = std::min<int64_t>(static_cast<int64_t>(number_.size()) - 1, d_.zero_end - out_pre_spaces_);
          if (last_relevant_ < last_zero) last_relevant_ = last_zero;
        }
      }
    }
    if (!sign_wrote_ && out_pre_spaces_ == 0) num_count_++;

    for (const FormatNode& n : nodes_) {
      if (n.type != NodeType::kAction) {
        out_ += n.character;
        continue;
      }
      switch (n.num()) {
        case Num::k9: case Num::k0: case Num::kDec: case Num::kD:
          NumberPart(n.num());
          break;
        case Num::kComma: case Num::kG:
          if (!num_in_) {
            if (Has(d_, kNumFillMode)) break;
            out_ += ' ';
          } else {
            out_ += ',';
          }
          break;
        case Num::kL: out_ += ' '; break;
        case Num::kRN: case Num::krn: {
          std::string r = number_.substr(std::min(np_, number_.size()));
          if (n.num() == Num::krn)
            for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (!Has(d_, kNumFillMode) && r.size() < 15) r = std::string(15 - r.size(), ' ') + r;
          out_ += r;
          break;
        }
        case Num::kTH: case Num::kth:
          if (Has(d_, kNumRoman) || (!number_.empty() && number_[0] == '#') || sign_ == '-' || Has(d_, kNumDecimal)) break;
          out_ += Ordinal(n.num() == Num::kTH);
          break;
        case Num::kMI:
          if (sign_ == '-') out_ += '-';
          else if (!Has(d_, kNumFillMode)) out_ += ' ';
          break;
        case Num::kPL:
          if (sign_ == '+') out_ += '+';
          else if (!Has(d_, kNumFillMode)) out_ += ' ';
          break;
        case Num::kSG: out_ += sign_; break;
        default: break;
      }
    }
    // A digit position past the end of the number wrote a NUL, which ends PostgreSQL's C string.
    size_t nul = out_.find('\0');
    if (nul != std::string::npos) out_.resize(nul);
    return out_;
  }

 private:
  char At(size_t i) const { return i < number_.size() ? number_[i] : '\0'; }

  bool PredecSpace() const { return !Has(d_, kNumZero) && np_ == 0 && At(0) == '0' && d_.post != 0; }

  bool LastRelevantIsDot() const { return last_relevant_ >= 0 && At(last_relevant_) == '.'; }

  std::string Ordinal(bool upper) const {
    char last = number_.empty() ? ' ' : number_.back();
    if (last < '0' || last > '9') throw Error(sqlstate::kInvalidTextRepresentation, "\"" + number_ + "\" is not a number");
    if (number_.size() > 1 && number_[number_.size() - 2] == '1') last = '0';
    const char* s = last == '1' ? "st" : last == '2' ? "nd" : last == '3' ? "rd" : "th";
    std::string r = s;
    if (upper) for (char& c : r) c = static_cast<char>(c - 'a' + 'A');
    return r;
  }

  void WriteSign() {
    if (Has(d_, kNumLSign)) {
      if (d_.lsign == -1) {
        out_ += sign_ == '-' ? '-' : '+';
        sign_wrote_ = true;
      }
    } else if (Has(d_, kNumBracket)) {
      out_ += sign_ == '+' ? ' ' : '<';
      sign_wrote_ = true;
    } else if (sign_ == '+') {
      if (!Has(d_, kNumFillMode)) out_ += ' ';
      sign_wrote_ = true;
    } else if (sign_ == '-') {
      out_ += '-';
      sign_wrote_ = true;
    }
  }

  // One digit position or decimal point (PostgreSQL's NUM_numpart_to_char).
  void NumberPart(Num id) {
    if (Has(d_, kNumRoman)) return;
    num_in_ = false;
    bool zero = Has(d_, kNumZero);
    if (!sign_wrote_ && (num_curr_ >= out_pre_spaces_ || (zero && d_.zero_start == num_curr_)) &&
        (!PredecSpace() || LastRelevantIsDot()))
      WriteSign();
    if (num_curr_ < out_pre_spaces_ && (d_.zero_start > num_curr_ || !zero)) {
      if (!Has(d_, kNumFillMode)) out_ += ' ';
    } else if (zero && num_curr_ < out_pre_spaces_ && d_.zero_start <= num_curr_) {
      out_ += '0';
      num_in_ = true;
    } else {
      if (At(np_) == '.') {
        if (!LastRelevantIsDot() || Has(d_, kNumFillMode)) out_ += '.';
      } else if (last_relevant_ >= 0 && static_cast<int64_t>(np_) > last_relevant_ && id != Num::k0) {
        // a trailing zero FM drops
      } else if (PredecSpace()) {
        if (!Has(d_, kNumFillMode)) out_ += ' ';
        else if (LastRelevantIsDot()) out_ += '0';
      } else {
        out_ += At(np_);
        num_in_ = true;
      }
      if (np_ < number_.size()) np_++;
    }
    int end = num_count_ + (out_pre_spaces_ ? 1 : 0) + (Has(d_, kNumDecimal) ? 1 : 0);
    if (last_relevant_ >= 0 && static_cast<size_t>(last_relevant_) == np_) end = num_curr_;
    if (num_curr_ + 1 == end) {
      if (sign_wrote_ && Has(d_, kNumBracket)) out_ += sign_ == '+' ? ' ' : '>';
      else if (Has(d_, kNumLSign) && d_.lsign == 1) out_ += sign_ == '-' ? '-' : '+';
    }
    num_curr_++;
  }

  const std::vector<FormatNode>& nodes_;
  NumberDesc d_;
  std::string number_;
  size_t np_ = 0;
  char sign_;
  int out_pre_spaces_;
  bool sign_wrote_ = false, num_in_ = false;
  int num_count_ = 0, num_curr_ = 0;
  int64_t last_relevant_ = -1;
  std::string out_;
};

// Reads a number under the template (NUM_processor, to_number direction); returns the digits
// read ("-123.45", or " " when there were none) and sets *scale to the digits after the point.
class NumberReader {
 public:
  NumberReader(const NumberTemplate& t, NumberDesc& d, const std::string& in) : nodes_(t.nodes), d_(d), in_(in) {}

  std::string Read() {
    if (d_.zero_start) d_.zero_start--;
    if (Has(d_, kNumEEEE)) throw Error(sqlstate::kFeatureNotSupported, "\"EEEE\" not supported for input");
    if (Has(d_, kNumRoman)) throw Error(sqlstate::kFeatureNotSupported, "\"RN\" not supported for input");
    number_ = " ";
    for (const FormatNode& n : nodes_) {
      if (End()) break;
      if (n.type != NodeType::kAction) {
        p_ += CharLen();
        continue;
      }
      switch (n.num()) {
        case Num::k9: case Num::k0: case Num::kDec: case Num::kD:
          NumberPart(n.num());
          p_++;
          break;
        case Num::kComma:
          if (Has(d_, kNumFillMode)) break;
          if (in_[p_] == ',') p_++;
          break;
        case Num::kG:
          if (Has(d_, kNumFillMode)) break;
          if (in_[p_] == ',') p_++;
          break;
        case Num::kL: EatNonData(1); break;
        case Num::kTH: case Num::kth:
          if (Has(d_, kNumDecimal)) break;
          EatNonData(2);
          break;
        case Num::kMI:
          if (in_[p_] == '-') {
            number_[0] = '-';
            p_++;
          } else {
            EatNonData(1);
          }
          break;
        case Num::kPL:
          if (in_[p_] == '+') {
            number_[0] = '+';
            p_++;
          } else {
            EatNonData(1);
          }
          break;
        case Num::kSG:
          if (in_[p_] == '-' || in_[p_] == '+') {
            number_[0] = in_[p_];
            p_++;
          } else {
            EatNonData(1);
          }
          break;
        default: break;
      }
    }
    if (number_.back() == '.') number_.pop_back();
    d_.post = read_post_;
    return number_;
  }

 private:
  bool End() const { return p_ >= in_.size(); }
  bool Remain(size_t n) const { return p_ + n <= in_.size(); }
  size_t CharLen() const {
    unsigned char c = static_cast<unsigned char>(in_[p_]);
    return std::min<size_t>(c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, in_.size() - p_);
  }

  void EatNonData(int n) {
    while (n-- > 0 && !End() && !std::strchr("0123456789.,+-", in_[p_])) p_ += CharLen();
  }

  // PostgreSQL's NUM_numpart_from_char; the caller steps past the character read.
  void NumberPart(Num id) {
    if (End()) return;
    if (in_[p_] == ' ') p_++;
    if (End()) return;
    if (number_[0] == ' ' && (id == Num::k0 || id == Num::k9) && read_pre_ + read_post_ == 0) {
      if (Has(d_, kNumLSign) && d_.lsign == -1) {
        if (Remain(1) && in_[p_] == '-') {
          p_++;
          number_[0] = '-';
        } else if (Remain(1) && in_[p_] == '+') {
          p_++;
          number_[0] = '+';
        }
      } else if (in_[p_] == '-' || (Has(d_, kNumBracket) && in_[p_] == '<')) {
        number_[0] = '-';
        p_++;
      } else if (in_[p_] == '+') {
        number_[0] = '+';
        p_++;
      }
    }
    if (End()) return;
    bool isread = false;
    if (std::isdigit(static_cast<unsigned char>(in_[p_]))) {
      if (read_dec_ && read_post_ == d_.post) return;
      number_ += in_[p_];
      if (read_dec_) read_post_++;
      else read_pre_++;
      isread = true;
    } else if (Has(d_, kNumDecimal) && !read_dec_) {
      if (Remain(1) && in_[p_] == '.') {
        number_ += '.';
        read_dec_ = true;
        isread = true;
      }
    }
    if (End()) return;
    // A sign after the last digit read (9.99S, FM9.999MI).
    if (number_[0] == ' ' && read_pre_ + read_post_ > 0) {
      if (Has(d_, kNumLSign) && isread && p_ + 1 < in_.size() && !std::isdigit(static_cast<unsigned char>(in_[p_ + 1]))) {
        size_t saved = p_++;
        if (Remain(1) && (in_[p_] == '-' || in_[p_] == '+')) number_[0] = in_[p_];
        else p_ = saved;
      } else if (!isread && !Has(d_, kNumLSign) && (Has(d_, kNumPlus) || Has(d_, kNumMinus))) {
        if (in_[p_] == '-' || in_[p_] == '+') number_[0] = in_[p_];
      }
    }
  }

  const std::vector<FormatNode>& nodes_;
  NumberDesc& d_;
  const std::string& in_;
  size_t p_ = 0;
  std::string number_;
  int read_pre_ = 0, read_post_ = 0;
  bool read_dec_ = false;
};

std::string Hashes(const NumberDesc& d) {
  std::string s(static_cast<size_t>(d.pre + d.post + 1), '#');
  s[static_cast<size_t>(d.pre)] = '.';
  return s;
}

// Splits printed digits ("-12.5") into sign and text, and fits them to the template's digit
// positions: blanks before a short number, '#' for one that does not fit.
NumberText Fit(std::string printed, const NumberDesc& d) {
  NumberText t;
  t.sign = '+';
  if (!printed.empty() && printed[0] == '-') {
    t.sign = '-';
    printed.erase(0, 1);
  }
  size_t dot = printed.find('.');
  int pre_len = static_cast<int>(dot == std::string::npos ? printed.size() : dot);
  t.number = std::move(printed);
  if (pre_len < d.pre) t.out_pre_spaces = d.pre - pre_len;
  else if (pre_len > d.pre) t.number = Hashes(d);
  return t;
}

std::string IntToRoman(int64_t v) {
  if (v > 3999 || v < 1) return std::string(15, '#');
  static const char* const kOnes[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  static const char* const kTens[] = {"X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
  static const char* const kHundreds[] = {"C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};
  std::string r(static_cast<size_t>(v / 1000), 'M');
  if (v / 100 % 10) r += kHundreds[v / 100 % 10 - 1];
  if (v / 10 % 10) r += kTens[v / 10 % 10 - 1];
  if (v % 10) r += kOnes[v % 10 - 1];
  return r;
}

// EEEE for non-finite values: as many '#' as the template's digits, a point and the exponent.
std::string SciHashes(const NumberDesc& d) {
  std::string s(static_cast<size_t>(d.pre + d.post + 6), '#');
  s[0] = ' ';
  s[static_cast<size_t>(d.pre + 1)] = '.';
  return s;
}

// printf's %+.*e with a blank for the plus sign.
std::string DoubleSci(double v, int post) {
  char buf[512];
  std::snprintf(buf, sizeof(buf), "%+.*e", post, v);
  if (buf[0] == '+') buf[0] = ' ';
  return buf;
}

Numeric PowerOfTen(int64_t e) {
  if (e >= 0) return Numeric::Parse("1" + std::string(static_cast<size_t>(e), '0'));
  return Numeric::Parse("0." + std::string(static_cast<size_t>(-e - 1), '0') + "1");
}

// PostgreSQL's numeric_out_sci: one digit before the point, `post` after it (rounded), e+XX.
std::string NumericSci(const Numeric& v, int post) {
  if (v.IsNaN()) return "NaN";
  if (v.IsInfinite()) return v.IsNegative() ? "-Infinity" : "Infinity";
  int64_t exponent = 0;
  if (!v.IsZero()) {
    std::string digits = v.Abs().ToString();
    size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    if (whole != "0") {
      exponent = static_cast<int64_t>(whole.size()) - 1;
    } else {
      size_t first = digits.find_first_not_of('0', dot + 1);
      exponent = -static_cast<int64_t>(first - dot);
    }
  }
  std::string sig = v.Mul(PowerOfTen(-exponent)).Round(post).ToString();
  char buf[32];
  std::snprintf(buf, sizeof(buf), "e%+03lld", static_cast<long long>(exponent));
  return sig + buf;
}

std::string WithBlankSign(std::string s) { return s.empty() || s[0] == '-' ? s : " " + s; }

// %.*f as PostgreSQL's own printf writes it (NaN, Infinity).
std::string FixedDouble(double v, int post) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
  char buf[512];
  std::snprintf(buf, sizeof(buf), "%.*f", post, v);
  return buf;
}

NumberText FloatText(double value, NumberDesc& d, bool is_float4) {
  NumberText t;
  if (Has(d, kNumRoman)) {
    double r = std::rint(value);
    bool fits = !std::isnan(r) && r >= -2147483648.0 && r < 2147483648.0;
    t.number = IntToRoman(fits ? static_cast<int64_t>(r) : INT32_MAX);
  } else if (Has(d, kNumEEEE)) {
    t.number = std::isnan(value) || std::isinf(value) ? SciHashes(d) : DoubleSci(value, d.post);
  } else {
    double val = value;
    if (Has(d, kNumMulti)) {
      if (is_float4) val = static_cast<float>(value) * static_cast<float>(std::pow(10.0, d.multi));
      else val = value * std::pow(10.0, d.multi);
      d.pre += d.multi;
    }
    int digits = is_float4 ? FLT_DIG : DBL_DIG;
    int pre_len = static_cast<int>(FixedDouble(std::fabs(val), 0).size());
    if (pre_len >= digits) d.post = 0;
    else if (pre_len + d.post > digits) d.post = digits - pre_len;
    t = Fit(FixedDouble(val, d.post), d);
  }
  return t;
}

NumberText NumericText(const Numeric& value, NumberDesc& d) {
  NumberText t;
  if (Has(d, kNumRoman)) {
    // PostgreSQL 15 converts to integer first (22003 past its range).
    t.number = IntToRoman(value.ToInt64("integer", INT32_MIN, INT32_MAX));
  } else if (Has(d, kNumEEEE)) {
    std::string s = NumericSci(value, d.post);
    t.number = value.IsNaN() || value.IsInfinite() ? SciHashes(d) : WithBlankSign(s);
  } else {
    Numeric val = value;
    if (Has(d, kNumMulti)) {
      val = val.Mul(PowerOfTen(d.multi));
      d.pre += d.multi;
    }
    t = Fit(val.Round(d.post).ToString(), d);
  }
  return t;
}

NumberText IntegerText(int64_t value, NumberDesc& d, bool is_int8) {
  NumberText t;
  if (Has(d, kNumRoman)) {
    if (value > INT32_MAX || value < INT32_MIN) throw Error(sqlstate::kNumericValueOutOfRange, "integer out of range");
    t.number = IntToRoman(value);
  } else if (Has(d, kNumEEEE)) {
    t.number = is_int8 ? WithBlankSign(NumericSci(Numeric::FromInt64(value), d.post))
                       : DoubleSci(static_cast<double>(value), d.post);
  } else {
    std::string printed;
    if (Has(d, kNumMulti)) {
      if (is_int8) {
        double m = std::pow(10.0, d.multi);
        if (m >= 9223372036854775808.0) throw Error(sqlstate::kNumericValueOutOfRange, "bigint out of range");
        __int128 product = static_cast<__int128>(value) * static_cast<int64_t>(m);
        if (product > INT64_MAX || product < INT64_MIN) throw Error(sqlstate::kNumericValueOutOfRange, "bigint out of range");
        printed = std::to_string(static_cast<int64_t>(product));
      } else {
        // int4 arithmetic wraps, as PostgreSQL's does.
        uint32_t m = static_cast<uint32_t>(static_cast<int32_t>(std::pow(10.0, d.multi)));
        printed = std::to_string(static_cast<int32_t>(static_cast<uint32_t>(value) * m));
      }
      d.pre += d.multi;
    } else {
      printed = std::to_string(value);
    }
    if (d.post) printed += "." + std::string(static_cast<size_t>(d.post), '0');
    t = Fit(printed, d);
  }
  return t;
}

template <typename MakeText>
void AddNumberToChar(FunctionRegistry& r, TypeId type, MakeText make) {
  AddToChar(r, type, [make](const Vector& v, size_t i, const std::string& fmt, FunctionContext&) -> std::optional<std::string> {
    if (fmt.empty()) return std::string();
    const NumberTemplate& tmpl = CachedNumberTemplate(fmt);
    NumberDesc d = tmpl.desc;
    NumberText t = make(v, i, d);
    return NumberWriter(tmpl, d, t).Write();
  });
}

}  // namespace

void AddNumberFormatting(FunctionRegistry& r) {
  AddNumberToChar(r, TypeId::kInt4, [](const Vector& v, size_t i, NumberDesc& d) { return IntegerText(v.ints()[i], d, false); });
  AddNumberToChar(r, TypeId::kInt8, [](const Vector& v, size_t i, NumberDesc& d) { return IntegerText(v.ints()[i], d, true); });
  AddNumberToChar(r, TypeId::kFloat4, [](const Vector& v, size_t i, NumberDesc& d) { return FloatText(v.doubles()[i], d, true); });
  AddNumberToChar(r, TypeId::kFloat8, [](const Vector& v, size_t i, NumberDesc& d) { return FloatText(v.doubles()[i], d, false); });
  AddNumberToChar(r, TypeId::kNumeric, [](const Vector& v, size_t i, NumberDesc& d) { return NumericText(v.numerics()[i], d); });

  const LogicalType text = T(TypeId::kText);
  AddRowFunction(r, "to_number", {text, text}, T(TypeId::kNumeric), [](const std::vector<Value>& a, FunctionContext&) {
    if (a[1].str_value().empty()) return Value::Null(T(TypeId::kNumeric));
    const NumberTemplate& tmpl = CachedNumberTemplate(a[1].str_value());
    NumberDesc d = tmpl.desc;
    std::string digits = NumberReader(tmpl, d, a[0].str_value()).Read();
    std::string trimmed = digits[0] == ' ' ? digits.substr(1) : digits;
    if (trimmed.empty() || trimmed == "-" || trimmed == "+")
      throw Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type numeric: \"" + digits + "\"");
    Numeric n = Numeric::Parse(trimmed).ApplyTypmod(d.pre + d.multi + d.post, d.post);
    // Scaled back as PostgreSQL does, by power(10, -multi) (whose scale the result keeps).
    if (Has(d, kNumMulti)) n = n.Mul(Numeric::FromInt64(10).Power(Numeric::FromInt64(-d.multi)));
    return Value::FromNumeric(n);
  });
}

}  // namespace kanto
