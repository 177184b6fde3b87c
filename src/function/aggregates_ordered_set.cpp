// Ordered-set aggregates, as PostgreSQL 15's: percentile_cont, percentile_disc and mode, called as
// f(direct args) WITHIN GROUP (ORDER BY x). The executor feeds each group's rows in the WITHIN GROUP
// order (as for array_agg(... ORDER BY ...)); the states keep the non-NULL values and pick at the end.
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "function/aggregate.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"
#include "types/datetime.hpp"
#include "types/numeric.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {

LogicalType T(TypeId id) { return LogicalType(id); }

std::string FractionText(double p) {
  if (std::isnan(p)) return "NaN";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), p);
  return std::string(buf, r.ptr);
}

// A fraction of an array argument: the binder keeps an array's own element type (numeric for
// ARRAY[0.25, 0.5]), so elements are read by their type.
double FractionValue(const Value& v) {
  switch (v.type().id) {
    case TypeId::kFloat4:
    case TypeId::kFloat8:
      return v.double_value();
    case TypeId::kNumeric:
      return v.numeric_value().ToDouble();
    default:
      return static_cast<double>(v.int_value());
  }
}

void CheckFraction(double p) {
  if (std::isnan(p) || p < 0 || p > 1) {
    throw Error(sqlstate::kNumericValueOutOfRange, "percentile value " + FractionText(p) + " is not between 0 and 1");
  }
}

// Collects a group's values (NULLs skipped) in arrival order, which is the WITHIN GROUP order.
class SortedValuesState : public AggregateState {
 public:
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    size_t value_arg = a.size() - 1;
    if (!have_direct_ && value_arg > 0) {
      direct_ = a[0]->GetValue(row);
      have_direct_ = true;
    }
    if (a[value_arg]->IsNull(row)) return;
    Value v = a[value_arg]->GetValue(row);
    bytes_ += sizeof(Value) + v.str_value().size();
    values_.push_back(std::move(v));
  }
  size_t MemoryUsage() const override { return sizeof(*this) + bytes_; }

 protected:
  Value direct_;
  bool have_direct_ = false;
  std::vector<Value> values_;
  size_t bytes_ = 0;
};

// percentile_cont (interpolating; float8 or interval) and percentile_disc (the first value whose
// position reaches the fraction; any type), with one fraction or an array of them.
class PercentileState : public SortedValuesState {
 public:
  PercentileState(LogicalType result, bool cont, bool multi) : result_(result), cont_(cont), multi_(multi) {}
  Value Finalize() override {
    if (!multi_) {
      if (!have_direct_ || direct_.is_null()) return Value::Null(result_);
      double p = direct_.double_value();
      CheckFraction(p);
      if (values_.empty()) return Value::Null(result_);
      return Pick(p);
    }
    // The array form answers NULL for an empty group before it looks at the fractions.
    if (values_.empty() || !have_direct_ || direct_.is_null()) return Value::Null(result_);
    std::vector<Value> fractions = DecodeArray(direct_.str_value(), direct_.type().ElementType());
    std::vector<Value> out;
    LogicalType element = result_.ElementType();
    for (const Value& f : fractions) {
      if (f.is_null()) {
        out.push_back(Value::Null(element));
        continue;
      }
      double p = FractionValue(f);
      CheckFraction(p);
      out.push_back(Pick(p));
    }
    return MakeArrayValue(result_, out);
  }

