// count, sum, avg, min, max, bool_and/bool_or/every, string_agg.
#include <cmath>

#include "function/aggregate.hpp"
#include "function/cast.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"
#include "types/value_compare.hpp"

namespace kanto {

const AggregateRegistry& AggregateRegistry::Instance() {
  static const AggregateRegistry* registry = [] {
    auto* r = new AggregateRegistry();
    RegisterBasicAggregates(*r);
    RegisterStatisticalAggregates(*r);
    RegisterJsonAggregates(*r);
    RegisterOrderedSetAggregates(*r);
    return r;
  }();
  return *registry;
}

void AggregateRegistry::Add(AggregateFunction fn) {
  std::string name = fn.name;
  functions_[name].push_back(std::move(fn));
}

const std::vector<AggregateFunction>* AggregateRegistry::Find(const std::string& name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : &it->second;
}

namespace {

class CountState : public AggregateState {
 public:
  void Update(const std::vector<const Vector*>&, size_t) override { n_++; }
  Value Finalize() override { return Value::Int8(n_); }

 private:
  int64_t n_ = 0;
};

class IntSumState : public AggregateState {  // int2/int4 -> int8 (checked)
 public:
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    if (__builtin_add_overflow(sum_, a[0]->ints()[row], &sum_)) {
      throw Error(sqlstate::kNumericValueOutOfRange, "bigint out of range");
    }
    any_ = true;
  }
  Value Finalize() override { return any_ ? Value::Int8(sum_) : Value::Null(LogicalType(TypeId::kInt8)); }

 private:
  int64_t sum_ = 0;
  bool any_ = false;
};

// Sums int8 exactly in 128 bits, numerics as Numeric; result numeric. With `average` divides by count.
class NumericSumState : public AggregateState {
 public:
  NumericSumState(bool from_ints, bool average) : from_ints_(from_ints), average_(average) {}
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    if (from_ints_) {
      wide_ += a[0]->ints()[row];
    } else {
      sum_ = sum_.Add(a[0]->numerics()[row]);
    }
    n_++;
  }
  Value Finalize() override {
    if (n_ == 0) return Value::Null(LogicalType(TypeId::kNumeric));
    Numeric total = sum_;
    if (from_ints_) {
      bool neg = wide_ < 0;
      unsigned __int128 mag = neg ? -static_cast<unsigned __int128>(wide_) : static_cast<unsigned __int128>(wide_);
      std::string digits;
      do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(mag % 10)));
        mag /= 10;
      } while (mag);
      total = Numeric::Parse((neg ? "-" : "") + digits);
    }
    if (!average_) return Value::FromNumeric(total);
    return Value::FromNumeric(total.Div(Numeric::FromInt64(n_)));
  }

 private:
  bool from_ints_;
  bool average_;
  __int128 wide_ = 0;
  Numeric sum_;
  int64_t n_ = 0;
};

class FloatSumState : public AggregateState {
 public:
  FloatSumState(LogicalType result, bool average) : result_(result), average_(average) {}
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    sum_ += a[0]->type().IsInteger() ? static_cast<double>(a[0]->ints()[row]) : a[0]->doubles()[row];
    n_++;
  }
  Value Finalize() override {
    if (n_ == 0) return Value::Null(result_);
    return Value::FromDouble(result_, average_ ? sum_ / static_cast<double>(n_) : sum_);
  }

 private:
  LogicalType result_;
  bool average_;
  double sum_ = 0;
  int64_t n_ = 0;
};

class IntervalSumState : public AggregateState {
 public:
  explicit IntervalSumState(bool average) : average_(average) {}
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    const Interval& v = a[0]->intervals()[row];
    sum_.months += v.months;
    sum_.days += v.days;
    sum_.micros += v.micros;
    n_++;
  }
  Value Finalize() override {
    if (n_ == 0) return Value::Null(LogicalType(TypeId::kInterval));
    if (!average_) return Value::FromInterval(sum_);
    Interval r;
    double months = static_cast<double>(sum_.months) / n_;
    r.months = static_cast<int32_t>(months);
    double days = static_cast<double>(sum_.days) / n_ + (months - r.months) * 30;
    r.days = static_cast<int32_t>(days);
    r.micros = static_cast<int64_t>(std::llround(static_cast<double>(sum_.micros) / n_ + (days - r.days) * 86400e6));
    return Value::FromInterval(r);
  }

 private:
  bool average_;
  Interval sum_;
  int64_t n_ = 0;
};

