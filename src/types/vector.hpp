// Vector and DataChunk: the columnar batches that physical operators exchange.
// A Vector holds one column of up to kChunkSize values of one LogicalType, in the array that matches
// the type's PhysicalType, plus a null mask. A DataChunk is a set of equally long Vectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "types/value.hpp"

namespace kanto {

inline constexpr size_t kChunkSize = 2048;

class Vector {
 public:
  Vector() = default;
  explicit Vector(LogicalType type) : type_(type) {}

  const LogicalType& type() const { return type_; }
  // Changes the type's modifiers or id within the same physical type (e.g. int4 -> int8 view).
  void set_type(LogicalType t) { type_ = t; }
  size_t size() const { return nulls_.size(); }

  void Reserve(size_t n);
  void Resize(size_t n);  // new slots are NULL
  void Clear();

  bool IsNull(size_t i) const { return nulls_[i] != 0; }
  void SetNull(size_t i, bool null = true) { nulls_[i] = null ? 1 : 0; }
  bool HasNulls() const;

  // Typed slots; the one matching type().physical() is sized, the others stay empty.
  std::vector<int64_t>& ints() { return ints_; }
  std::vector<double>& doubles() { return doubles_; }
  std::vector<std::string>& strings() { return strings_; }
  std::vector<Numeric>& numerics() { return numerics_; }
  std::vector<Interval>& intervals() { return intervals_; }
  const std::vector<int64_t>& ints() const { return ints_; }
  const std::vector<double>& doubles() const { return doubles_; }
  const std::vector<std::string>& strings() const { return strings_; }
  const std::vector<Numeric>& numerics() const { return numerics_; }
  const std::vector<Interval>& intervals() const { return intervals_; }
  std::vector<uint8_t>& nulls() { return nulls_; }
  const std::vector<uint8_t>& nulls() const { return nulls_; }

  Value GetValue(size_t i) const;
  // Like GetValue, but moves a string out (the slot is left empty): for a chunk read only once.
  Value TakeValue(size_t i);
  void SetValue(size_t i, const Value& v);  // v must have this vector's physical type (or be NULL)
  void SetValue(size_t i, Value&& v);       // moves v's string in when v holds the only reference
  void Append(const Value& v);
  void Append(Value&& v);
  // Appends row `i` of `other` (same physical type).
  void AppendFrom(const Vector& other, size_t i);
  // Keeps only the rows whose index is listed in `sel`, in that order.
  void Select(const std::vector<uint32_t>& sel);

 private:
  LogicalType type_;
  std::vector<uint8_t> nulls_;
  std::vector<int64_t> ints_;
  std::vector<double> doubles_;
  std::vector<std::string> strings_;
  std::vector<Numeric> numerics_;
  std::vector<Interval> intervals_;
};

class DataChunk {
 public:
  DataChunk() = default;
  explicit DataChunk(const std::vector<LogicalType>& types);

  void Initialize(const std::vector<LogicalType>& types);
  size_t size() const { return size_; }
  void set_size(size_t n) { size_ = n; }
  size_t column_count() const { return columns_.size(); }
  Vector& column(size_t i) { return columns_[i]; }
  const Vector& column(size_t i) const { return columns_[i]; }
  std::vector<Vector>& columns() { return columns_; }
  std::vector<LogicalType> types() const;

  void Reset();  // size 0, columns emptied, types kept
  void AppendRow(const std::vector<Value>& row);
  void AppendRow(std::vector<Value>&& row);
  void AppendRowFrom(const DataChunk& other, size_t row);
  std::vector<Value> GetRow(size_t row) const;
  // Approximate bytes a row holds (for memory budgets).
  size_t ApproxRowBytes(size_t row) const;
  void Select(const std::vector<uint32_t>& sel);

 private:
  std::vector<Vector> columns_;
  size_t size_ = 0;
};

}  // namespace kanto
