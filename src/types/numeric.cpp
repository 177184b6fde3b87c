// Numeric arithmetic on little-endian decimal digit vectors, with PostgreSQL's result scales.
#include "types/numeric.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "kanto/error.hpp"

namespace kanto {

namespace {
using Mag = std::vector<uint8_t>;  // little-endian decimal digits, no leading zeros

constexpr int kMinSigDigits = 16;
constexpr int kMaxDisplayScale = 1000;

void Trim(Mag& m) {
  while (!m.empty() && m.back() == 0) m.pop_back();
}

int CmpMag(const Mag& a, const Mag& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

Mag AddMag(const Mag& a, const Mag& b) {
  Mag r;
  r.resize(std::max(a.size(), b.size()) + 1);
  int carry = 0;
  for (size_t i = 0; i < r.size(); i++) {
    int s = carry + (i < a.size() ? a[i] : 0) + (i < b.size() ? b[i] : 0);
    r[i] = static_cast<uint8_t>(s % 10);
    carry = s / 10;
  }
  Trim(r);
  return r;
}

// REQUIRES: a >= b
Mag SubMag(const Mag& a, const Mag& b) {
  Mag r(a.size());
  int borrow = 0;
  for (size_t i = 0; i < a.size(); i++) {
    int s = a[i] - borrow - (i < b.size() ? b[i] : 0);
    borrow = s < 0;
    r[i] = static_cast<uint8_t>(s < 0 ? s + 10 : s);
  }
  Trim(r);
  return r;
}

Mag MulMag(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  std::vector<uint32_t> acc(a.size() + b.size() + 1, 0);
  for (size_t i = 0; i < a.size(); i++) {
    if (!a[i]) continue;
    for (size_t j = 0; j < b.size(); j++) acc[i + j] += a[i] * b[j];
    if ((i & 63) == 63) {  // keep the accumulators small
      for (size_t k = 0; k + 1 < acc.size(); k++) {
        acc[k + 1] += acc[k] / 10;
        acc[k] %= 10;
      }
    }
  }
  Mag r(acc.size());
  uint64_t carry = 0;
  for (size_t k = 0; k < acc.size(); k++) {
    uint64_t v = acc[k] + carry;
    r[k] = static_cast<uint8_t>(v % 10);
    carry = v / 10;
  }
  while (carry) {
    r.push_back(static_cast<uint8_t>(carry % 10));
    carry /= 10;
  }
  Trim(r);
  return r;
}

Mag Shift(const Mag& a, int n) {  // a * 10^n, n >= 0
  if (a.empty() || n <= 0) return a;
  Mag r(n, 0);
  r.insert(r.end(), a.begin(), a.end());
  return r;
}

// Truncating division; *rem gets the remainder.
Mag DivMag(const Mag& a, const Mag& b, Mag* rem) {
  Mag q(a.size(), 0), r;
  for (size_t i = a.size(); i-- > 0;) {
    r.insert(r.begin(), a[i]);
    Trim(r);
    int d = 0;
    while (CmpMag(r, b) >= 0) {
      r = SubMag(r, b);
      d++;
    }
    q[i] = static_cast<uint8_t>(d);
  }
  Trim(q);
  if (rem) *rem = r;
  return q;
}

Mag FromU64(uint64_t v) {
  Mag m;
  while (v) {
    m.push_back(static_cast<uint8_t>(v % 10));
    v /= 10;
  }
  return m;
}

[[noreturn]] void BadInput(std::string_view text) {
  throw Error(sqlstate::kInvalidTextRepresentation,
              "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

Numeric::Numeric() = default;

Numeric Numeric::Make(bool negative, std::vector<uint8_t> mag, int32_t scale) {
  Numeric n;
  Trim(mag);
  n.digits_ = std::move(mag);
  n.negative_ = negative && !n.digits_.empty();
  n.dscale_ = scale;
  return n;
}

Numeric Numeric::Special(Kind k) {
  Numeric n;
  n.kind_ = k;
  return n;
}

std::vector<uint8_t> Numeric::ScaledTo(int32_t scale) const { return Shift(digits_, scale - dscale_); }

int32_t Numeric::Exponent() const { return static_cast<int32_t>(digits_.size()) - 1 - dscale_; }

Numeric Numeric::FromInt64(int64_t v) {
  uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  return Make(v < 0, FromU64(mag), 0);
}

Numeric Numeric::FromDouble(double v) {
  if (std::isnan(v)) return Special(Kind::kNaN);
  if (std::isinf(v)) return Special(v > 0 ? Kind::kPosInf : Kind::kNegInf);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.15g", v);
  return Parse(buf);
}

Numeric Numeric::Parse(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) b++;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) e--;
  std::string_view s = text.substr(b, e - b);
  std::string low = Lower(s);
  if (low == "nan") return Special(Kind::kNaN);
  if (low == "infinity" || low == "+infinity" || low == "inf" || low == "+inf") return Special(Kind::kPosInf);
  if (low == "-infinity" || low == "-inf") return Special(Kind::kNegInf);
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  Mag big_endian;
  int32_t scale = 0;
  bool any = false, point = false;
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      big_endian.push_back(static_cast<uint8_t>(c - '0'));
      if (point) scale++;
      any = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!any) BadInput(text);
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    if (i >= s.size()) BadInput(text);
    long exp = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); i++) {
      exp = exp * 10 + (s[i] - '0');
      if (exp > 100000) BadInput(text);
    }
    scale -= static_cast<int32_t>(eneg ? -exp : exp);
  }
  if (i != s.size()) BadInput(text);
  Mag mag(big_endian.rbegin(), big_endian.rend());
  if (scale < 0) {
    mag = Shift(mag, -scale);
    scale = 0;
  }
  if (scale > kMaxDisplayScale) {
    throw Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  }
  return Make(neg, std::move(mag), scale);
}

