// Value: one SQL value of any type (or NULL). Used for constants, parameters and row-at-a-time paths;
// bulk data lives in Vector.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "types/interval.hpp"
#include "types/logical_type.hpp"
#include "types/numeric.hpp"

namespace kanto {

class Value {
 public:
  Value() = default;  // NULL of unknown type
  static Value Null(LogicalType type) { Value v; v.type_ = type; return v; }
  static Value Bool(bool b) { return FromInt(LogicalType(TypeId::kBool), b ? 1 : 0); }
  static Value Int2(int64_t v) { return FromInt(LogicalType(TypeId::kInt2), v); }
  static Value Int4(int64_t v) { return FromInt(LogicalType(TypeId::kInt4), v); }
  static Value Int8(int64_t v) { return FromInt(LogicalType(TypeId::kInt8), v); }
  static Value Float4(double v) { return FromDouble(LogicalType(TypeId::kFloat4), v); }
  static Value Float8(double v) { return FromDouble(LogicalType(TypeId::kFloat8), v); }
  static Value Text(std::string s) { return FromString(LogicalType(TypeId::kText), std::move(s)); }
  static Value Unknown(std::string s) { return FromString(LogicalType(TypeId::kUnknown), std::move(s)); }
  static Value Bytea(std::string s) { return FromString(LogicalType(TypeId::kBytea), std::move(s)); }
  static Value Date(int64_t days) { return FromInt(LogicalType(TypeId::kDate), days); }
  static Value Timestamp(int64_t us) { return FromInt(LogicalType(TypeId::kTimestamp), us); }
  static Value TimestampTz(int64_t us) { return FromInt(LogicalType(TypeId::kTimestampTz), us); }
  static Value FromNumeric(Numeric n, LogicalType type = LogicalType(TypeId::kNumeric)) {
    Value v; v.type_ = type; v.null_ = false; v.num_ = std::move(n); return v;
  }
  static Value FromInterval(Interval i) {
    Value v; v.type_ = LogicalType(TypeId::kInterval); v.null_ = false; v.interval_ = i; return v;
  }
  static Value FromInt(LogicalType type, int64_t i) { Value v; v.type_ = type; v.null_ = false; v.i_ = i; return v; }
  static Value FromDouble(LogicalType type, double d) { Value v; v.type_ = type; v.null_ = false; v.d_ = d; return v; }
  static Value FromString(LogicalType type, std::string s) {
    Value v; v.type_ = type; v.null_ = false;
    if (s.size() >= kSharedStringBytes) {
      v.big_ = std::make_shared<std::string>(std::move(s));
    } else {
      v.s_ = std::move(s);
    }
    return v;
  }
  // Strings this long are shared by the copies of a Value (a constant, the plan's copy of it, the
  // value evaluated from it) instead of being copied: a 100 MB text value is held once.
  static constexpr size_t kSharedStringBytes = 4096;

  const LogicalType& type() const { return type_; }
  void set_type(LogicalType t) { type_ = t; }
  bool is_null() const { return null_; }

  // Accessors by physical type; the caller knows the type.
  int64_t int_value() const { return i_; }
  bool bool_value() const { return i_ != 0; }
  double double_value() const { return d_; }
  const std::string& str_value() const { return big_ ? *big_ : s_; }
  // The string, moved out when this Value holds the only reference (else copied); the Value is
  // left NULL.
  std::string TakeString() {
    std::string out = !big_ ? std::move(s_) : big_.use_count() == 1 ? std::move(*big_) : *big_;
    big_.reset();
    null_ = true;
    return out;
  }
  const Numeric& numeric_value() const { return num_; }
  const Interval& interval_value() const { return interval_; }

 private:
  LogicalType type_;
  bool null_ = true;
  int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  // Instead of s_ for strings of kSharedStringBytes or more; never changed while shared.
  std::shared_ptr<std::string> big_;
  Numeric num_;
  Interval interval_;
};

}  // namespace kanto