class MinMaxState : public AggregateState {
 public:
  MinMaxState(LogicalType type, bool max) : best_(Value::Null(type)), max_(max) {}
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    Value v = a[0]->GetValue(row);
    if (best_.is_null()) {
      best_ = std::move(v);
      return;
    }
    int c = CompareValues(v, best_);
    if (max_ ? c > 0 : c < 0) best_ = std::move(v);
  }
  Value Finalize() override { return best_; }
  size_t MemoryUsage() const override { return sizeof(*this) + best_.str_value().size(); }

 private:
  Value best_;
  bool max_;
};

class BoolState : public AggregateState {
 public:
  explicit BoolState(bool is_and) : is_and_(is_and), acc_(is_and) {}
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    bool v = a[0]->ints()[row] != 0;
    acc_ = is_and_ ? (acc_ && v) : (acc_ || v);
    any_ = true;
  }
  Value Finalize() override { return any_ ? Value::Bool(acc_) : Value::Null(LogicalType(TypeId::kBool)); }

 private:
  bool is_and_;
  bool acc_;
  bool any_ = false;
};

class StringAggState : public AggregateState {
 public:
  explicit StringAggState(LogicalType type) : type_(type) {}
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    if (any_) out_ += a[1]->IsNull(row) ? "" : a[1]->strings()[row];
    out_ += a[0]->strings()[row];
    any_ = true;
  }
  Value Finalize() override { return any_ ? Value::FromString(type_, out_) : Value::Null(type_); }
  size_t MemoryUsage() const override { return sizeof(*this) + out_.size(); }

 private:
  LogicalType type_;  // text, or bytea for string_agg(bytea, bytea)
  std::string out_;
  bool any_ = false;
};

// array_agg: every value, NULLs included, in arrival order.
class ArrayAggState : public AggregateState {
 public:
  explicit ArrayAggState(LogicalType type) : type_(type) {}
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    Value v = a[0]->GetValue(row);
    bytes_ += sizeof(Value) + (v.is_null() ? 0 : v.str_value().size());
    values_.push_back(std::move(v));
  }
  Value Finalize() override { return values_.empty() ? Value::Null(type_) : MakeArrayValue(type_, values_); }
  size_t MemoryUsage() const override { return sizeof(*this) + bytes_; }

 private:
  LogicalType type_;
  std::vector<Value> values_;
  size_t bytes_ = 0;
};

void Add(AggregateRegistry& r, const char* name, std::vector<LogicalType> args, LogicalType ret,
         std::function<std::unique_ptr<AggregateState>(const std::vector<LogicalType>&, const LogicalType&)> make,
         bool strict = true, ReturnTypeFn ret_fn = nullptr) {
  AggregateFunction f;
  f.name = name;
  f.arg_types = std::move(args);
  f.return_type = ret;
  f.make_state = std::move(make);
  f.strict = strict;
  f.return_type_fn = std::move(ret_fn);
  r.Add(std::move(f));
}

}  // namespace