std::string Numeric::ToString() const {
  switch (kind_) {
    case Kind::kNaN: return "NaN";
    case Kind::kPosInf: return "Infinity";
    case Kind::kNegInf: return "-Infinity";
    case Kind::kFinite: break;
  }
  std::string out;
  if (negative_) out.push_back('-');
  int32_t n = static_cast<int32_t>(digits_.size());
  if (n <= dscale_) {
    out += "0";
  } else {
    for (int32_t i = n - 1; i >= dscale_; i--) out.push_back(static_cast<char>('0' + digits_[i]));
  }
  if (dscale_ > 0) {
    out.push_back('.');
    for (int32_t i = dscale_ - 1; i >= 0; i--) out.push_back(static_cast<char>('0' + (i < n ? digits_[i] : 0)));
  }
  return out;
}

bool Numeric::IsNaN() const { return kind_ == Kind::kNaN; }
bool Numeric::IsInfinite() const { return kind_ == Kind::kPosInf || kind_ == Kind::kNegInf; }
bool Numeric::IsZero() const { return kind_ == Kind::kFinite && digits_.empty(); }
bool Numeric::IsNegative() const { return kind_ == Kind::kNegInf || (kind_ == Kind::kFinite && negative_); }
int Numeric::Scale() const { return dscale_; }

int Numeric::Compare(const Numeric& o) const {
  auto rank = [](const Numeric& n) {
    switch (n.kind_) {
      case Kind::kNegInf: return 0;
      case Kind::kFinite: return 1;
      case Kind::kPosInf: return 2;
      case Kind::kNaN: return 3;
    }
    return 1;
  };
  int ra = rank(*this), rb = rank(o);
  if (ra != rb || ra != 1) return ra < rb ? -1 : (ra > rb ? 1 : 0);
  if (negative_ != o.negative_) return negative_ ? -1 : 1;
  int32_t s = std::max(dscale_, o.dscale_);
  int c = CmpMag(ScaledTo(s), o.ScaledTo(s));
  return negative_ ? -c : c;
}

