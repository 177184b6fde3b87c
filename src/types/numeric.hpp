// Numeric: PostgreSQL's arbitrary-precision exact decimal (type numeric), with its display scale,
// rounding (half away from zero) and the result-scale rules of PostgreSQL's numeric.c.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kanto {

class Numeric {
 public:
  Numeric();  // 0

  static Numeric FromInt64(int64_t v);
  // As PostgreSQL's float8 -> numeric cast (15 significant digits); NaN and +-Infinity kept.
  static Numeric FromDouble(double v);
  // PostgreSQL numeric input: spaces, sign, digits, point, exponent, NaN, [+-]Infinity.
  // Throws Error 22P02: invalid input syntax for type numeric: "<text>".
  static Numeric Parse(std::string_view text);

  // PostgreSQL numeric output, keeping the display scale ("1.50", "-0.001", "NaN", "Infinity").
  std::string ToString() const;

  bool IsNaN() const;
  bool IsInfinite() const;
  bool IsZero() const;
  bool IsNegative() const;
  int Scale() const;  // display scale

  // Total order as PostgreSQL: NaN equals NaN and is greater than every other value.
  int Compare(const Numeric& other) const;
  bool operator==(const Numeric& o) const { return Compare(o) == 0; }
  bool operator<(const Numeric& o) const { return Compare(o) < 0; }

  Numeric Add(const Numeric& o) const;
  Numeric Sub(const Numeric& o) const;
  Numeric Mul(const Numeric& o) const;
  Numeric Div(const Numeric& o) const;  // throws 22012 division by zero; scale as select_div_scale
  Numeric Mod(const Numeric& o) const;  // throws 22012
  // Division to an explicit result scale (used by avg and by integer-to-numeric division paths).
  Numeric DivScale(const Numeric& o, int result_scale) const;
  Numeric Neg() const;
  Numeric Abs() const;
  Numeric Round(int scale) const;  // half away from zero; negative scale rounds left of the point
  Numeric Trunc(int scale) const;
  Numeric Ceil() const;
  Numeric Floor() const;
  int Sign() const;  // -1, 0, 1
  Numeric Sqrt() const;  // throws 2201F for negative input
  Numeric SqrtScale(int result_scale) const;  // square root rounded to `result_scale` digits
  Numeric Power(const Numeric& exponent) const;

  // Round half away from zero to an integer; throws 22003 "<type> out of range" with type_name
  // "bigint", "integer" or "smallint" when the result does not fit [min, max].
  int64_t ToInt64(const char* type_name = "bigint", int64_t min = INT64_MIN, int64_t max = INT64_MAX) const;
  double ToDouble() const;

  // Coerce to numeric(precision, scale): round to scale, then throw 22003 "numeric field overflow"
  // (detail: "A field with precision P, scale S must round to an absolute value less than 10^(P-S).")
  Numeric ApplyTypmod(int precision, int scale) const;

  // Equal values (1.5 and 1.50) hash equal.
  uint64_t Hash() const;

  // Compact binary form for row storage. Deserialize reads from the front of `in` and advances it.
  void Serialize(std::string* out) const;
  static Numeric Deserialize(std::string_view* in);
  // Order-preserving encoding for index keys (equal values give equal bytes).
  void EncodeKey(std::string* out) const;

 private:
  // value = (negative_ ? -1 : 1) * digits_ * 10^-dscale_, digits_ little-endian decimal digits
  // without leading zeros (empty for 0).
  enum class Kind : uint8_t { kFinite, kNaN, kPosInf, kNegInf };
  Kind kind_ = Kind::kFinite;
  bool negative_ = false;
  int32_t dscale_ = 0;
  std::vector<uint8_t> digits_;

  static Numeric Make(bool negative, std::vector<uint8_t> mag, int32_t scale);
  static Numeric Special(Kind k);
  int32_t Exponent() const;  // decimal exponent of the most significant digit (REQUIRES: nonzero)
  std::vector<uint8_t> ScaledTo(int32_t scale) const;  // magnitude at a larger scale
};

}  // namespace kanto