 private:
  Value Pick(double p) const {
    size_t n = values_.size();
    if (!cont_) {
      double at = std::ceil(p * static_cast<double>(n));
      size_t row = at <= 1 ? 0 : static_cast<size_t>(at) - 1;
      return values_[std::min(row, n - 1)];
    }
    double pos = p * static_cast<double>(n - 1);
    size_t lo = static_cast<size_t>(std::floor(pos)), hi = static_cast<size_t>(std::ceil(pos));
    const Value& a = values_[lo];
    if (hi == lo) return a;
    const Value& b = values_[hi];
    double frac = pos - static_cast<double>(lo);
    if (a.type().id == TypeId::kInterval) {
      const Interval& x = a.interval_value();
      const Interval& y = b.interval_value();
      Interval diff;
      diff.months = y.months - x.months;
      diff.days = y.days - x.days;
      diff.micros = y.micros - x.micros;
      Interval step = datetime::MultiplyInterval(diff, frac);
      Interval sum;
      sum.months = x.months + step.months;
      sum.days = x.days + step.days;
      sum.micros = x.micros + step.micros;
      return Value::FromInterval(sum);
    }
    return Value::Float8(a.double_value() + frac * (b.double_value() - a.double_value()));
  }

  LogicalType result_;
  bool cont_;
  bool multi_;
};

// mode(): the most frequent value; among equally frequent ones the first in the WITHIN GROUP order.
class ModeState : public SortedValuesState {
 public:
  explicit ModeState(LogicalType result) : result_(result) {}
  Value Finalize() override {
    if (values_.empty()) return Value::Null(result_);
    size_t best = 0, best_count = 0;
    for (size_t i = 0; i < values_.size();) {
      size_t j = i + 1;
      while (j < values_.size() && CompareValues(values_[j], values_[i]) == 0) j++;
      if (j - i > best_count) {
        best = i;
        best_count = j - i;
      }
      i = j;
    }
    return values_[best];
  }

 private:
  LogicalType result_;
};

// rank / dense_rank / percent_rank / cume_dist(args) WITHIN GROUP (ORDER BY keys): where the
// hypothetical row `args` would fall among the group's rows, in the WITHIN GROUP order (NULLs
// included, placed as NULLS FIRST / LAST say). Rows arrive sorted; the arguments are the k
// hypothetical values, then the k keys.
class HypotheticalState : public AggregateState {
 public:
  HypotheticalState(std::string kind, LogicalType result) : kind_(std::move(kind)), result_(result) {}
  void SetSortOrder(const std::vector<uint8_t>& desc, const std::vector<uint8_t>& nulls_first) override {
    desc_ = desc;
    nulls_first_ = nulls_first;
  }
  void Update(const std::vector<const Vector*>& a, size_t row) override {
    size_t k = a.size() / 2;
    if (!have_direct_) {
      for (size_t i = 0; i < k; i++) direct_.push_back(a[i]->GetValue(row));
      have_direct_ = true;
    }
    std::vector<Value> keys;
    for (size_t i = 0; i < k; i++) keys.push_back(a[k + i]->GetValue(row));
    rows_++;
    int c = Compare(keys, direct_);
    if (c < 0) {
      before_++;
      if (previous_.empty() || Compare(keys, previous_) != 0) distinct_before_++;
      previous_ = keys;
    } else if (c == 0) {
      peers_++;
    }
  }
  Value Finalize() override {
    if (kind_ == "rank") return Value::Int8(before_ + 1);
    if (kind_ == "dense_rank") return Value::Int8(distinct_before_ + 1);
    if (kind_ == "percent_rank") {
      return Value::Float8(rows_ == 0 ? 0.0 : static_cast<double>(before_) / static_cast<double>(rows_));
    }
    return Value::Float8(static_cast<double>(before_ + peers_ + 1) / static_cast<double>(rows_ + 1));
  }
 private:
  int Compare(const std::vector<Value>& x, const std::vector<Value>& y) const {
    for (size_t i = 0; i < x.size(); i++) {
      bool nx = x[i].is_null(), ny = y[i].is_null();
      if (nx || ny) {
        if (nx && ny) continue;
        bool first = i < nulls_first_.size() && nulls_first_[i];
        return (nx == first) ? -1 : 1;
      }
      int c = CompareValues(x[i], y[i]);
      if (c != 0) return (i < desc_.size() && desc_[i]) ? -c : c;
    }
    return 0;
  }