namespace {
Numeric SignedAdd(bool na, const Mag& a, bool nb, const Mag& b, int32_t scale, Numeric (*make)(bool, Mag, int32_t)) {
  if (na == nb) return make(na, AddMag(a, b), scale);
  int c = CmpMag(a, b);
  if (c >= 0) return make(na, SubMag(a, b), scale);
  return make(nb, SubMag(b, a), scale);
}
}  // namespace

Numeric Numeric::Add(const Numeric& o) const {
  if (IsNaN() || o.IsNaN()) return Special(Kind::kNaN);
  if (IsInfinite() || o.IsInfinite()) {
    if (IsInfinite() && o.IsInfinite() && kind_ != o.kind_) return Special(Kind::kNaN);
    return IsInfinite() ? *this : o;
  }
  int32_t s = std::max(dscale_, o.dscale_);
  return SignedAdd(negative_, ScaledTo(s), o.negative_, o.ScaledTo(s), s, &Numeric::Make);
}

Numeric Numeric::Sub(const Numeric& o) const { return Add(o.Neg()); }

Numeric Numeric::Mul(const Numeric& o) const {
  if (IsNaN() || o.IsNaN()) return Special(Kind::kNaN);
  if (IsInfinite() || o.IsInfinite()) {
    if (IsZero() || o.IsZero()) return Special(Kind::kNaN);
    return Special(IsNegative() != o.IsNegative() ? Kind::kNegInf : Kind::kPosInf);
  }
  int32_t scale = std::min(dscale_ + o.dscale_, kMaxDisplayScale);
  Numeric r = Make(negative_ != o.negative_, MulMag(digits_, o.digits_), dscale_ + o.dscale_);
  return scale < r.dscale_ ? r.Round(scale) : r;
}

Numeric Numeric::DivScale(const Numeric& o, int rscale) const {
  if (IsNaN() || o.IsNaN()) return Special(Kind::kNaN);
  if (o.IsZero()) throw Error(sqlstate::kDivisionByZero, "division by zero");
  if (IsInfinite()) {
    if (o.IsInfinite()) return Special(Kind::kNaN);
    return Special(IsNegative() != o.IsNegative() ? Kind::kNegInf : Kind::kPosInf);
  }
  if (o.IsInfinite()) return Make(false, {}, 0);
  // a/b = (ma * 10^sb) / (mb * 10^sa); one extra digit for rounding.
  Mag num = Shift(digits_, o.dscale_ + rscale + 1);
  Mag den = Shift(o.digits_, dscale_);
  if (rscale + 1 + o.dscale_ < 0) {
    // Negative result scales are not produced by callers; guard anyway.
    rscale = 0;
  }
  Mag q = DivMag(num, den, nullptr);
  bool round_up = !q.empty() && q[0] >= 5;
  if (!q.empty()) q.erase(q.begin());
  if (round_up) q = AddMag(q, Mag{1});
  return Make(negative_ != o.negative_, std::move(q), rscale);
}

Numeric Numeric::Div(const Numeric& o) const {
  if (IsNaN() || o.IsNaN() || IsInfinite() || o.IsInfinite() || o.IsZero() || IsZero()) {
    return DivScale(o, std::max({dscale_, o.dscale_, 0}));
  }
  // PostgreSQL's select_div_scale, expressed with base-10000 weights.
  auto weight_and_first = [](const Numeric& n, int* weight, int* first) {
    int e = n.Exponent();
    int w = e >= 0 ? e / 4 : -((-e + 3) / 4);
    int f = 0;
    for (int p = e; p >= 4 * w; p--) {
      int idx = p + n.dscale_;
      f = f * 10 + (idx >= 0 && idx < static_cast<int>(n.digits_.size()) ? n.digits_[idx] : 0);
    }
    *weight = w;
    *first = f;
  };
  int w1, f1, w2, f2;
  weight_and_first(*this, &w1, &f1);
  weight_and_first(o, &w2, &f2);
  int qweight = w1 - w2;
  if (f1 <= f2) qweight--;
  int rscale = kMinSigDigits - qweight * 4;
  rscale = std::max({rscale, dscale_, o.dscale_, 0});
  rscale = std::min(rscale, kMaxDisplayScale);
  return DivScale(o, rscale);
}