void RegisterBasicAggregates(AggregateRegistry& r) {
  auto count = [](const std::vector<LogicalType>&, const LogicalType&) { return std::make_unique<CountState>(); };
  Add(r, "count", {}, T(TypeId::kInt8), count, false);
  Add(r, "count", {T(TypeId::kUnknown)}, T(TypeId::kInt8), count);
  for (TypeId t : {TypeId::kInt2, TypeId::kInt4}) {
    Add(r, "sum", {T(t)}, T(TypeId::kInt8), [](auto&, auto&) { return std::make_unique<IntSumState>(); });
    Add(r, "avg", {T(t)}, T(TypeId::kNumeric), [](auto&, auto&) { return std::make_unique<NumericSumState>(true, true); });
  }
  Add(r, "sum", {T(TypeId::kInt8)}, T(TypeId::kNumeric), [](auto&, auto&) { return std::make_unique<NumericSumState>(true, false); });
  Add(r, "avg", {T(TypeId::kInt8)}, T(TypeId::kNumeric), [](auto&, auto&) { return std::make_unique<NumericSumState>(true, true); });
  Add(r, "sum", {T(TypeId::kNumeric)}, T(TypeId::kNumeric), [](auto&, auto&) { return std::make_unique<NumericSumState>(false, false); });
  Add(r, "avg", {T(TypeId::kNumeric)}, T(TypeId::kNumeric), [](auto&, auto&) { return std::make_unique<NumericSumState>(false, true); });
  Add(r, "sum", {T(TypeId::kFloat4)}, T(TypeId::kFloat4), [](auto&, auto&) { return std::make_unique<FloatSumState>(T(TypeId::kFloat4), false); });
  Add(r, "sum", {T(TypeId::kFloat8)}, T(TypeId::kFloat8), [](auto&, auto&) { return std::make_unique<FloatSumState>(T(TypeId::kFloat8), false); });
  Add(r, "avg", {T(TypeId::kFloat4)}, T(TypeId::kFloat8), [](auto&, auto&) { return std::make_unique<FloatSumState>(T(TypeId::kFloat8), true); });
  Add(r, "avg", {T(TypeId::kFloat8)}, T(TypeId::kFloat8), [](auto&, auto&) { return std::make_unique<FloatSumState>(T(TypeId::kFloat8), true); });
  Add(r, "sum", {T(TypeId::kInterval)}, T(TypeId::kInterval), [](auto&, auto&) { return std::make_unique<IntervalSumState>(false); });
  Add(r, "avg", {T(TypeId::kInterval)}, T(TypeId::kInterval), [](auto&, auto&) { return std::make_unique<IntervalSumState>(true); });
  auto same = [](const std::vector<LogicalType>& a) { return a[0]; };
  Add(r, "min", {T(TypeId::kUnknown)}, T(TypeId::kUnknown),
      [](const std::vector<LogicalType>& a, const LogicalType&) { return std::make_unique<MinMaxState>(a[0], false); }, true, same);
  Add(r, "max", {T(TypeId::kUnknown)}, T(TypeId::kUnknown),
      [](const std::vector<LogicalType>& a, const LogicalType&) { return std::make_unique<MinMaxState>(a[0], true); }, true, same);
  for (const char* name : {"bool_and", "every"}) {
    Add(r, name, {T(TypeId::kBool)}, T(TypeId::kBool), [](auto&, auto&) { return std::make_unique<BoolState>(true); });
  }
  Add(r, "bool_or", {T(TypeId::kBool)}, T(TypeId::kBool), [](auto&, auto&) { return std::make_unique<BoolState>(false); });
  for (TypeId type : {TypeId::kText, TypeId::kBytea}) {
    AggregateFunction sa;
    sa.name = "string_agg";
    sa.arg_types = {T(type), T(type)};
    sa.return_type = T(type);
    sa.make_state = [type](auto&, auto&) { return std::make_unique<StringAggState>(T(type)); };
    sa.strict = false;  // a NULL delimiter is allowed; NULL values are skipped by the executor check below
    sa.order_sensitive = true;
    r.Add(sa);
  }
  AggregateFunction aa;
  aa.name = "array_agg";
  aa.arg_types = {T(TypeId::kUnknown)};
  aa.return_type_fn = [](const std::vector<LogicalType>& a) {
    if (a[0].id == TypeId::kArray) {
      throw Error(sqlstate::kFeatureNotSupported, "array_agg of arrays (multidimensional arrays) is not supported");
    }
    return LogicalType::ArrayOf(a[0]);
  };
  aa.make_state = [](const std::vector<LogicalType>&, const LogicalType& result) {
    return std::make_unique<ArrayAggState>(result);
  };
  aa.strict = false;
  aa.keeps_nulls = true;
  aa.order_sensitive = true;
  r.Add(aa);
}

}  // namespace kanto