  std::string kind_;
  LogicalType result_;
  std::vector<uint8_t> desc_, nulls_first_;
  std::vector<Value> direct_, previous_;
  bool have_direct_ = false;
  int64_t rows_ = 0, before_ = 0, distinct_before_ = 0, peers_ = 0;
};

void AddOrderedSet(AggregateRegistry& r, const char* name, std::vector<LogicalType> args, LogicalType ret,
                   ReturnTypeFn ret_fn,
                   std::function<std::unique_ptr<AggregateState>(const std::vector<LogicalType>&, const LogicalType&)> make) {
  AggregateFunction f;
  f.name = name;
  f.direct_args = static_cast<int>(args.size()) - 1;
  f.arg_types = std::move(args);
  f.return_type = ret;
  f.return_type_fn = std::move(ret_fn);
  f.make_state = std::move(make);
  f.strict = false;
  f.keeps_nulls = true;  // the states skip NULL values themselves and read the direct arguments
  f.order_sensitive = true;
  r.Add(std::move(f));
}

}  // namespace

void RegisterOrderedSetAggregates(AggregateRegistry& r) {
  LogicalType f8 = T(TypeId::kFloat8), f8s = LogicalType::ArrayOf(f8);
  for (TypeId value : {TypeId::kFloat8, TypeId::kInterval}) {
    AddOrderedSet(r, "percentile_cont", {f8, T(value)}, T(value), nullptr, [](auto&, const LogicalType& result) {
      return std::make_unique<PercentileState>(result, true, false);
    });
    AddOrderedSet(r, "percentile_cont", {f8s, T(value)}, LogicalType::ArrayOf(T(value)), nullptr,
                  [](auto&, const LogicalType& result) { return std::make_unique<PercentileState>(result, true, true); });
  }
  AddOrderedSet(r, "percentile_disc", {f8, T(TypeId::kUnknown)}, T(TypeId::kUnknown),
                [](const std::vector<LogicalType>& a) { return a[1]; },
                [](auto&, const LogicalType& result) { return std::make_unique<PercentileState>(result, false, false); });
  AddOrderedSet(r, "percentile_disc", {f8s, T(TypeId::kUnknown)}, T(TypeId::kUnknown),
                [](const std::vector<LogicalType>& a) {
                  if (a[1].IsArray()) {
                    throw Error(sqlstate::kFeatureNotSupported,
                                "percentile_disc of arrays with an array of fractions (multidimensional arrays) is not supported");
                  }
                  return LogicalType::ArrayOf(a[1]);
                },
                [](auto&, const LogicalType& result) { return std::make_unique<PercentileState>(result, false, true); });
  // Hypothetical-set aggregates, one entry per number of sort keys (1 to 4): the binder looks them
  // up as $hypothetical_<name> for calls WITH GROUP, leaving rank() OVER (...) to the window functions.
  for (const char* kind : {"rank", "dense_rank", "percent_rank", "cume_dist"}) {
    std::string kind_name = kind;
    LogicalType result = kind_name == "rank" || kind_name == "dense_rank" ? T(TypeId::kInt8) : f8;
    for (size_t keys = 1; keys <= 4; keys++) {
      AggregateFunction f;
      f.name = "$hypothetical_" + kind_name;
      f.arg_types.assign(2 * keys, T(TypeId::kUnknown));
      f.direct_args = static_cast<int>(keys);
      f.return_type = result;
      f.make_state = [kind_name](auto&, const LogicalType& type) {
        return std::make_unique<HypotheticalState>(kind_name, type);
      };
      f.hypothetical = true;
      f.strict = false;
      f.keeps_nulls = true;
      f.order_sensitive = true;
      r.Add(std::move(f));
    }
  }
  AddOrderedSet(r, "mode", {T(TypeId::kUnknown)}, T(TypeId::kUnknown), [](const std::vector<LogicalType>& a) { return a[0]; },
                [](auto&, const LogicalType& result) { return std::make_unique<ModeState>(result); });
}

}  // namespace kanto