Numeric Numeric::Mod(const Numeric& o) const {
  if (IsNaN() || o.IsNaN()) return Special(Kind::kNaN);
  if (o.IsZero()) throw Error(sqlstate::kDivisionByZero, "division by zero");
  if (IsInfinite()) return Special(Kind::kNaN);
  if (o.IsInfinite()) return *this;
  int32_t s = std::max(dscale_, o.dscale_);
  Mag rem;
  DivMag(ScaledTo(s), o.ScaledTo(s), &rem);
  return Make(negative_, std::move(rem), s);
}

Numeric Numeric::Neg() const {
  if (kind_ == Kind::kPosInf) return Special(Kind::kNegInf);
  if (kind_ == Kind::kNegInf) return Special(Kind::kPosInf);
  Numeric r = *this;
  if (kind_ == Kind::kFinite && !digits_.empty()) r.negative_ = !negative_;
  return r;
}

Numeric Numeric::Abs() const {
  if (kind_ == Kind::kNegInf) return Special(Kind::kPosInf);
  Numeric r = *this;
  r.negative_ = false;
  return r;
}

Numeric Numeric::Round(int scale) const {
  if (kind_ != Kind::kFinite) return *this;
  int32_t keep = std::max(scale, 0);
  if (scale >= dscale_) return Make(negative_, ScaledTo(scale), keep);
  int drop = dscale_ - scale;  // digits to remove
  Mag m = digits_;
  bool up = drop <= static_cast<int>(m.size()) && drop > 0 && m[drop - 1] >= 5;
  if (drop >= static_cast<int>(m.size())) {
    m.clear();
  } else {
    m.erase(m.begin(), m.begin() + drop);
  }
  if (up) m = AddMag(m, Mag{1});
  // m now has scale `scale`; negative scales become trailing zeros.
  if (scale < 0) m = Shift(m, -scale);
  return Make(negative_, std::move(m), keep);
}

Numeric Numeric::Trunc(int scale) const {
  if (kind_ != Kind::kFinite) return *this;
  int32_t keep = std::max(scale, 0);
  if (scale >= dscale_) return Make(negative_, ScaledTo(scale), keep);
  int drop = dscale_ - scale;
  Mag m = digits_;
  if (drop >= static_cast<int>(m.size())) m.clear(); else m.erase(m.begin(), m.begin() + drop);
  if (scale < 0) m = Shift(m, -scale);
  return Make(negative_, std::move(m), keep);
}

Numeric Numeric::Ceil() const {
  if (kind_ != Kind::kFinite) return *this;
  Numeric t = Trunc(0);
  if (!negative_ && t.Compare(*this) != 0) t = t.Add(FromInt64(1));
  return t;
}

Numeric Numeric::Floor() const {
  if (kind_ != Kind::kFinite) return *this;
  Numeric t = Trunc(0);
  if (negative_ && t.Compare(*this) != 0) t = t.Sub(FromInt64(1));
  return t;
}

int Numeric::Sign() const {
  if (IsZero() || IsNaN()) return 0;
  return IsNegative() ? -1 : 1;
}

Numeric Numeric::Sqrt() const {
  if (IsNaN()) return *this;
  if (IsNegative()) throw Error("2201F", "cannot take square root of a negative number");
  if (kind_ == Kind::kPosInf) return *this;
  // Result scale as PostgreSQL's numeric_sqrt.
  int e = IsZero() ? 0 : Exponent();
  int w = e >= 0 ? e / 4 : -((-e + 3) / 4);
  int sweight = (w + 1) * 4 / 2 - 1;
  int rscale = std::max({kMinSigDigits - sweight, dscale_, 0});
  rscale = std::min(rscale, kMaxDisplayScale);
  return SqrtScale(rscale);
}

