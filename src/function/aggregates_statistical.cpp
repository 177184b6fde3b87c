// stddev / stddev_samp / stddev_pop / variance / var_samp / var_pop, computed as PostgreSQL does:
// exactly over numeric for integer and numeric input (N*sum(x^2) - sum(x)^2, divided with
// numeric's division scale, then the square root to that scale), with the Youngs-Cramer algorithm
// over double precision for real and double precision input.
#include <cmath>

#include "function/aggregate.hpp"
#include "types/numeric.hpp"

namespace kanto {

namespace {

enum class Kind : uint8_t { kVarSamp, kVarPop, kStddevSamp, kStddevPop };

bool IsSample(Kind k) { return k == Kind::kVarSamp || k == Kind::kStddevSamp; }
bool IsStddev(Kind k) { return k == Kind::kStddevSamp || k == Kind::kStddevPop; }

class NumericVarianceState : public AggregateState {
 public:
  explicit NumericVarianceState(Kind kind) : kind_(kind) {}
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    const Vector& v = *a[0];
    Numeric x = v.type().IsInteger() ? Numeric::FromInt64(v.ints()[row]) : v.numerics()[row];
    if (x.IsNaN() || x.IsInfinite()) {
      special_ = true;
      return;
    }
    sum_ = sum_.Add(x);
    sum_squares_ = sum_squares_.Add(x.Mul(x));
    n_++;
  }
  Value Finalize() override {
    LogicalType t(TypeId::kNumeric);
    if (n_ == 0 || (IsSample(kind_) && n_ == 1)) return Value::Null(t);
    if (special_) return Value::FromNumeric(Numeric::Parse("NaN"));
    Numeric n = Numeric::FromInt64(n_);
    Numeric numerator = n.Mul(sum_squares_).Sub(sum_.Mul(sum_));
    if (numerator.Sign() <= 0) return Value::FromNumeric(Numeric());
    Numeric denominator = IsSample(kind_) ? n.Mul(Numeric::FromInt64(n_ - 1)) : n.Mul(n);
    Numeric variance = numerator.Div(denominator);
    return Value::FromNumeric(IsStddev(kind_) ? variance.SqrtScale(variance.Scale()) : variance);
  }

 private:
  Kind kind_;
  Numeric sum_, sum_squares_;
  int64_t n_ = 0;
  bool special_ = false;
};

class FloatVarianceState : public AggregateState {
 public:
  explicit FloatVarianceState(Kind kind) : kind_(kind) {}
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    double x = a[0]->doubles()[row];
    n_ += 1;
    sx_ += x;
    if (n_ > 1) {
      double tmp = x * n_ - sx_;
      sxx_ += tmp * tmp / (n_ * (n_ - 1));
      if (std::isinf(sx_) || std::isinf(sxx_)) sxx_ = std::isnan(x) ? x : NAN;
    } else if (std::isnan(x) || std::isinf(x)) {
      sxx_ = NAN;
    }
  }
  Value Finalize() override {
    if (n_ == 0 || (IsSample(kind_) && n_ == 1)) return Value::Null(LogicalType(TypeId::kFloat8));
    double variance = sxx_ / (IsSample(kind_) ? n_ - 1 : n_);
    return Value::Float8(IsStddev(kind_) ? std::sqrt(variance) : variance);
  }

 private:
  Kind kind_;
  double n_ = 0, sx_ = 0, sxx_ = 0;
};

}  // namespace

void RegisterStatisticalAggregates(AggregateRegistry& r) {
  struct Name {
    const char* name;
    Kind kind;
  };
  const Name names[] = {{"variance", Kind::kVarSamp},     {"var_samp", Kind::kVarSamp},
                        {"var_pop", Kind::kVarPop},       {"stddev", Kind::kStddevSamp},
                        {"stddev_samp", Kind::kStddevSamp}, {"stddev_pop", Kind::kStddevPop}};
  for (const auto& n : names) {
    Kind kind = n.kind;
    for (TypeId t : {TypeId::kInt2, TypeId::kInt4, TypeId::kInt8, TypeId::kNumeric}) {
      AggregateFunction f;
      f.name = n.name;
      f.arg_types = {LogicalType(t)};
      f.return_type = LogicalType(TypeId::kNumeric);
      f.make_state = [kind](auto&, auto&) { return std::make_unique<NumericVarianceState>(kind); };
      r.Add(std::move(f));
    }
    for (TypeId t : {TypeId::kFloat4, TypeId::kFloat8}) {
      AggregateFunction f;
      f.name = n.name;
      f.arg_types = {LogicalType(t)};
      f.return_type = LogicalType(TypeId::kFloat8);
      f.make_state = [kind](auto&, auto&) { return std::make_unique<FloatVarianceState>(kind); };
      r.Add(std::move(f));
    }
  }
}

}  // namespace kanto