Numeric Numeric::SqrtScale(int rscale) const {
  if (IsNaN()) return *this;
  if (IsNegative()) throw Error("2201F", "cannot take square root of a negative number");
  if (kind_ == Kind::kPosInf) return *this;
  // isqrt(m * 10^(2*(rscale+1) - dscale)) then round the extra digit.
  int shift = 2 * (rscale + 1) - dscale_;
  Mag n = Shift(digits_, shift);
  if (n.empty()) return Make(false, {}, rscale);
  // Newton iteration on big integers.
  Mag x = Shift(Mag{1}, static_cast<int>(n.size() + 1) / 2);
  while (true) {
    Mag q = DivMag(n, x, nullptr);
    Mag y = DivMag(AddMag(x, q), Mag{2}, nullptr);
    if (CmpMag(y, x) >= 0) break;
    x = y;
  }
  bool up = !x.empty() && x[0] >= 5;
  if (!x.empty()) x.erase(x.begin());
  if (up) x = AddMag(x, Mag{1});
  return Make(false, std::move(x), rscale);
}

Numeric Numeric::Power(const Numeric& exponent) const {
  if (IsNaN() || exponent.IsNaN()) return Special(Kind::kNaN);
  if (IsZero() && exponent.IsNegative()) {
    throw Error("2201F", "zero raised to a negative power is undefined");
  }
  if (IsNegative() && exponent.Trunc(0).Compare(exponent) != 0) {
    throw Error("2201F", "a negative number raised to a non-integer power yields a complex result");
  }
  bool integral = exponent.kind_ == Kind::kFinite && exponent.Trunc(0).Compare(exponent) == 0 &&
                  exponent.Abs().Compare(FromInt64(10000)) <= 0;
  if (integral && kind_ == Kind::kFinite) {
    int64_t n = exponent.ToInt64();
    Numeric base = *this, result = FromInt64(1);
    int64_t k = n < 0 ? -n : n;
    while (k) {
      if (k & 1) result = result.Mul(base);
      base = base.Mul(base);
      k >>= 1;
    }
    int rscale = std::max(kMinSigDigits, dscale_ * static_cast<int>(n < 0 ? 1 : std::min<int64_t>(n, 100)));
    rscale = std::min(rscale, kMaxDisplayScale);
    if (n < 0) return FromInt64(1).DivScale(result, rscale);
    return result.Round(std::max(rscale, result.dscale_) == result.dscale_ ? result.dscale_ : rscale).Round(
        std::min(rscale, kMaxDisplayScale));
  }
  double r = std::pow(ToDouble(), exponent.ToDouble());
  if (std::isinf(r)) throw Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  return FromDouble(r).Round(kMinSigDigits);
}

int64_t Numeric::ToInt64(const char* type_name, int64_t min, int64_t max) const {
  if (IsNaN()) throw Error(sqlstate::kFeatureNotSupported, std::string("cannot convert NaN to ") + type_name);
  if (IsInfinite()) throw Error(sqlstate::kFeatureNotSupported, std::string("cannot convert infinity to ") + type_name);
  Numeric r = Round(0);
  std::string out_of_range = std::string(type_name) + " out of range";
  if (r.digits_.size() > 19) throw Error(sqlstate::kNumericValueOutOfRange, out_of_range);
  unsigned __int128 v = 0;
  for (size_t i = r.digits_.size(); i-- > 0;) v = v * 10 + r.digits_[i];
  __int128 sv = r.negative_ ? -static_cast<__int128>(v) : static_cast<__int128>(v);
  if (sv < min || sv > max) throw Error(sqlstate::kNumericValueOutOfRange, out_of_range);
  return static_cast<int64_t>(sv);
}

double Numeric::ToDouble() const {
  switch (kind_) {
    case Kind::kNaN: return NAN;
    case Kind::kPosInf: return INFINITY;
    case Kind::kNegInf: return -INFINITY;
    case Kind::kFinite: break;
  }
  return std::strtod(ToString().c_str(), nullptr);
}

Numeric Numeric::ApplyTypmod(int precision, int scale) const {
  if (kind_ != Kind::kFinite) {
    if (IsNaN()) return *this;
    throw Error(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
        .WithDetail("A field with precision " + std::to_string(precision) + ", scale " + std::to_string(scale) +
                    " cannot hold an infinite value.");
  }
  Numeric r = Round(scale);
  r.dscale_ = std::max(scale, 0);
  r.digits_ = Round(scale).ScaledTo(std::max(scale, 0));
  Trim(r.digits_);
  int int_digits = r.digits_.empty() ? 0 : static_cast<int>(r.digits_.size()) - r.dscale_;
  if (int_digits > precision - scale) {
    throw Error(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
        .WithDetail("A field with precision " + std::to_string(precision) + ", scale " + std::to_string(scale) +
                    " must round to an absolute value less than " +
                    (precision - scale == 0 ? std::string("1") : "10^" + std::to_string(precision - scale)) + ".");
  }
  return r;
}

uint64_t Numeric::Hash() const {
  if (kind_ != Kind::kFinite) return 0x9e3779b97f4a7c15ull * (static_cast<uint64_t>(kind_) + 1);
  // Normalize away trailing fractional zeros: hash the significant digits and the exponent.
  size_t first = 0;
  while (first < digits_.size() && digits_[first] == 0) first++;
  uint64_t h = negative_ ? 1469598103934665603ull : 1099511628211ull;
  for (size_t i = digits_.size(); i-- > first;) h = (h ^ digits_[i]) * 1099511628211ull;
  int64_t exp = digits_.empty() ? 0 : Exponent();
  h ^= static_cast<uint64_t>(exp) * 0x9e3779b97f4a7c15ull;
  return h;
}

void Numeric::Serialize(std::string* out) const {
  out->push_back(static_cast<char>(kind_));
  out->push_back(negative_ ? 1 : 0);
  int32_t s = dscale_;
  out->append(reinterpret_cast<const char*>(&s), 4);
  uint32_t n = static_cast<uint32_t>(digits_.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  for (uint8_t d : digits_) out->push_back(static_cast<char>(d));
}

Numeric Numeric::Deserialize(std::string_view* in) {
  auto corrupt = [] { return Error(sqlstate::kDataCorrupted, "could not decode numeric value"); };
  if (in->size() < 10) throw corrupt();
  Numeric n;
  uint8_t kind = static_cast<uint8_t>((*in)[0]);
  if (kind > 3) throw corrupt();
  n.kind_ = static_cast<Kind>(kind);
  n.negative_ = (*in)[1] != 0;
  std::memcpy(&n.dscale_, in->data() + 2, 4);
  uint32_t count;
  std::memcpy(&count, in->data() + 6, 4);
  in->remove_prefix(10);
  if (in->size() < count || n.dscale_ < 0 || n.dscale_ > kMaxDisplayScale) throw corrupt();
  n.digits_.resize(count);
  for (uint32_t i = 0; i < count; i++) {
    uint8_t d = static_cast<uint8_t>((*in)[i]);
    if (d > 9) throw corrupt();
    n.digits_[i] = d;
  }
  in->remove_prefix(count);
  return n;
}

void Numeric::EncodeKey(std::string* out) const {
  switch (kind_) {
    case Kind::kNegInf: out->push_back('\x00'); return;
    case Kind::kPosInf: out->push_back('\x04'); return;
    case Kind::kNaN: out->push_back('\x05'); return;
    case Kind::kFinite: break;
  }
  if (digits_.empty()) {
    out->push_back('\x02');
    return;
  }
  out->push_back(negative_ ? '\x01' : '\x03');
  std::string body;
  uint32_t exp = static_cast<uint32_t>(Exponent()) ^ 0x80000000u;
  for (int i = 3; i >= 0; i--) body.push_back(static_cast<char>((exp >> (8 * i)) & 0xff));
  size_t first = 0;
  while (first < digits_.size() && digits_[first] == 0) first++;
  for (size_t i = digits_.size(); i-- > first;) body.push_back(static_cast<char>(digits_[i] + 1));
  body.push_back('\0');
  if (negative_) {
    for (auto& c : body) c = static_cast<char>(~static_cast<uint8_t>(c));
  }
  out->append(body);
}

}  // namespace kanto
